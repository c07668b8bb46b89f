/**
 * Invisible characters a document can hide inside a tag to slip it past a text check: format characters
 * (zero-width space/joiners, word joiner, BOM, soft hyphen, bidi embeddings, overrides and isolates:
 * Unicode category Cf), the combining grapheme joiner, variation selectors, Hangul fillers and C0/C1
 * controls other than tab and line breaks.
 */
const invisible = /[\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]|\u034F|[\uFE00-\uFE0F]/gu;
const keptControls = new Set(['\t', '\n', '\r']);

/**
 * An opening bracket as a model might read it: `<` and its look-alikes that NFKC leaves alone (single
 * and double angle quotation marks, mathematical and CJK angle brackets, modifier arrowheads, Canadian
 * syllabics), and HTML's `&lt;` spellings.
 */
const bracket = String.raw`(?:<|[\u2039\u27E8\u2329\u3008\u02C2\u1438\u276E\u276C\u29FC]|&lt;?|&#0*60;?|&#x0*3c;?)`;

/** Our tag names with any separator (or none) between the words, in any letter case. */
const names = String.raw`(?:knowledge[\s_\-.·:]*base|passage)`;

/** Slashes and their look-alikes (fraction, division, big solidus) and backslashes, between bracket and name. */
const slashes = String.raw`[\s\\/\u2044\u2215\u29F8]*`;

const tagLike = new RegExp(`${bracket}${slashes}(${names})`, 'giu');

/**
 * Prepares untrusted text (a retrieved document) for the delimited context block: NFKC-normalises it
 * (full-width and small-form brackets become `<`, ligatures and compatibility forms their plain letters),
 * removes invisible characters, and defuses anything that reads as an opening or closing tag of the
 * block (`</knowledge_base>`, `< /knowledge-base>`, `&lt;/passage`...) by turning its bracket into `‹`.
 * What remains cannot be confused with our tags even by a lenient reader; the per-request id on the real
 * tags is the second line of defence.
 *
 * @example
 * ```ts
 * neutraliseUntrustedText('＜/knowledge\u200B_base＞'); // '‹knowledge_base>'
 * ```
 */
export function neutraliseUntrustedText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(invisible, (ch) => (keptControls.has(ch) ? ch : ''))
    .replace(tagLike, '‹$1');
}
