import { request } from 'node:http';
import { openChatStream } from '@company-chat/testing/http';
import { scriptedChatModel } from '@company-chat/testing/models';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';
import { type ServerHandle, serve } from './serve.js';

const handles: ServerHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((h) => h.close()));
});

async function start(models: Parameters<typeof createTestApp>[0], options?: Parameters<typeof createTestApp>[1]) {
  const { app, engine } = createTestApp(models, options);
  const handle = await serve({ app, port: 0 });
  handles.push(handle);
  return { handle, engine };
}

const owner = { tenantId: 'default', userId: 'dev-user' };

describe('serve (Node)', () => {
  it('streams a chat over real HTTP', async () => {
    const { handle } = await start({ default: scriptedChatModel({ deltas: ['a', 'b', 'c'], delayMs: 2 }) });
    expect(handle.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const stream = await openChatStream(handle.url, { content: 'hi' });
    expect(stream.status).toBe(200);
    expect(stream.headers['content-type']).toMatch(/^text\/event-stream/);
    const events = await stream.ended;
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });
  });

  it('warms the engine up once it listens, not before', async () => {
    const { app, engine } = createTestApp({ default: scriptedChatModel({ deltas: ['a'] }) });
    let listeningWhenWarmed: boolean | undefined;
    let handle: ServerHandle | undefined;
    const warmed = new Promise<void>((resolve) => {
      const port = {
        shutdown: () => engine.shutdown(),
        warmUp: async () => {
          // serve() has not returned yet, but the socket must already accept connections.
          listeningWhenWarmed = await new Promise<boolean>((ok) => setImmediate(() => ok(handle !== undefined)));
          resolve();
        },
      };
      serve({ app, port: 0, engine: port }).then((h) => {
        handle = h;
        handles.push(h);
      });
    });
    await warmed;
    expect(listeningWhenWarmed).toBe(true);
  });

  it('aborts the model when the client disconnects mid-stream and stores the partial answer as aborted', async () => {
    const model = scriptedChatModel({ deltas: ['partial ', 'answer'], hang: true });
    const { handle, engine } = await start({ default: model });
    const stream = await openChatStream(handle.url, { content: 'tell me a long story' });
    const conversation = await stream.waitFor((e) => e.event === 'conversation');
    await stream.waitForText('partial answer');
    stream.disconnect();

    await model.calls[0]?.abortedPromise;
    expect(model.calls[0]?.aborted).toBe(true);
    const conversationId: string = conversation.data.conversation.id;
    await expect
      .poll(async () => (await engine.conversations.get(owner, conversationId))?.messages[1]?.status)
      .toBe('aborted');
    const stored = await engine.conversations.get(owner, conversationId);
    expect(stored?.messages[1]).toMatchObject({ role: 'assistant', status: 'aborted', content: 'partial answer' });
  });

  it('answers 413 to a chunked body over the limit', async () => {
    const { handle } = await start({ default: scriptedChatModel({ deltas: [] }) }, { maxBodyBytes: 1024 });
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${handle.url}/api/v1/chat`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('error', reject);
      req.on('response', (r) => {
        let body = '';
        r.on('data', (d) => {
          body += d;
        });
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.write('{"content":"');
      for (let i = 0; i < 20; i++) req.write('x'.repeat(500));
      req.end('"}');
    });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
  });

  it('close() ends in-flight streams with an error event and stores their partial answers', async () => {
    const model = scriptedChatModel({ deltas: ['half ', 'done'], hang: true });
    const { handle, engine } = await start({ default: model });
    const stream = await openChatStream(handle.url, { content: 'go' });
    const conversation = await stream.waitFor((e) => e.event === 'conversation');
    await stream.waitForText('half done');

    await handle.close();
    const events = await stream.ended;
    expect(events.find((e) => e.event === 'error')?.data.error.code).toBe('shutting_down');
    expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'error' });
    const stored = await engine.conversations.get(owner, conversation.data.conversation.id);
    expect(stored?.messages[1]).toMatchObject({ status: 'error', content: 'half done' });
    // No new connections once closed.
    await expect(fetch(`${handle.url}/health`)).rejects.toThrow();
  });
});
