import type { ChatModel, ChatModelRequest, ChatModelStreamPart, ContextPassage } from '../../providers/chat-model.js';
import { makeSnippet } from '../retrieve/make-snippet.js';
import { queryTerms } from '../search/query-terms.js';

/** Options of {@link offline}. */
export interface OfflineModelOptions {
  /** Passages quoted at most. Default 3. */
  maxQuotes?: number;
}

/** The opening that says plainly this is retrieval, not generation. */
export const OFFLINE_PREFIX = "I'm running without a language model, so here is what the knowledge base says:";
/** The whole answer when nothing relevant was retrieved. */
export const OFFLINE_NOTHING_FOUND =
  "I'm running without a language model, so I can only search the knowledge base, and I found nothing there that matches your question. Try other words, or upload a document that covers it.";

/**
 * The built-in `offline` model: no network, no weights. It answers with quotes from the passages the
 * engine retrieved for the question (`request.context`), each with its `[n]` citation, plainly
 * labelled as retrieval-only, and says so when nothing relevant was found. The default model when no
 * provider is configured, so a newcomer can upload a file and ask about it without a key.
 *
 * @example
 * ```ts
 * const engine = createChatEngine({ models: { default: offline() }, store, knowledge: kb });
 * ```
 */
export function offline(options: OfflineModelOptions = {}): ChatModel {
  const maxQuotes = options.maxQuotes ?? 3;
  return {
    specificationVersion: 'v1',
    provider: 'offline',
    modelId: 'retrieval-only',
    // Nothing is sent anywhere, so the prompt never needs trimming for this model's sake.
    contextWindow: 1_000_000,
    maxOutputTokens: 1024,
    async *doStream(request, callOptions = {}): AsyncGenerator<ChatModelStreamPart> {
      const { signal } = callOptions;
      signal?.throwIfAborted();
      yield { type: 'response-metadata', modelId: 'retrieval-only', provider: 'offline' };
      for (const piece of offlineAnswer(request, maxQuotes).match(/\S+\s*|\s+/g) ?? []) {
        signal?.throwIfAborted();
        yield { type: 'text-delta', text: piece };
      }
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}

/** The full text {@link offline} streams for a request. */
export function offlineAnswer(request: ChatModelRequest, maxQuotes = 3): string {
  const question = [...request.messages].reverse().find((m) => m.role === 'user')?.content ?? '';
  const passages = request.context ?? [];
  if (passages.length === 0) return OFFLINE_NOTHING_FOUND;
  const terms = queryTerms(question);
  const quotes = passages.slice(0, maxQuotes).map((p) => quote(p, terms));
  return `${OFFLINE_PREFIX}\n\n${quotes.join('\n\n')}`;
}

function quote(passage: ContextPassage, terms: string[]): string {
  const excerpt = makeSnippet(passage.text, terms, 300);
  const source = passage.page === undefined ? passage.fileName : `${passage.fileName}, page ${passage.page}`;
  return `> ${excerpt} [${passage.index}]\n\n(${source})`;
}
