import type { ChatModelMessage, ChatModelRequest } from '../providers/chat-model.js';

/** Counts tokens of text. Exact for OpenAI's o200k models; a close estimate for other vendors. */
export interface TokenCounter {
  count(text: string): number;
}

// Per-message framing overhead in OpenAI's chat format (role markers and separators).
const MESSAGE_OVERHEAD = 4;

let shared: Promise<TokenCounter> | undefined;

// Bounds of the piece cache: words and short runs, a few MB at most.
const MAX_CACHED_PIECES = 100_000;
const MAX_CACHED_PIECE_LENGTH = 64;

/**
 * The default counter: js-tiktoken with the o200k_base ranks, imported lazily because the ranks are ~2 MB
 * and only a server that actually trims prompts needs them. Loaded once per process.
 */
export function loadDefaultTokenCounter(): Promise<TokenCounter> {
  shared ??= (async () => {
    const [{ Tiktoken }, { default: ranks }] = await Promise.all([
      import('js-tiktoken/lite'),
      import('js-tiktoken/ranks/o200k_base'),
    ]);
    const encoder = new Tiktoken(ranks);
    // tiktoken splits text with this pattern and encodes each piece on its own, so a text's count is
    // the sum of its pieces' counts: remembering them skips byte-pair merging for the words a corpus
    // repeats (ingestion counts every chunk; this made it about ten times faster).
    const pattern = new RegExp(ranks.pat_str, 'gu');
    const pieces = new Map<string, number>();
    return {
      count(text: string) {
        let tokens = 0;
        for (const [piece] of text.matchAll(pattern)) {
          let n = pieces.get(piece);
          if (n === undefined) {
            // Special-token text in user input is counted as plain text, never rejected.
            n = encoder.encode(piece, [], []).length;
            if (pieces.size >= MAX_CACHED_PIECES) pieces.clear();
            if (piece.length <= MAX_CACHED_PIECE_LENGTH) pieces.set(piece, n);
          }
          tokens += n;
        }
        return tokens;
      },
    };
  })();
  return shared;
}

/** Tokens a message takes in the prompt, with its framing. */
export function countMessageTokens(counter: TokenCounter, message: ChatModelMessage): number {
  return counter.count(message.content) + MESSAGE_OVERHEAD;
}

/** Tokens a whole request takes: system, turns, tool calls and tool definitions (as the JSON sent). */
export function promptTokens(request: ChatModelRequest, counter: TokenCounter): number {
  let tokens = request.system ? counter.count(request.system) + MESSAGE_OVERHEAD : 0;
  for (const message of request.messages) {
    tokens += countMessageTokens(counter, message);
    for (const call of message.toolCalls ?? []) tokens += counter.count(call.name) + counter.count(call.arguments);
  }
  if (request.tools?.length) tokens += counter.count(JSON.stringify(request.tools));
  return tokens;
}
