import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minifyHTMLLiterals } from 'minify-literals';
import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { templateMinifyOptions } from '../scripts/template-minify-options.js';

// The script-tag build minifies the markup of every html`` and svg`` template. A minifier option that
// changes what a template means (a dropped closing slash in SVG, a removed alt="") would change the UI
// with no error anywhere: so every template of the widget, as written and as minified, is parsed the way
// the browser parses it, and the two DOM trees must be the same up to whitespace.

const src = fileURLToPath(new URL('../src', import.meta.url));
const sources = (readdirSync(src, { recursive: true }) as string[])
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .map((f) => join(src, f));

// Expressions become attribute-safe markers, so the parser sees where each one was.
const MARK = 'cc-expr';

/** The html`` and svg`` templates of a module, in order, with their expressions replaced by markers. */
function templates(code: string, fileName: string) {
  const file = ts.createSourceFile(fileName, code, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { tag: string; markup: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && /^(html|svg)$/.test(node.tag.text)) {
      const t = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(t)
        ? [t.rawText ?? '']
        : [t.head.rawText ?? '', ...t.templateSpans.map((span) => span.literal.rawText ?? '')];
      found.push({ tag: node.tag.text, markup: parts.join(MARK) });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

type Node = DefaultTreeAdapterMap['childNode'];

/** The tree as the browser builds it, whitespace runs as one space and comments left out. */
function shape(tag: string, markup: string): unknown {
  // svg`` parts are parsed in SVG, as Lit does.
  const root = parseFragment(tag === 'svg' ? `<svg>${markup}</svg>` : markup);
  const walk = (nodes: Node[]): unknown[] =>
    nodes.flatMap((n): unknown[] => {
      if (n.nodeName === '#comment') return [];
      if (n.nodeName === '#text')
        return [{ text: (n as DefaultTreeAdapterMap['textNode']).value.replace(/\s+/g, ' ') }];
      const el = n as DefaultTreeAdapterMap['element'];
      const content =
        el.nodeName === 'template' ? (el as DefaultTreeAdapterMap['template']).content.childNodes : el.childNodes;
      return [{ el: el.nodeName, ns: el.namespaceURI, attrs: el.attrs, children: walk(content as Node[]) }];
    });
  return walk(root.childNodes as Node[]);
}

describe('minified templates', () => {
  it('parse to the same DOM as the templates as written, in every module of the widget', async () => {
    let checked = 0;
    for (const path of sources) {
      const code = readFileSync(path, 'utf8');
      const written = templates(code, path);
      if (written.length === 0) continue;
      const minified = await minifyHTMLLiterals(code, {
        fileName: path,
        html: templateMinifyOptions,
        css: false,
        sourceMap: false,
      });
      const after = templates(minified?.code ?? code, path);
      const name = relative(src, path);
      expect(after.length, name).toBe(written.length);
      written.forEach((t, i) => {
        expect(shape(t.tag, after[i]?.markup ?? ''), `${name}, template ${i + 1}`).toEqual(shape(t.tag, t.markup));
      });
      checked += written.length;
    }
    expect(checked, 'templates found').toBeGreaterThan(50);
  });

  it('would catch a minifier that drops the closing slash of SVG shapes', async () => {
    const code = 'const i = svg`<rect x="1"/><path d="M0 0"/>`;';
    const dropped = await minifyHTMLLiterals(code, {
      html: { ...templateMinifyOptions, keepClosingSlash: false },
      css: false,
      sourceMap: false,
    });
    const [written] = templates(code, 'icon.ts');
    const [after] = templates(dropped?.code ?? code, 'icon.ts');
    expect(shape('svg', after?.markup ?? '')).not.toEqual(shape('svg', written?.markup ?? ''));
  });
});
