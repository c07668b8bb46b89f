import type { ChatModel, ChatModelMessage, TokenUsage } from '../../providers/chat-model.js';
import { traceModelCall } from '../../tracing/trace-model-call.js';

const INSTRUCTIONS =
  'Rewrite the last message of the conversation below as one standalone question for a document search. ' +
  'Replace pronouns and references ("it", "that option", "the second one") with what they refer to in the ' +
  'conversation. Keep names, numbers, command-line options and quoted terms exactly as written. Do not ' +
  'answer it. Reply with the question only, on one line. If it already stands alone, repeat it unchanged.';
// Earlier turns the rewrite sees, and how much of each: enough to resolve a reference, cheap to send.
const MAX_TURNS = 6;
const MAX_TURN_CHARS = 600;
const MAX_QUESTION_CHARS = 400;

/** Input of {@link rewriteQuestion}. */
export interface RewriteQuestionInput {
  model: ChatModel;
  /** The conversation so far (oldest first), without the new message. */
  history: readonly ChatModelMessage[];
  /** The new message. */
  question: string;
  signal?: AbortSignal;
  /** For the model-call span: the alias the rewrite is metered under, and the conversation. */
  trace?: { alias?: string; conversationId?: string };
}

/** What {@link rewriteQuestion} got: the standalone question (null when the model failed) and what it cost. */
export interface RewrittenQuestion {
  question: string | null;
  usage: TokenUsage;
  /** True when the provider reported no usage and `usage` is estimated at 4 characters a token. */
  estimated: boolean;
  /** Why there is no question: the model's error, or an empty reply. */
  error?: unknown;
}

/**
 * Asks a (cheap) model for a standalone version of a follow-up question, for retrieval only: the
 * answering model still sees the conversation as typed. Never throws: a failure returns
 * `question: null` with the usage spent so far, and the caller searches with the conversation's terms.
 */
export async function rewriteQuestion(input: RewriteQuestionInput): Promise<RewrittenQuestion> {
  const transcript = input.history
    .slice(-MAX_TURNS)
    .map((m) => `${m.role === 'user' ? 'User' : 'Assistant'}: ${clip(m.content, MAX_TURN_CHARS)}`)
    .join('\n');
  const content = `Conversation:\n${transcript}\n\nLast message: ${clip(input.question, MAX_TURN_CHARS)}`;
  let text = '';
  let usage: TokenUsage | null = null;
  let error: unknown;
  try {
    const parts = traceModelCall(
      input.model,
      {
        system: INSTRUCTIONS,
        messages: [{ role: 'user', content }],
        maxOutputTokens: 100,
        temperature: 0,
      },
      input.signal ? { signal: input.signal } : {},
      { ...input.trace, purpose: 'query-rewrite' },
    );
    for await (const part of parts) {
      if (part.type === 'text-delta') text += part.text;
      else if (part.type === 'usage') usage = part.usage;
    }
  } catch (caught) {
    error = caught;
  }
  const estimated = usage === null;
  const spent = usage ?? estimate(error !== undefined && text === '' ? 0 : INSTRUCTIONS.length + content.length, text);
  const question = error === undefined ? standalone(text) : null;
  return {
    question,
    usage: spent,
    estimated,
    ...(question === null ? { error: error ?? new Error('the model gave an empty rewrite') } : {}),
  };
}

/** The first line of the reply, without a label or quotes the model may add around it. */
function standalone(reply: string): string | null {
  const line = reply
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  if (!line) return null;
  const bare = line
    .replace(/^(standalone question|question|rewritten question)\s*:\s*/i, '')
    .replace(/^["'“”«»]+|["'“”«»]+$/g, '')
    .trim();
  return bare ? clip(bare, MAX_QUESTION_CHARS) : null;
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

// A failure before any text may well have cost nothing upstream (refused, unreachable): then only the
// output, i.e. nothing, is charged.
function estimate(promptChars: number, output: string): TokenUsage {
  const inputTokens = Math.ceil(promptChars / 4);
  const outputTokens = Math.ceil(output.length / 4);
  return { inputTokens, outputTokens, totalTokens: inputTokens + outputTokens };
}
