import type { Span } from '@opentelemetry/api';

/**
 * A copy of a streaming response whose body ends `span` when it has been read to its end or cancelled
 * (the client went away), so the span of an SSE answer covers the whole answer and not just the time
 * to its first event. `onEnd` runs just before the span ends.
 */
export function endSpanWithBody(response: Response, span: Span, onEnd: (cancelled: boolean) => void): Response {
  const reader = response.body!.getReader();
  let ended = false;
  const end = (cancelled: boolean) => {
    if (ended) return;
    ended = true;
    onEnd(cancelled);
    span.end();
  };
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            end(false);
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (error) {
          end(true);
          controller.error(error);
        }
      },
      async cancel(reason) {
        end(true);
        await reader.cancel(reason);
      },
    },
    // No queue of its own: the relay's backpressure (it pauses the model when the client is slow) stays as it is.
    { highWaterMark: 0 },
  );
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
}
