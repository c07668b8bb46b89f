import type { ChatModel, ChatModelRequest, ChatModelStreamPart } from '../../providers/chat-model.js';
import { conversationQuery } from '../search/conversation-query.js';
import { queryTerms } from '../search/query-terms.js';
import { type PickedSentence, pickSentences } from './pick-sentences.js';

/** Options of {@link offline}. */
export interface OfflineModelOptions {
  /** Sentences quoted at most, across all sources. Default 4. */
  maxSentences?: number;
  /** @deprecated Use `maxSentences`; read as it when that is not given. */
  maxQuotes?: number;
}

/** The opening that says plainly this is retrieval, not generation. */
export const OFFLINE_PREFIX = "I'm running without a language model, so here is what the knowledge base says:";
/** The whole answer when nothing relevant was retrieved. */
export const OFFLINE_NOTHING_FOUND =
  "I'm running without a language model, so I can only search the knowledge base, and I found nothing there that matches your question. Try other words, or upload a document that covers it.";

/**
 * The built-in `offline` model: no network, no weights. It answers extractively from the passages the
 * engine retrieved for the question (`request.context`): the sentences that best match the question
 * (a follow-up weighed with the earlier questions), quoted and grouped by source, each passage cited
 * once with its `[n]`, plainly labelled as retrieval-only. It says so when nothing relevant was found.
 * The default model when no provider is configured, so a newcomer can upload a file and ask about it
 * without a key.
 *
 * @example
 * ```ts
 * const engine = createChatEngine({ models: { default: offline() }, store, knowledge: kb });
 * ```
 */
export function offline(options: OfflineModelOptions = {}): ChatModel {
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
      for (const piece of offlineAnswer(request, options).match(/\S+\s*|\s+/g) ?? []) {
        signal?.throwIfAborted();
        yield { type: 'text-delta', text: piece };
      }
      yield { type: 'finish', finishReason: 'stop' };
    },
  };
}

/** The full text {@link offline} streams for a request. */
export function offlineAnswer(request: ChatModelRequest, options: OfflineModelOptions = {}): string {
  const questions = request.messages.filter((m) => m.role === 'user').map((m) => m.content);
  const passages = request.context ?? [];
  if (passages.length === 0) return OFFLINE_NOTHING_FOUND;
  const { text, weights } = conversationQuery(questions.at(-1) ?? '', questions.slice(0, -1));
  const picked = pickSentences(passages, queryTerms(text), weights, {
    maxSentences: options.maxSentences ?? options.maxQuotes ?? 4,
  });
  if (picked.length === 0) return OFFLINE_NOTHING_FOUND;
  return `${OFFLINE_PREFIX}\n\n${bySource(picked).join('\n\n')}`;
}

/**
 * One quote block per file, files in the order of their best sentence, sentences in document order;
 * each passage's `[n]` follows its last sentence, so every passage drawn on is cited exactly once.
 */
function bySource(picked: PickedSentence[]): string[] {
  const groups = new Map<string, PickedSentence[]>();
  for (const sentence of picked) {
    const group = groups.get(sentence.passage.fileName) ?? [];
    group.push(sentence);
    groups.set(sentence.passage.fileName, group);
  }
  return [...groups].map(([fileName, sentences]) => {
    sentences.sort((a, b) => a.passage.index - b.passage.index || a.position - b.position);
    const lines: string[] = [];
    sentences.forEach((s, i) => {
      const last = sentences[i + 1]?.passage !== s.passage;
      const text = escapeQuoteStart(s.text);
      if (i > 0 && sentences[i - 1]!.passage === s.passage) lines[lines.length - 1] += ` ${text}`;
      else lines.push(`> ${text}`);
      if (last) lines[lines.length - 1] += ` [${s.passage.index}]`;
    });
    const pages = [...new Set(sentences.map((s) => s.passage.page).filter((p) => p !== undefined))];
    const where = pages.length === 0 ? '' : pages.length === 1 ? `, page ${pages[0]}` : `, pages ${pages.join(', ')}`;
    return `${lines.join('\n>\n')}\n\n(${fileName}${where})`;
  });
}

// A quoted sentence that starts like Markdown block syntax (a heading, a list marker) would render as
// that block inside the quote.
function escapeQuoteStart(text: string): string {
  return text.replace(/^([#>*+-])(\s)/, '\\$1$2').replace(/^(\d+)([.)])(\s)/, '$1\\$2$3');
}
