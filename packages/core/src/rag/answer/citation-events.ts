import type { MessageCitation } from '../../conversations/types.js';
import type { CitationEvent } from '../../engine/chat-events.js';
import type { RetrievedPassage } from '../retrieve/retrieved-passage.js';

/** The passages given to the model as citations, in citation order (what a `[n]` marker may point at). */
export function toMessageCitations(passages: readonly RetrievedPassage[]): MessageCitation[] {
  return passages.map((p) => {
    const citation: MessageCitation = {
      index: p.index,
      fileId: p.fileId,
      fileName: p.fileName,
      passageId: p.chunkId,
      snippet: p.snippet,
      locator: p.locator,
    };
    if (p.page !== undefined) citation.page = p.page;
    if (p.headingPath.length > 0) citation.section = p.headingPath.join(' › ');
    return citation;
  });
}

/** The `citation` events for the passages given to the model, in citation order. */
export function citationEvents(messageId: string, passages: readonly RetrievedPassage[]): CitationEvent[] {
  return toMessageCitations(passages).map((c) => ({ type: 'citation', messageId, ...c }));
}

const MARKER = /\[(\d{1,3})\]/g;
// `[999]` is the longest marker: one split across deltas starts at most this far before the new text.
const MARKER_REACH = 4;

/** The citation numbers `[n]` an answer actually uses, in order of first use. */
export function citedIndexes(answer: string): number[] {
  const seen = new Set<number>();
  for (const match of answer.matchAll(MARKER)) seen.add(Number(match[1]));
  return [...seen];
}

/**
 * Follows a streaming answer and picks, from the passages the model was given, the ones its text marks
 * `[n]`, in order of first use. Each keeps its number, so the markers and the stored list agree; passages
 * the answer never marks are never announced or stored. Markers naming no passage are ignored.
 *
 * @example
 * ```ts
 * const tracker = new CitationTracker(toMessageCitations(passages));
 * for (const delta of deltas) { text += delta; for (const c of tracker.scan(text)) announce(c); }
 * store(tracker.cited);
 * ```
 */
export class CitationTracker {
  readonly #candidates: Map<number, MessageCitation>;
  readonly #cited: MessageCitation[] = [];
  #scanned = 0;

  constructor(candidates: readonly MessageCitation[]) {
    this.#candidates = new Map(candidates.map((c) => [c.index, c]));
  }

  /** The citations first marked by the text added since the last call (`text` is the whole answer so far). */
  scan(text: string): MessageCitation[] {
    if (this.#candidates.size === 0) return [];
    const from = Math.max(0, this.#scanned - MARKER_REACH);
    this.#scanned = text.length;
    const found: MessageCitation[] = [];
    for (const match of text.slice(from).matchAll(MARKER)) {
      const index = Number(match[1]);
      const citation = this.#candidates.get(index);
      if (!citation) continue;
      // Taken out once cited: each passage is announced once however often it is marked.
      this.#candidates.delete(index);
      this.#cited.push(citation);
      found.push(citation);
    }
    return found;
  }

  /** Everything cited so far, in order of first use. */
  get cited(): MessageCitation[] {
    return [...this.#cited];
  }
}
