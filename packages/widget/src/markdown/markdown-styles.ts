import { css } from 'lit';

/**
 * Styles of rendered answers: typographic, themed by `--cc-*` properties, logical (RTL-ready).
 *
 * Every top-level block contains its layout and paint: a finished block never changes, and containment
 * lets the browser keep its layout and painted output while the answer grows below it (otherwise each
 * update re-lays out and repaints the whole answer, a cost that grows with its length). The clip margin
 * keeps focus rings at a block's edge visible.
 */
export const markdownStyles = css`
  :host {
    line-height: 1.55;
    overflow-wrap: anywhere;
  }
  p,
  ul,
  ol,
  blockquote,
  .code-block,
  .table-wrap {
    margin: 0 0 0.75em;
  }
  :is(p, ul, ol, blockquote, .code-block, .table-wrap, h3, h4):last-child {
    margin-block-end: 0;
  }
  p {
    white-space: pre-line;
  }
  h3,
  h4 {
    margin: 0.9em 0 0.4em;
    line-height: 1.3;
    font-size: 1em;
  }
  .md-h1 {
    font-size: 1.3em;
  }
  .md-h2 {
    font-size: 1.17em;
  }
  .md-h3 {
    font-size: 1.06em;
  }
  ul,
  ol {
    padding-inline-start: 1.5em;
  }
  blockquote {
    border-inline-start: 3px solid var(--cc-color-border);
    padding-inline-start: 0.8em;
    color: var(--cc-color-muted);
  }
  a {
    color: var(--cc-color-link);
  }
  code {
    font-family: var(--cc-font-mono);
    font-size: 0.9em;
    background: var(--cc-color-code-bg);
    border-radius: 4px;
    padding: 0.1em 0.3em;
  }
  .code-block {
    border: 1px solid var(--cc-color-border);
    border-radius: var(--cc-radius);
    overflow: hidden;
    background: var(--cc-color-code-bg);
  }
  .code-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    padding: 0.2em 0.6em;
    font-size: 0.8em;
    color: var(--cc-color-muted);
    border-block-end: 1px solid var(--cc-color-border);
  }
  .copy-code {
    font: inherit;
    color: inherit;
    background: none;
    border: 1px solid transparent;
    border-radius: 4px;
    padding: 0.1em 0.4em;
    cursor: pointer;
  }
  .copy-code:hover {
    border-color: var(--cc-color-border);
  }
  .copy-code[data-copied] {
    color: var(--cc-color-accent);
  }
  pre {
    margin: 0;
    line-height: 1.4;
    padding: 0.7em 0.8em;
    overflow-x: auto;
    direction: ltr;
    text-align: left;
  }
  pre code {
    background: none;
    padding: 0;
    font-size: 0.85em;
    white-space: pre;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    font-size: 0.92em;
  }
  th,
  td {
    border: 1px solid var(--cc-color-border);
    padding: 0.3em 0.6em;
    text-align: start;
  }
  th {
    background: var(--cc-color-code-bg);
  }
  .align-center {
    text-align: center;
  }
  .align-right {
    text-align: end;
  }
  hr {
    border: none;
    border-block-start: 1px solid var(--cc-color-border);
  }
  img {
    max-width: 100%;
  }
  .task-list-item {
    list-style: none;
  }
  .task-list-item > input,
  .task-list-item > p > input {
    margin-inline: -1.3em 0.3em;
  }
  .cc-math {
    font-family: var(--cc-font-mono);
    font-size: 0.9em;
  }
  .cc-math-display {
    display: block;
    margin: 0 0 0.75em;
    overflow-x: auto;
    text-align: center;
    white-space: pre;
  }
  .image-blocked,
  .unsafe-link {
    color: var(--cc-color-muted);
  }
  :focus-visible {
    outline: 2px solid var(--cc-color-focus);
    outline-offset: 2px;
  }
  .markdown > * {
    contain: layout paint;
    overflow-clip-margin: 4px;
  }
`;
