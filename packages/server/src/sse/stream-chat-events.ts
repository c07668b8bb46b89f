import type { ChatEvent } from '@company-chat/core';
import type { Context } from 'hono';
import type { AppEnv } from '../app/app-env.js';
import { createSseRelay } from './create-sse-relay.js';
import { sseHeaders } from './sse-headers.js';

/** Options of {@link streamChatEvents}. */
export interface StreamChatEventsOptions {
  heartbeatMs: number;
  /** Logs a failure after the response has started (it then reaches the client as an `error` event). */
  onError: (error: unknown) => void;
}

/**
 * Starts a turn (send, regenerate, edit) and answers with its SSE stream. The first event is awaited
 * before the response is committed, so failures known up front (404, 409, unknown model) become JSON
 * errors with their status. The turn is aborted when the client goes away or cancels the stream.
 */
export async function streamChatEvents(
  c: Context<AppEnv>,
  start: (signal: AbortSignal) => AsyncIterable<ChatEvent>,
  options: StreamChatEventsOptions,
): Promise<Response> {
  const abort = new AbortController();
  // Captured before bodyLimit, which replaces c.req.raw when it buffers a chunked body.
  const requestSignal = c.get('requestSignal') ?? c.req.raw.signal;
  const onRequestAbort = () => abort.abort(requestSignal.reason);
  if (requestSignal.aborted) onRequestAbort();
  else requestSignal.addEventListener('abort', onRequestAbort, { once: true });
  const events = start(abort.signal)[Symbol.asyncIterator]();
  const first = await events.next();
  if (first.done) return new Response('', { headers: sseHeaders });
  const body = createSseRelay({
    first: first.value,
    events,
    heartbeatMs: options.heartbeatMs,
    onCancel: (reason) => abort.abort(reason),
    onError: options.onError,
  });
  return new Response(body, { headers: sseHeaders });
}
