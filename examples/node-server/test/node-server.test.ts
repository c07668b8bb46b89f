import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { answerText, openChatStream } from '@company-chat/testing/http';
import { startWireServer, type WireServer } from '@company-chat/testing/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCompanyChat, SYSTEM_PROMPT } from '../src/create-company-chat.js';
import { createHostApp } from '../src/create-host-app.js';

const secret = 'example-widget-token-secret-0123456789abcdef';
let wire: WireServer;
let server: Server;
let chat: ReturnType<typeof createCompanyChat>;
let url: string;

beforeAll(async () => {
  // The wire server speaks the OpenAI and Azure OpenAI formats at once: both deployments point at it.
  wire = await startWireServer({ apiKey: 'sk-example' });
  chat = createCompanyChat({
    openaiBaseURL: wire.openaiBaseURL,
    openaiApiKey: 'sk-example',
    azureEndpoint: wire.azureEndpoint,
    azureApiKey: 'sk-example',
    azureDeployment: 'gpt-4o',
    widgetTokenSecret: secret,
  });
  server = createServer(createHostApp({ chat, widgetTokenSecret: secret }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await chat.shutdown();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await wire.close();
});

async function logIn(user: string): Promise<string> {
  const res = await fetch(`${url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ user }),
    redirect: 'manual',
  });
  expect(res.status).toBe(303);
  return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function widgetToken(cookie: string): Promise<string> {
  const res = await fetch(`${url}/chat-token`, { headers: { cookie } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe('examples/node-server', () => {
  it('serves the host pages: login, then the page with the chat launcher', async () => {
    expect(await (await fetch(url)).text()).toContain('action="/login"');
    const cookie = await logIn('alice');
    const home = await (await fetch(url, { headers: { cookie } })).text();
    expect(home).toContain('Welcome, Alice');
    expect(home).toContain('<company-chat mode="launcher">');
    expect((await fetch(`${url}/app.js`)).status).toBe(200);
  });

  it('mints widget tokens only for logged-in users, and the chat API accepts nothing else', async () => {
    expect((await fetch(`${url}/chat-token`)).status).toBe(401);
    const anonymous = await fetch(`${url}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user-id': 'mallory' },
      body: JSON.stringify({ content: 'hi' }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('streams a chat through the default router with the company system prompt', async () => {
    const token = await widgetToken(await logIn('alice'));
    const stream = await openChatStream(url, { content: 'Hello' }, { authorization: `Bearer ${token}` });
    expect(stream.status).toBe(200);
    const events = await stream.ended;
    expect(answerText(events)).toContain('Hello from the wire server');
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
    const upstream = wire.requests.at(-1)!;
    expect(upstream.vendor).toBe('azure'); // the router's first deployment
    expect(upstream.body.messages[0]).toEqual({ role: 'system', content: SYSTEM_PROMPT });
  });

  it('falls back to the second deployment when the first fails, and offers the `fast` alias', async () => {
    const token = await widgetToken(await logIn('bob'));
    wire.script({ type: 'error', status: 503 });
    const fallback = await (await openChatStream(url, { content: 'Hi' }, { authorization: `Bearer ${token}` })).ended;
    expect(fallback.at(-1)?.data).toMatchObject({ status: 'complete' });
    expect(wire.requests.slice(-2).map((r) => r.vendor)).toEqual(['azure', 'openai']);

    const models = await fetch(`${url}/api/v1/models`, { headers: { authorization: `Bearer ${token}` } });
    const ids = ((await models.json()) as { models: Array<{ id: string }> }).models.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['default', 'fast']));

    const fast = await (
      await openChatStream(url, { content: 'Quick', model: 'fast' }, { authorization: `Bearer ${token}` })
    ).ended;
    expect(fast.at(-1)?.data).toMatchObject({ status: 'complete' });
    expect(wire.requests.at(-1)?.body.model).toBe('gpt-4o-mini');
  });

  it("keeps each user's conversations to themselves", async () => {
    const alice = await widgetToken(await logIn('alice'));
    const bob = await widgetToken(await logIn('bob'));
    const events = await (await openChatStream(url, { content: 'Secret' }, { authorization: `Bearer ${alice}` })).ended;
    const id = events.find((e) => e.event === 'conversation')?.data.conversation.id;
    const asBob = await fetch(`${url}/api/v1/conversations/${id}`, { headers: { authorization: `Bearer ${bob}` } });
    expect(asBob.status).toBe(404);
    const asAlice = await fetch(`${url}/api/v1/conversations/${id}`, { headers: { authorization: `Bearer ${alice}` } });
    expect(asAlice.status).toBe(200);
  });
});
