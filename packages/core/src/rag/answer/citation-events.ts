import type { CitationEvent } from '../../engine/chat-events.js';
import type { RetrievedPassage } from '../retrieve/retrieved-passage.js';

/** The `citation` events for the passages given to the model, in citation order. */
export function citationEvents(messageId: string, passages: readonly RetrievedPassage[]): CitationEvent[] {
  return passages.map((p) => {
    const event: CitationEvent = {
      type: 'citation',
      messageId,
      index: p.index,
      fileId: p.fileId,
      fileName: p.fileName,
      snippet: p.snippet,
      passageId: p.chunkId,
      locator: p.locator,
    };
    if (p.page !== undefined) event.page = p.page;
    return event;
  });
}

/** The citation numbers `[n]` an answer actually uses, in order of first use. */
export function citedIndexes(answer: string): number[] {
  const seen = new Set<number>();
  for (const match of answer.matchAll(/\[(\d{1,3})\]/g)) seen.add(Number(match[1]));
  return [...seen];
}
