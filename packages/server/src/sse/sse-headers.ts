/** Response headers of every SSE stream the server sends. */
export const sseHeaders: Record<string, string> = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache',
  // nginx and similar proxies buffer responses unless told not to, which would hold tokens back.
  'x-accel-buffering': 'no',
  connection: 'keep-alive',
  // As hono's streamSSE does: without it @hono/node-server probes the body for a Content-Length first,
  // which costs a timer tick on the first token.
  'transfer-encoding': 'chunked',
};
