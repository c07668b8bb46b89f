// An in-browser stand-in for the company-chat HTTP API, so the static Storybook shows every state
// without a server. Stories only: the tests run against the real server.
import type { ChatCitation, ChatEvent, FilePassage } from '@company-chat/core/client';

/** What the story server answers. */
export interface StoryServerOptions {
  answer?: string;
  /** Milliseconds between 4-character chunks. */
  delayMs?: number;
  /** Stop streaming after this many characters and never finish (the "streaming" state). */
  hangAfter?: number;
  /** Fail the answer after it started (an `error` event). */
  failAfter?: { chars: number; code: string; message: string };
  /** Refuse the request before streaming (e.g. 429 quota_exceeded, with `Retry-After` and the limit named). */
  reject?: { status: number; code: string; message: string; retryAfterSeconds?: number; limit?: string };
  /** Passages the answer cites (sent as `citation` events before its text). */
  citations?: ChatCitation[];
  /** `GET /files/:id/passages/:passageId`, by passage id (a cited passage with its neighbours). */
  passages?: Record<string, FilePassage>;
  /** `GET /quota`: a daily token budget with this many of 100,000 tokens used. */
  quotaUsed?: number;
  conversations?: number;
  models?: string[];
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** A `fetch` that serves the chat API from memory. */
export function storyServer(options: StoryServerOptions = {}): typeof fetch {
  const now = Date.now();
  const conversations = Array.from({ length: options.conversations ?? 0 }, (_, i) => ({
    id: `c${i}`,
    title:
      ['Quarterly numbers', 'Onboarding checklist', 'VPN troubleshooting', 'Travel policy', 'SQL help'][i % 5] +
      (i > 4 ? ` ${i}` : ''),
    model: 'default',
    createdAt: new Date(now - i * 3_600_000).toISOString(),
    updatedAt: new Date(now - i * 3_600_000).toISOString(),
  }));
  return async (input, init) => {
    const url = new URL(String(input), location.href);
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const method = init?.method ?? 'GET';
    if (path === '/models')
      return json({
        models: (options.models ?? ['default']).map((id, i) => ({
          id,
          provider: 'story',
          modelId: id,
          default: i === 0,
        })),
      });
    if (path === '/conversations') {
      // Word-prefix search on titles and pages of `limit` by an index cursor, as the real server pages.
      const words = (url.searchParams.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
      const found = conversations.filter((c) =>
        words.every((w) =>
          c.title
            .toLowerCase()
            .split(/\W+/)
            .some((t) => t.startsWith(w)),
        ),
      );
      const start = Number(url.searchParams.get('cursor') ?? 0);
      const end = start + Number(url.searchParams.get('limit') ?? 50);
      return json({ conversations: found.slice(start, end), nextCursor: end < found.length ? String(end) : null });
    }
    if (path === '/quota' && options.quotaUsed !== undefined) {
      const resetsAt = new Date(now + 5 * 3_600_000).toISOString();
      const limit = {
        scope: 'user',
        limit: 'tokensPerDay',
        used: options.quotaUsed,
        reserved: 0,
        max: 100_000,
        resetsAt,
      };
      return json({ enforced: true, tier: 'free', limits: [limit] });
    }
    if (path.endsWith('/feedback') && method === 'POST') {
      const body = JSON.parse(String(init?.body));
      return json({
        messageId: 'a1',
        feedback: { ...body, comment: body.comment ?? null, at: new Date().toISOString() },
      });
    }
    if (path.startsWith('/conversations/') && method === 'GET') {
      const conversation = conversations.find((c) => path.endsWith(`/${c.id}`));
      if (!conversation) return json({ error: { code: 'not_found', message: 'No such conversation.' } }, 404);
      return json({ conversation, messages: [] });
    }
    const passage = /^\/files\/[^/]+\/passages\/([^/]+)$/.exec(path);
    if (passage && method === 'GET') {
      const found = options.passages?.[decodeURIComponent(passage[1] ?? '')];
      return found ? json(found) : json({ error: { code: 'not_found', message: 'No such passage.' } }, 404);
    }
    if (path === '/chat' && method === 'POST') {
      if (options.reject) {
        const { status, code, message, retryAfterSeconds, limit } = options.reject;
        const response = json({ error: { code, message, ...(limit ? { limit, scope: 'user' } : {}) } }, status);
        if (retryAfterSeconds) response.headers.set('retry-after', String(retryAfterSeconds));
        return response;
      }
      return new Response(stream(options, JSON.parse(String(init?.body)).content), {
        headers: { 'content-type': 'text/event-stream' },
      });
    }
    return json({ error: { code: 'not_found', message: `No route for ${method} ${url.pathname}.` } }, 404);
  };
}

function stream(options: StoryServerOptions, question: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const answer = options.answer ?? `You asked: ${question}`;
  let seq = 0;
  return new ReadableStream({
    async start(controller) {
      const send = (event: ChatEvent) =>
        controller.enqueue(encoder.encode(`id: ${++seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`));
      const at = new Date().toISOString();
      send({
        type: 'conversation',
        created: true,
        conversation: { id: 'story', title: question.slice(0, 40), createdAt: at, updatedAt: at },
      });
      send({ type: 'message-start', userMessageId: 'u1', messageId: 'a1', model: 'default' });
      for (const citation of options.citations ?? []) send({ type: 'citation', messageId: 'a1', ...citation });
      for (let i = 0; i < answer.length; i += 4) {
        if (options.hangAfter !== undefined && i >= options.hangAfter) return;
        if (options.failAfter && i >= options.failAfter.chars) {
          send({
            type: 'error',
            messageId: 'a1',
            error: { code: options.failAfter.code, message: options.failAfter.message, retryable: true },
          });
          send({
            type: 'message-end',
            messageId: 'a1',
            status: 'error',
            finishReason: 'error',
            usage: null,
            timeToFirstTokenMs: 1,
            durationMs: 1,
          });
          controller.close();
          return;
        }
        send({ type: 'text-delta', messageId: 'a1', delta: answer.slice(i, i + 4) });
        if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      }
      send({
        type: 'message-end',
        messageId: 'a1',
        status: 'complete',
        finishReason: 'stop',
        usage: null,
        timeToFirstTokenMs: 1,
        durationMs: 1,
      });
      controller.close();
    },
  });
}
