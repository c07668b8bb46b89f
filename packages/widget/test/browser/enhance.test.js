// Syntax highlighting and math: loaded lazily (separate chunks next to company-chat.js) the first time
// an answer needs them, through the enhancers <company-chat> hands to each answer's <cc-markdown>.
// Nodes are built the way the markdown renderer renders finished code blocks and formulas
// (`<pre part="code-block"><code data-lang>`, `.cc-math[data-tex]`) and handed to those enhancers.
import '../../dist/company-chat.js';
import {
  assert,
  cleanup,
  createChat,
  deep,
  equal,
  messageBody,
  messages,
  script,
  settled,
  waitFor,
} from './helpers.js';

/** Requests the page made for a lazy chunk (`highlight` or `math`). */
const chunkRequests = (name) =>
  performance.getEntriesByType('resource').filter((e) => new URL(e.name).pathname.includes(`/chunks/${name}-`));

/** A chat with one finished answer; returns that answer's <cc-markdown>. */
async function answerMarkdown(attrs = {}) {
  const el = await createChat(attrs);
  await el.send('enhance me');
  await settled(el, 2);
  return deep(messages(el)[1], 'cc-markdown');
}

/** Adds a finished code block to the answer and hands it to the code enhancer. */
function codeBlock(md, lang, text) {
  const pre = document.createElement('pre');
  pre.setAttribute('part', 'code-block');
  const code = document.createElement('code');
  code.dataset.lang = lang;
  code.textContent = text;
  pre.append(code);
  md.shadowRoot.append(pre);
  md.enhancers.code(code, lang, text);
  return code;
}

/** Adds a finished math node to the answer and hands it to the math enhancer. */
function mathNode(md, tex, display) {
  const node = document.createElement(display ? 'div' : 'span');
  node.className = display ? 'cc-math cc-math-display' : 'cc-math';
  node.dataset.tex = tex;
  node.textContent = tex;
  md.shadowRoot.append(node);
  md.enhancers.math(node, tex, display);
  return node;
}

const samples = {
  ts: 'const answer: number = 42; // the answer',
  javascript: 'function greet(name) { return "hi " + name; }',
  python: 'def add(a: int, b: int) -> int:\n    return a + b',
  java: 'public class Main { public static void main(String[] args) {} }',
  csharp: 'public record Point(int X, int Y);',
  go: 'func main() { fmt.Println("hi") }',
  rust: 'fn main() { let x: u32 = 5; println!("{}", x); }',
  sql: 'SELECT id, name FROM users WHERE active = true;',
  bash: 'for f in *.txt; do echo "$f"; done',
  json: '{ "name": "chat", "count": 3, "ok": true }',
  yaml: 'services:\n  chat:\n    image: "company-chat:1"',
  html: '<div class="box"><a href="/x">link</a></div>',
  css: '.box { color: red; margin: 0 auto; }',
};

describe('lazy syntax highlighting and math', () => {
  afterEach(cleanup);

  // Runs first in this page: nothing has needed a chunk yet.
  it('requests no chunk for answers without code or math', async () => {
    const md = await answerMarkdown();
    assert(md.enhancers?.code, 'enhancers handed to the answer');
    equal(chunkRequests('highlight').length, 0, 'highlight chunk requests');
    equal(chunkRequests('math').length, 0, 'math chunk requests');
  });

  // The whole path: the scripted model streams the answer, the real renderer finishes the blocks and
  // hands them over. Earlier answers in this page had no code or math, so these load the chunks first.
  it('an answer with a ts block and $x^2$ shows highlighted code and MathML, chunks loaded on demand', async () => {
    const el = await createChat();
    await el.send(script({ chunks: ['Plain ', 'prose first.'] }));
    await settled(el, 2);
    equal(chunkRequests('highlight').length, 0, 'no highlight chunk for prose');
    const answer = 'Here:\n\n```ts\nconst answer: number = 42;\n```\n\nand $x^2$ inline.';
    await el.send(script({ chunks: answer.match(/[\s\S]{1,3}/g), delayMs: 1 }));
    await settled(el, 4);
    const body = messageBody(el, 3);
    const code = await waitFor(() => body.querySelector('code.hljs'), 'highlighted code block');
    assert(code.querySelector('span.hljs-keyword'), 'an hljs-keyword span');
    equal(code.textContent, 'const answer: number = 42;', 'code text unchanged');
    const formula = await waitFor(() => body.querySelector('.cc-math math'), 'MathML');
    assert(formula.querySelector('msup'), 'x squared as a superscript');
    equal(chunkRequests('highlight').length, 1, 'highlight chunk requested once');
    equal(chunkRequests('math').length, 1, 'math chunk requested once');
  });

  it('highlights code blocks in every common language once its chunk loads, loading it once', async () => {
    const md = await answerMarkdown();
    const blocks = Object.entries(samples).map(([lang, text]) => [lang, codeBlock(md, lang, text), text]);
    await waitFor(() => blocks.every(([, code]) => code.querySelector('span[class^="hljs-"]')), 'highlighted spans');
    for (const [lang, code, text] of blocks) {
      equal(code.textContent, text, `${lang}: text unchanged`);
      assert(code.querySelector('span[class^="hljs-"]'), `${lang}: highlighted`);
    }
    // Coloured by the theme the chunk adopts into the answer's shadow root.
    const keyword = blocks[0][1].querySelector('.hljs-keyword');
    assert(keyword, 'a keyword span');
    const codeColor = getComputedStyle(blocks[0][1]).color;
    assert(getComputedStyle(keyword).color !== codeColor, 'keywords have their own colour');
    // A second answer's block reuses the loaded chunk.
    const mathRequests = chunkRequests('math').length;
    codeBlock(md, 'ts', 'let again = 1;');
    equal(chunkRequests('highlight').length, 1, 'highlight chunk requested once');
    equal(chunkRequests('math').length, mathRequests, 'math chunk not requested for code');
  });

  it('leaves unknown languages as plain text', async () => {
    const md = await answerMarkdown();
    const plain = codeBlock(md, 'no-such-language', 'just text');
    const known = codeBlock(md, 'ts', 'let x = 1;');
    await waitFor(() => known.querySelector('span'), 'the known block highlighted');
    equal(plain.children.length, 0, 'no spans in the unknown language');
    equal(plain.textContent, 'just text', 'text kept');
  });

  it('renders inline and display math as MathML, and TeX errors as the source', async () => {
    const md = await answerMarkdown();
    const inline = mathNode(md, 'E = mc^2', false);
    const display = mathNode(md, '\\sum_{i=1}^{n} \\frac{t_i}{n}', true);
    const broken = mathNode(md, '\\frac{1}{', false);
    await waitFor(() => inline.querySelector('math') && display.querySelector('math'), 'MathML');
    equal(inline.querySelector('math').getAttribute('display'), null, 'inline math');
    equal(display.querySelector('math').getAttribute('display'), 'block', 'display math');
    assert(display.querySelector('mfrac'), 'a fraction');
    await waitFor(() => broken.querySelector('.katex-error'), 'error node');
    equal(broken.textContent, '\\frac{1}{', 'the source shown');
    equal(md.shadowRoot.querySelectorAll('[style]').length, 0, 'no inline style attributes');
    equal(chunkRequests('math').length, 1, 'math chunk requested once');
  });

  it('math="off" hands answers no math enhancer (formulas stay as typed)', async () => {
    const md = await answerMarkdown({ math: 'off' });
    equal(md.enhancers.math, undefined, 'no math enhancer');
    assert(typeof md.enhancers.code === 'function', 'highlighting still on');
  });
});
