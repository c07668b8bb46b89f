import { type ParseDocumentInput, parseDocument } from './parse-document.js';
import type { ParsedDocument } from './parsed-document.js';

/**
 * Where the knowledge base parses uploads. The default parses in process (any runtime: Node, Bun,
 * Deno, Workers); on Node and Bun, `createWorkerParser()` from `@company-chat/core/worker-parser`
 * parses in a pool of worker threads so the event loop stays responsive, with the time budget counted
 * in CPU time. Either way a bad file is a 4xx {@link CompanyChatError} with the same codes.
 */
export interface DocumentParser {
  parse(input: ParseDocumentInput, options?: { signal?: AbortSignal }): Promise<ParsedDocument>;
  /** Releases what the parser holds (worker threads). */
  close?(): Promise<void>;
}

/** The default {@link DocumentParser}: {@link parseDocument} in process, its time budget on the wall clock. */
export const inProcessParser: DocumentParser = {
  parse: (input) => parseDocument(input),
};
