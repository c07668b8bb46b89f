import { CompanyChatError } from '../errors/company-chat-error.js';
import type { ChatModelMessage, ChatModelRequest } from '../providers/chat-model.js';
import { countMessageTokens, type TokenCounter } from './token-counter.js';

/** Input to {@link buildPrompt}. */
export interface BuildPromptInput {
  system?: string;
  /** Earlier turns, oldest first, not including the new message. */
  history: ChatModelMessage[];
  /** The user's new message. */
  message: string;
  /** The model's context window in tokens. */
  contextWindow: number;
  /** Tokens reserved for the answer. */
  maxOutputTokens: number;
  counter: TokenCounter;
}

/** The prompt plus what trimming did, for logs and tests. */
export interface BuiltPrompt {
  request: ChatModelRequest;
  promptTokens: number;
  droppedMessages: number;
}

/**
 * Fits the prompt into the model's context window: the system prompt and the newest message are always
 * kept; older turns are dropped oldest first. Throws `context_length_exceeded` when even the system
 * prompt plus the new message do not fit, before anything is stored or sent.
 */
export function buildPrompt(input: BuildPromptInput): BuiltPrompt {
  const { counter } = input;
  const budget = input.contextWindow - input.maxOutputTokens;
  const newest: ChatModelMessage = { role: 'user', content: input.message };
  let used = (input.system ? counter.count(input.system) + 4 : 0) + countMessageTokens(counter, newest);
  if (used > budget) {
    throw new CompanyChatError({
      code: 'context_length_exceeded',
      message: `The message is too long for this model (about ${used} tokens; at most ${Math.max(budget, 0)} fit).`,
    });
  }
  // Walk back from the newest turn and keep what fits; the first turn that does not fit ends the walk
  // so the kept history stays contiguous.
  let start = input.history.length;
  while (start > 0) {
    const cost = countMessageTokens(counter, input.history[start - 1]!);
    if (used + cost > budget) break;
    used += cost;
    start--;
  }
  const messages = [...input.history.slice(start), newest];
  // Anthropic requires the first turn to be the user's; dropping an orphaned leading answer keeps every provider happy.
  while (messages.length > 1 && messages[0]!.role === 'assistant') {
    messages.shift();
    start++;
  }
  const request: ChatModelRequest = { messages, maxOutputTokens: input.maxOutputTokens };
  if (input.system) request.system = input.system;
  return { request, promptTokens: used, droppedMessages: start };
}
