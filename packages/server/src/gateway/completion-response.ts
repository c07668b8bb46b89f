import {
  CompanyChatError,
  type CompletionEvent,
  type ErrorCode,
  type FinishReason,
  type TokenUsage,
} from '@company-chat/core';
import type {
  openAIChatCompletionChunkSchema,
  openAIChatCompletionSchema,
  openAIFinishReasonSchema,
} from '@company-chat/core/protocol';
import type { z } from 'zod';
import { sseHeaders } from '../sse/sse-headers.js';
import { gatewayStatus, openAIErrorBody } from './openai-error-response.js';

type Chunk = z.input<typeof openAIChatCompletionChunkSchema>;
type Completion = z.input<typeof openAIChatCompletionSchema>;
type OpenAIFinishReason = z.output<typeof openAIFinishReasonSchema>;

/** What every answer of one completion repeats: its id, creation second and the alias asked for. */
export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
}

const finishReasons: Partial<Record<FinishReason, OpenAIFinishReason>> = {
  stop: 'stop',
  length: 'length',
  'content-filter': 'content_filter',
  'tool-calls': 'tool_calls',
};

function toUsage(usage: TokenUsage | null) {
  return {
    prompt_tokens: usage?.inputTokens ?? 0,
    completion_tokens: usage?.outputTokens ?? 0,
    total_tokens: usage?.totalTokens ?? 0,
  };
}

/** The error of an `error` event as a throwable error, so the app's error path answers it. */
function toError(event: Extract<CompletionEvent, { type: 'error' }>): CompanyChatError {
  return new CompanyChatError({
    code: event.error.code as ErrorCode,
    message: event.error.message,
    isRetryable: event.error.retryable,
    ...(event.error.retryAfterMs === undefined ? {} : { retryAfterMs: event.error.retryAfterMs }),
  });
}

/** Tool calls by order of first appearance: OpenAI numbers them (`index`), the provider spec names them. */
class ToolCalls {
  readonly calls: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }> = [];
  readonly #index = new Map<string, number>();

  /** Adds a piece; returns the call's index and whether this piece opened it. */
  add(event: Extract<CompletionEvent, { type: 'tool-call-delta' }>): { index: number; opened: boolean } {
    let index = this.#index.get(event.toolCallId);
    const opened = index === undefined;
    if (index === undefined) {
      index = this.calls.length;
      this.#index.set(event.toolCallId, index);
      this.calls.push({ id: event.toolCallId, type: 'function', function: { name: '', arguments: '' } });
    }
    const call = this.calls[index]!;
    if (event.toolName) call.function.name = event.toolName;
    call.function.arguments += event.argsDelta;
    return { index, opened };
  }
}

/**
 * Reads a completion to its end and answers `chat.completion` JSON. A provider failure is thrown (after
 * the events are drained, so metering settles) and answered by the error path with its status.
 */
export async function completionJson(events: AsyncIterator<CompletionEvent>, meta: CompletionMeta): Promise<Response> {
  let text = '';
  let usage: TokenUsage | null = null;
  let finish: FinishReason | null = null;
  let failure: CompanyChatError | undefined;
  const tools = new ToolCalls();
  for (let next = await events.next(); !next.done; next = await events.next()) {
    const event = next.value;
    if (event.type === 'text-delta') text += event.delta;
    else if (event.type === 'tool-call-delta') tools.add(event);
    else if (event.type === 'error') failure = toError(event);
    else if (event.type === 'message-end') {
      usage = event.usage ?? usage;
      finish = event.finishReason;
    } else if (event.type === 'usage') usage = event.usage;
  }
  if (failure) throw failure;
  const body: Completion = {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: tools.calls.length > 0 && text === '' ? null : text,
          refusal: null,
          ...(tools.calls.length > 0 ? { tool_calls: tools.calls } : {}),
        },
        finish_reason: (finish && finishReasons[finish]) ?? 'stop',
        logprobs: null,
      },
    ],
    usage: toUsage(usage),
  };
  return Response.json(body);
}

