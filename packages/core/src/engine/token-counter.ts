import type { ChatModelMessage } from '../providers/chat-model.js';

/** Counts tokens of text. Exact for OpenAI's o200k models; a close estimate for other vendors. */
export interface TokenCounter {
  count(text: string): number;
}

// Per-message framing overhead in OpenAI's chat format (role markers and separators).
const MESSAGE_OVERHEAD = 4;

let shared: Promise<TokenCounter> | undefined;

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
    return {
      // Special-token text in user input is counted as plain text, never rejected.
      count: (text: string) => encoder.encode(text, [], []).length,
    };
  })();
  return shared;
}

/** Tokens a message takes in the prompt, with its framing. */
export function countMessageTokens(counter: TokenCounter, message: ChatModelMessage): number {
  return counter.count(message.content) + MESSAGE_OVERHEAD;
}
