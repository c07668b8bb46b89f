import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from './html-to-blocks.js';
import { parseDocument } from './parse-document.js';
import { documentText } from './parsed-document.js';

const encode = (text: string) => new TextEncoder().encode(text);
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

/** A page laid out the way old manuals are: a table in a table in a table, the text in the innermost cells. */
function nestedTablePage(sections: number): string {
  let body = '';
  for (let i = 1; i <= sections; i++) {
    body += `<tr><td><table><tr><td><table>
      <tr><td><h3>Option number ${i}</h3><p>Paragraph ${i} explains what option ${i} does &amp; why.</p></td></tr>
      <tr><td><p>Default value of option ${i} is ${i * 10} seconds.</p></td></tr>
    </table></td></tr></table></td></tr>`;
  }
  return `<html><body><table><tr><td><nav><a href="/">Home</a></nav></td></tr>${body}</table></body></html>`;
}

describe('htmlToBlocks', () => {
  it('reads the text of three levels of nested tables once', () => {
    const text = htmlToBlocks(nestedTablePage(3), 100_000)
      .map((b) => b.text)
      .join('\n');
    for (let i = 1; i <= 3; i++) {
      expect(count(text, `Paragraph ${i} explains what option ${i} does & why.`)).toBe(1);
      expect(count(text, `Default value of option ${i} is ${i * 10} seconds.`)).toBe(1);
    }
    expect(text).not.toContain('Home');
  });

  it('keeps headings found inside layout tables as headings', () => {
    const blocks = htmlToBlocks(nestedTablePage(2), 100_000);
    expect(blocks).toContainEqual({ type: 'heading', text: 'Option number 2', level: 3 });
  });

  it('reads <pre> as its text with line breaks, without the markup of links inside', () => {
    const blocks = htmlToBlocks(
      '<pre>curl <a href="https://example.invalid/retry">--retry</a> 3 \\\n     --retry-max-time &lt;seconds&gt;</pre>',
      100,
    );
    expect(blocks).toEqual([{ type: 'paragraph', text: 'curl --retry 3 \\\n     --retry-max-time <seconds>' }]);
  });

  it('reads a realistic manual page: headings, lists, a data table, code; no navigation or scripts', () => {
    const html = `<!doctype html><html><head><title>tar manual</title><script>var x = 1;</script></head><body>
      <nav><ul><li><a href="/">Index</a></li><li><a href="/next">Next</a></li></ul></nav>
      <h1>tar &ndash; archiving utility</h1>
      <p>The <code>tar</code> program saves many files together into a single archive.</p>
      <h2>Options</h2>
      <ul><li><b>-c</b>: create a new archive</li><li><b>-x</b>: extract files</li></ul>
      <table><thead><tr><th>Option</th><th>Meaning</th></tr></thead>
        <tbody><tr><td>-z</td><td>filter through gzip</td></tr><tr><td>-j</td><td>filter through bzip2</td></tr></tbody></table>
      <h2>Example</h2>
      <pre>tar -czf backup.tar.gz <span class="arg">/home</span></pre>
      <style>p { color: red }</style>
    </body></html>`;
    const blocks = htmlToBlocks(html, 100);
    expect(blocks).toEqual([
      { type: 'heading', text: 'tar – archiving utility', level: 1 },
      { type: 'paragraph', text: 'The tar program saves many files together into a single archive.' },
      { type: 'heading', text: 'Options', level: 2 },
      { type: 'paragraph', text: '- -c: create a new archive' },
      { type: 'paragraph', text: '- -x: extract files' },
      { type: 'row', text: 'Option: -z; Meaning: filter through gzip', row: 1 },
      { type: 'row', text: 'Option: -j; Meaning: filter through bzip2', row: 2 },
      { type: 'heading', text: 'Example', level: 2 },
      { type: 'paragraph', text: 'tar -czf backup.tar.gz /home' },
    ]);
  });

  it('reads a data table nested in a layout table as rows, once', () => {
    const html =
      '<table><tr><td><h2>Prices</h2><table><tr><th>Item</th><th>Price</th></tr><tr><td>Coffee</td><td>2 EUR</td></tr></table></td></tr></table>';
    expect(htmlToBlocks(html, 100)).toEqual([
      { type: 'heading', text: 'Prices', level: 2 },
      { type: 'row', text: 'Item: Coffee; Price: 2 EUR', row: 1 },
    ]);
  });

  it('parses a 110 KB page of nested tables, with each passage once', async () => {
    const html = nestedTablePage(450);
    expect(html.length).toBeGreaterThan(110 * 1024);
    const doc = await parseDocument({ bytes: encode(html), name: 'manual.html' });
    const text = documentText(doc);
    expect(text.length).toBeLessThan(html.length);
    expect(count(text, 'Paragraph 450 explains what option 450 does & why.')).toBe(1);
    expect(count(text, 'Default value of option')).toBe(450);
  });
});
