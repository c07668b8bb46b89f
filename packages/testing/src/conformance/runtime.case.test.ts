import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openChatStream } from '../http/http-client.js';
import { answerText } from '../http/sse-client.js';
import { startWireServer, type WireServer } from '../wire/wire-server.js';

/** A company-chat server started on some runtime, its model pointed at the wire server. */
export interface RuntimeServer {
  url: string;
  /** Stops the server (and its process, if it has one). */
  stop(): Promise<void>;
}

const wireKey = 'sk-runtime-wire';
const fullAnswer = 'Hello from the wire server. This answer arrives in several small chunks.';

/**
 * The runtime conformance suite: every adapter (Node, Bun, workerd) must stream a chat, abort the
 * provider request when the client disconnects, and continue a conversation. `start` gets the wire
 * server's OpenAI base URL and key and returns the running server (in memory store, dev identity).
 */
export function runRuntimeConformance(
  name: string,
  start: (upstream: { openaiBaseURL: string; apiKey: string }) => Promise<RuntimeServer>,
): void {
  describe(`runtime: ${name}`, () => {
    let wire: WireServer;
    let server: RuntimeServer;

    beforeAll(async () => {
      wire = await startWireServer({ apiKey: wireKey });
      server = await start({ openaiBaseURL: wire.openaiBaseURL, apiKey: wireKey });
    }, 120_000);
    afterAll(async () => {
      await server?.stop();
      await wire?.close();
    });

    it('answers /health, /health/live and /health/ready', async () => {
      const res = await fetch(`${server.url}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: 'ok', checks: { store: 'ok', models: 'ok' } });
      const live = await fetch(`${server.url}/health/live`);
      expect([live.status, await live.json()]).toEqual([200, { status: 'ok' }]);
      const ready = await fetch(`${server.url}/health/ready`);
      expect([ready.status, (await ready.json()).status]).toEqual([200, 'ok']);
    });

    it('serves the OpenAPI document without credentials', async () => {
      const res = await fetch(`${server.url}/api/v1/openapi.json`);
      expect(res.status).toBe(200);
      const doc = await res.json();
      expect([doc.openapi, Object.keys(doc.paths)]).toEqual(['3.1.0', expect.arrayContaining(['/api/v1/chat'])]);
    });

    it('serves the OpenAI-compatible gateway: a completion as JSON and as SSE chunks ending [DONE]', async () => {
      const ask = (stream: boolean) =>
        fetch(`${server.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-user-id': 'gary' },
          body: JSON.stringify({ model: 'default', stream, messages: [{ role: 'user', content: 'Hi' }] }),
        });
      const json = await ask(false);
      expect(json.status).toBe(200);
      expect((await json.json()).choices[0].message.content).toBe(fullAnswer);
      const sse = await ask(true);
      expect(sse.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const lines = (await sse.text()).split('\n').filter((line) => line.startsWith('data: '));
      expect(lines.at(-1)).toBe('data: [DONE]');
      const text = lines
        .slice(0, -1)
        .map((line) => JSON.parse(line.slice(6)).choices[0]?.delta.content ?? '')
        .join('');
      expect(text).toBe(fullAnswer);
      const models = await fetch(`${server.url}/v1/models`, { headers: { 'x-user-id': 'gary' } });
      expect((await models.json()).data.map((m: { id: string }) => m.id)).toContain('default');
    });

    it('streams a chat as SSE text deltas, then continues the conversation', async () => {
      const first = await openChatStream(server.url, { content: 'Hi' }, { 'x-user-id': 'dana' });
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toMatch(/^text\/event-stream/);
      const events = await first.ended;
      // Deltas read from the upstream together are relayed as one event, so how many events carry the
      // text depends on how its chunks were read; the text does not.
      expect(events.filter((e) => e.event === 'text-delta').length).toBeGreaterThan(0);
      expect(answerText(events)).toBe(fullAnswer);
      expect(events.at(-1)?.data).toMatchObject({ type: 'message-end', status: 'complete' });

      const conversationId: string = events.find((e) => e.event === 'conversation')?.data.conversation.id;
      const second = await openChatStream(
        server.url,
        { content: 'And again', conversationId },
        { 'x-user-id': 'dana' },
      );
      const again = await second.ended;
      expect(answerText(again)).toBe(fullAnswer);
      expect(again.find((e) => e.event === 'conversation')?.data.conversation.id).toBe(conversationId);
      // The provider saw the whole history: both user turns and the first answer.
      const sent = wire.requests.at(-1)?.body.messages.map((m: { role: string }) => m.role);
      expect(sent.filter((r: string) => r === 'user')).toHaveLength(2);
      expect(sent).toContain('assistant');

      const stored = await fetch(`${server.url}/api/v1/conversations/${conversationId}`, {
        headers: { 'x-user-id': 'dana' },
      });
      expect(stored.status).toBe(200);
    });

    it('closes the upstream request when the client disconnects and keeps the partial answer', async () => {
      const stream = await openChatStream(
        server.url,
        { content: 'Tell me everything [[wire:{"type":"stall","afterChunks":3}]]' },
        { 'x-user-id': 'erin' },
      );
      const conversation = await stream.waitFor((e) => e.event === 'conversation');
      // The three chunks sent before the stall, in however many events they were relayed.
      await stream.waitForText('Hello from the');
      const upstream = wire.requests.at(-1)!;
      expect(upstream.clientClosed).toBe(false);

      stream.disconnect();
      await upstream.closed;
      expect(upstream.clientClosed).toBe(true);

      const id: string = conversation.data.conversation.id;
      await expect
        .poll(
          async () => {
            const res = await fetch(`${server.url}/api/v1/conversations/${id}`, { headers: { 'x-user-id': 'erin' } });
            const body = (await res.json()) as { messages?: Array<{ role: string; status: string; content: string }> };
            return body.messages?.find((m) => m.role === 'assistant');
          },
          { timeout: 15_000 },
        )
        .toMatchObject({ status: 'aborted', content: 'Hello from the' });
    });
  });
}
