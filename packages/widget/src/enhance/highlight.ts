import bash from 'highlight.js/lib/languages/bash';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import go from 'highlight.js/lib/languages/go';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import python from 'highlight.js/lib/languages/python';
import rust from 'highlight.js/lib/languages/rust';
import sql from 'highlight.js/lib/languages/sql';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';
import { createLowlight } from 'lowlight';
import { adoptSheet } from './adopt-sheet.js';
import { highlightTheme } from './highlight-theme.js';

// The lazily loaded highlighting chunk. Grammars are listed one by one (not highlight.js's "common" set)
// so the chunk carries only the languages chat answers use most.
const lowlight = createLowlight({
  bash,
  csharp,
  css,
  go,
  java,
  javascript,
  json,
  python,
  rust,
  sql,
  typescript,
  xml,
  yaml,
});
lowlight.registerAlias({ bash: ['shell', 'console'], xml: ['html', 'svg'], javascript: ['node'] });

type TreeNode = ReturnType<typeof lowlight.highlight>['children'][number];

const done = new WeakSet<HTMLElement>();

/**
 * Highlights a finished code block in place: its text becomes spans with highlight.js classes, built
 * from lowlight's syntax tree as DOM nodes (never as an HTML string). Unknown languages, and a block
 * whose text changed since it was handed over, are left as they are.
 */
export function highlight(code: HTMLElement, lang: string, text: string): void {
  const name = lang.toLowerCase();
  if (done.has(code) || !lowlight.registered(name) || code.textContent !== text) return;
  done.add(code);
  const tree = lowlight.highlight(name, text);
  const fragment = document.createDocumentFragment();
  for (const child of tree.children) appendNode(fragment, child);
  adoptSheet(code, highlightTheme);
  code.replaceChildren(fragment);
  code.classList.add('hljs');
}

function appendNode(parent: Node, node: TreeNode): void {
  if (node.type === 'text') {
    parent.appendChild(document.createTextNode(node.value));
  } else if (node.type === 'element') {
    const span = document.createElement('span');
    const className = node.properties.className;
    if (Array.isArray(className)) span.className = className.join(' ');
    for (const child of node.children) appendNode(span, child);
    parent.appendChild(span);
  }
}
