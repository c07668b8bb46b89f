/**
 * Completes the inline syntax left open at the end of a streaming block, for display only: an unclosed
 * `**`, `*`, `~~` or `` ` `` is closed, and a link whose `]` or `)` has not arrived yet shows as its text.
 * So a half-streamed `**important` shows bold at once instead of flashing raw asterisks until the closing
 * `**` arrives. Once the stream ends the block is rendered from the real text again.
 */
export function completeOpenMarkdown(block: string): string {
  const lineStart = block.lastIndexOf('\n') + 1;
  let line = block.slice(lineStart);
  // An unclosed code span swallows the rest of the line: close it and leave its content alone.
  const ticks = line.match(/`+/g) ?? [];
  if (ticks.filter((t) => t.length === 1).length % 2 === 1) return `${block}\``;
  const code = /`[^`]*`/g;
  const plain = line.replace(code, (m) => ' '.repeat(m.length));
  // A link still streaming: `[text` or `[text](partial-url` shows as `text`.
  const link = /\[([^\]]*)(?:\]\([^)\s]*)?$/.exec(plain);
  if (link && !/^\s*$/.test(link[1] ?? '') && !plain.slice(0, link.index).endsWith('!')) {
    line = line.slice(0, link.index) + (link[1] ?? '');
  }
  const open: [number, string][] = [];
  const text = line
    .replace(code, (m) => ' '.repeat(m.length))
    .replace(/^\s*(?:[*+-]|\d+[.)])\s+/, (m) => ' '.repeat(m.length));
  for (const [marker, pattern] of [
    ['**', /(?<!\*)\*\*(?!\*)/g],
    ['*', /(?<!\*)\*(?!\*)/g],
    ['~~', /~~/g],
  ] as const) {
    const found = [...text.matchAll(pattern)];
    const last = found.at(-1);
    if (found.length % 2 === 1 && last && /\S/.test(text.slice(last.index + marker.length)))
      open.push([last.index, marker]);
  }
  if (open.length === 0) return block.slice(0, lineStart) + line;
  // Close the innermost (latest opened) first.
  open.sort((a, b) => b[0] - a[0]);
  return block.slice(0, lineStart) + line.trimEnd() + open.map(([, m]) => m).join('');
}
