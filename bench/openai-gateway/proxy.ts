// The baseline a gateway is compared with: a bare Hono app on Node that passes `POST /v1/chat/completions`
// through to the upstream with fetch and streams the answer back, with no auth, validation or metering.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const upstream = process.env.OPENAI_BASE_URL ?? 'http://127.0.0.1:9/v1';
const app = new Hono();
app.post('/v1/chat/completions', async (c) => {
  const res = await fetch(`${upstream}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer bench' },
    body: await c.req.text(),
    signal: c.req.raw.signal,
  });
  return new Response(res.body, {
    status: res.status,
    headers: { 'content-type': res.headers.get('content-type') ?? '' },
  });
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${info.port}` })}\n`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
});
