// The floor a gateway is measured against: a bare Hono pass-through proxy on @hono/node-server. It
// forwards POST /v1/chat/completions to the upstream (UPSTREAM_URL, an OpenAI base URL) with fetch and
// streams the upstream's body back unchanged: no auth, no validation, no store, no parsing.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const upstream = process.env.UPSTREAM_URL!;
const app = new Hono();
app.post('/v1/chat/completions', async (c) => {
  const response = await fetch(`${upstream}/chat/completions`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: c.req.header('authorization') ?? '',
    },
    body: await c.req.arrayBuffer(),
    signal: c.req.raw.signal,
  });
  return new Response(response.body, {
    status: response.status,
    headers: { 'content-type': response.headers.get('content-type') ?? 'text/event-stream' },
  });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${info.port}`, openaiBaseURL: `http://127.0.0.1:${info.port}/v1` })}\n`,
  );
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
