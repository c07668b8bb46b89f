const MAX_TITLE = 60;

/**
 * A conversation title from its first message: whitespace collapsed, markdown markers stripped,
 * cut at a word boundary with an ellipsis.
 */
export function makeTitle(text: string): string {
  const flat = text
    .replace(/```[\s\S]*?(```|$)/g, ' ')
    .replace(/[#>*_`~[\]]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  if (flat.length === 0) return 'New chat';
  if (flat.length <= MAX_TITLE) return flat;
  const cut = flat.slice(0, MAX_TITLE);
  const space = cut.lastIndexOf(' ');
  return `${(space > MAX_TITLE / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