/**
 * Answers a streaming completion as OpenAI's SSE: `data:` chunks, then `data: [DONE]`. The response is
 * committed only once the model produced something: a failure before that (all fallbacks used up, a
 * provider 429) is thrown and answered as a JSON error with its status. A failure mid-stream is sent as
 * a `data: {"error": …}` chunk, which the OpenAI SDKs raise. Cancelling aborts the completion.
 */
export async function completionStream(
  events: AsyncIterator<CompletionEvent>,
  meta: CompletionMeta,
  options: { includeUsage: boolean; abort: AbortController; onError: (error: unknown) => void },
): Promise<Response> {
  const held: CompletionEvent[] = [];
  for (;;) {
    const next = await events.next();
    if (next.done) break;
    if (next.value.type === 'error') {
      await drain(events);
      throw toError(next.value);
    }
    held.push(next.value);
    if (next.value.type === 'text-delta' || next.value.type === 'tool-call-delta') break;
  }
  const encoder = new TextEncoder();
  const tools = new ToolCalls();
  let usage: TokenUsage | null = null;
  let done = false;
  const chunk = (choice: Chunk['choices'][number] | null, extra: Partial<Chunk> = {}): string =>
    `data: ${JSON.stringify({
      id: meta.id,
      object: 'chat.completion.chunk',
      created: meta.created,
      model: meta.model,
      choices: choice ? [choice] : [],
      ...extra,
    } satisfies Chunk)}\n\n`;
  const delta = (d: Chunk['choices'][number]['delta']) =>
    chunk({ index: 0, delta: d, finish_reason: null, logprobs: null });

  const encode = (event: CompletionEvent): string => {
    switch (event.type) {
      case 'message-start':
        return delta({ role: 'assistant', content: '' });
      case 'text-delta':
        return delta({ content: event.delta });
      case 'tool-call-delta': {
        const { index, opened } = tools.add(event);
        return delta({
          tool_calls: [
            opened
              ? {
                  index,
                  id: event.toolCallId,
                  type: 'function',
                  function: { name: event.toolName ?? '', arguments: event.argsDelta },
                }
              : { index, function: { arguments: event.argsDelta } },
          ],
        });
      }
      case 'usage':
        usage = event.usage;
        return '';
      case 'error': {
        const code = event.error.code as ErrorCode;
        const status = gatewayStatus(code, new CompanyChatError({ code, message: '' }).statusCode);
        done = true;
        return `data: ${JSON.stringify(openAIErrorBody(code, event.error.message, status))}\n\n`;
      }
      case 'message-end': {
        if (done || event.status !== 'complete') return '';
        usage = event.usage ?? usage;
        const reason = (event.finishReason && finishReasons[event.finishReason]) ?? 'stop';
        return (
          chunk({ index: 0, delta: {}, finish_reason: reason, logprobs: null }) +
          (options.includeUsage ? chunk(null, { usage: toUsage(usage) }) : '') +
          'data: [DONE]\n\n'
        );
      }
    }
  };

  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        for (;;) {
          const first = held.shift();
          const next = first ? { done: false as const, value: first } : await events.next();
          if (next.done) {
            controller.close();
            return;
          }
          const text = encode(next.value);
          if (text !== '') {
            controller.enqueue(encoder.encode(text));
            return;
          }
        }
      } catch (error) {
        options.onError(error);
        const failure = openAIErrorBody('internal', 'The completion failed because of an internal error.', 500);
        controller.enqueue(encoder.encode(`data: ${JSON.stringify(failure)}\n\n`));
        controller.close();
      }
    },
    async cancel(reason) {
      options.abort.abort(reason);
      // The completion still runs to its end (aborted), so its quota is settled and its usage recorded.
      await drain(events);
    },
  });
  return new Response(body, { headers: sseHeaders });
}

async function drain(events: AsyncIterator<CompletionEvent>): Promise<void> {
  for (let next = await events.next(); !next.done; next = await events.next());
}
