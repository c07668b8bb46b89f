import '../../dist/company-chat.js';
import { marked } from 'marked';
import { assert, equal } from './helpers.js';
import { body, context, expectedTree, normalize, ourTree, renderOnce, renderStreamed } from './markdown-harness.js';

const knownDifferences = await (
  await fetch(new URL('./fixtures/commonmark-known-differences.json', import.meta.url))
).json();

// The examples exactly as the commonmark-spec package extracts them from its spec.txt (the package reads
// the file with Node's fs, so the browser fetches the same file and applies the same pattern).
async function specExamples() {
  const text = await (await fetch('/packages/widget/node_modules/commonmark-spec/spec.txt')).text();
  const tests = text.replace(/\r\n?/g, '\n').replace(/^<!-- END TESTS -->(.|[\n])*/m, '');
  const examples = [];
  let section = '';
  tests.replace(/^`{32} example\n([\s\S]*?)^\.\n([\s\S]*?)^`{32}$|^#{1,6} *(.*)$/gm, (_, markdown, html, heading) => {
    if (heading) section = heading;
    else
      examples.push({
        markdown: markdown.replace(/→/g, '\t'),
        html: html.replace(/→/g, '\t'),
        section,
        number: examples.length + 1,
      });
    return '';
  });
  return examples;
}

// Examples whose point is raw HTML, which we show as text by design.
function isRawHtml({ markdown, html, section }) {
  if (section === 'HTML blocks' || section === 'Raw HTML') return true;
  if (/<!--|<\?|<![A-Z]|<!\[CDATA\[/.test(markdown) && /<!--|<\?|<!/.test(html)) return true;
  for (const m of markdown.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])/g)) {
    const tag = m[1].toLowerCase();
    if (new RegExp(`<\\/?${tag}[\\s/>]`, 'i').test(html)) return true;
  }
  return false;
}

const examples = await specExamples();

describe('CommonMark 0.31.2 spec through <cc-markdown>', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('cc-markdown')) el.remove();
  });

  it(`passes at least 97% of the ${examples.length} spec examples without raw HTML; every failure is a known difference`, async () => {
    const unexpected = [];
    const fixed = [];
    let total = 0;
    let passed = 0;
    let markedPassed = 0;
    let rawHtml = 0;
    for (const ex of examples) {
      const el = await renderOnce(ex.markdown, context());
      if (isRawHtml(ex)) {
        rawHtml++;
        // Raw HTML shows as the text it is: every tag of the input appears in the rendered text.
        const text = body(el).textContent;
        for (const m of ex.markdown.matchAll(/<\/?[A-Za-z][A-Za-z0-9-]*/g)) {
          assert(text.includes(m[0]), `example ${ex.number}: ${m[0]} shown as text`);
        }
        el.remove();
        continue;
      }
      total++;
      const expected = normalize(expectedTree(ex.html));
      const actual = normalize(ourTree(el));
      el.remove();
      const ok = actual === expected;
      if (ok) passed++;
      if (normalize(expectedTree(marked.parse(ex.markdown))) === expected) markedPassed++;
      const known = Object.hasOwn(knownDifferences, String(ex.number));
      if (!ok && !known)
        unexpected.push(
          `#${ex.number} (${ex.section})\n  md:   ${JSON.stringify(ex.markdown)}\n  want: ${expected}\n  got:  ${actual}`,
        );
      if (ok && known) fixed.push(ex.number);
    }
    const rate = (n) => `${((100 * n) / total).toFixed(1)}%`;
    console.log(
      `CommonMark ${examples.length} examples, ${rawHtml} raw-HTML shown as text; of ${total} others: <cc-markdown> ${passed} (${rate(passed)}), marked ${markedPassed} (${rate(markedPassed)})`,
    );
    if (unexpected.length) console.log(unexpected.join('\n'));
    equal(unexpected.join('\n'), '', 'failures not listed in fixtures/commonmark-known-differences.json');
    equal(fixed.join(', '), '', 'listed as known differences but passing now (remove them from the list)');
    assert(passed / total >= 0.97, `pass rate ${rate(passed)} is at least 97%`);
  });

  it('streamed in seeded 1–4 character chunks, every example ends in the DOM of the one-shot render', async () => {
    const mismatches = [];
    for (const ex of examples) {
      const once = await renderOnce(ex.markdown, context());
      const streamed = await renderStreamed(ex.markdown, ex.number, context());
      const a = body(once).innerHTML;
      const b = body(streamed).innerHTML;
      if (a !== b) mismatches.push(`#${ex.number}: ${JSON.stringify(ex.markdown)}\n  once:     ${a}\n  streamed: ${b}`);
      once.remove();
      streamed.remove();
    }
    if (mismatches.length) console.log(mismatches.join('\n'));
    equal(mismatches.join('\n'), '', 'streamed equals one-shot');
  });
});
