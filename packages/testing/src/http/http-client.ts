import { request } from 'node:http';
import { answerText, parseSse, type SseEvent } from './sse-client.js';

/** A streaming chat over a real HTTP connection, read event by event. */
export interface OpenChatStream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Resolves once `predicate` matches an event received so far (or later). */
  waitFor(predicate: (event: SseEvent) => boolean): Promise<SseEvent>;
  /**
   * Resolves once the answer received so far (its `text-delta` events joined) begins with `text`, in
   * however many events it came: the server joins deltas it reads together into one event.
   */
  waitForText(text: string): Promise<void>;
  /** Resolves with every event when the server ends the response. */
  ended: Promise<SseEvent[]>;
  /** Cuts the connection, as a closed browser tab does. */
  disconnect(): void;
}

/** POSTs a chat with node:http (no client-side buffering) and exposes the SSE events as they arrive. */
export function openChatStream(
  baseUrl: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<OpenChatStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/api/v1/chat`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
    });
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      const waiters: Array<{ predicate: (e: SseEvent) => boolean; resolve: (e: SseEvent) => void }> = [];
      const textWaiters: Array<{ expected: string; resolve: () => void }> = [];
      const check = () => {
        const events = parseSse(text.slice(0, text.lastIndexOf('\n\n') + 2));
        if (textWaiters.length > 0) {
          const answer = answerText(events);
          for (const w of [...textWaiters]) {
            if (answer.startsWith(w.expected)) {
              textWaiters.splice(textWaiters.indexOf(w), 1);
              w.resolve();
            }
          }
        }
        for (const w of [...waiters]) {
          const found = events.find(w.predicate);
          if (found) {
            waiters.splice(waiters.indexOf(w), 1);
            w.resolve(found);
          }
        }
      };
      const ended = new Promise<SseEvent[]>((resolveEnd, rejectEnd) => {
        res.on('end', () => resolveEnd(parseSse(text)));
        res.on('error', rejectEnd);
      });
      ended.catch(() => {});
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        check();
      });
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        waitFor: (predicate) =>
          new Promise((r) => {
            waiters.push({ predicate, resolve: r });
            check();
          }),
        waitForText: (expected) =>
          new Promise((r) => {
            textWaiters.push({ expected, resolve: r });
            check();
          }),
        disconnect: () => req.destroy(),
      });
    });
    req.end(JSON.stringify(body));
  });
}
