import type { MessageStatus } from '../conversations/types.js';
import type { TokenUsage } from '../providers/chat-model.js';

/** What happened, told to an {@link Instrumentation} (metrics, counters) as it happens. */
export type InstrumentationEvent =
  /** An answer started streaming from `provider`/`providerModel` (the first model asked). */
  | { type: 'answer-start'; provider: string; providerModel: string }
  /**
   * An answer ended however it ended. `provider`/`providerModel` are those that answered (after a
   * fallback, the fallback); `usage` is null when the provider reported none.
   */
  | {
      type: 'answer-end';
      provider: string;
      providerModel: string;
      status: Exclude<MessageStatus, 'streaming'>;
      usage: TokenUsage | null;
      timeToFirstTokenMs: number | null;
      durationMs: number;
    }
  /**
   * A provider call failed with a stable error `code`. With `fallbackTo` the router went on to the next
   * model before the first token; without it the answer failed.
   */
  | {
      type: 'provider-error';
      provider: string;
      providerModel: string;
      code: string;
      fallbackTo?: { provider: string; providerModel: string };
    }
  /** A request or an answer was refused by a quota or rate `limit` (e.g. `tokensPerDay`, `messagesPerMinute`). */
  | { type: 'quota-denied'; limit: string; scope: string }
  /** A file ingestion ended: its outcome and the chunks it stored. */
  | { type: 'ingestion'; outcome: 'created' | 'duplicate' | 'replaced' | 'failed'; chunks: number }
  /** The chat store failed: `answer-write` (an answer's write or unlock, retried), `request` (answered 503). */
  | { type: 'store-error'; operation: 'answer-write' | 'request' }
  /** A Redis command failed (the backend fell back or failed closed); `backend` names the user. */
  | { type: 'redis-error'; backend: 'rate-limiter' | 'quota-ledger' | 'login-throttle' };

/**
 * Where the engine and its backends report events for metrics. Runtime-agnostic: the server implements
 * it with prom-client (`createPrometheusMetrics()` in `@company-chat/server/node`); the default does
 * nothing. `record` must not throw and must return at once (it is called on the streaming path).
 *
 * @example
 * ```ts
 * const counts = new Map<string, number>();
 * const instrumentation: Instrumentation = {
 *   record: (event) => counts.set(event.type, (counts.get(event.type) ?? 0) + 1),
 * };
 * const engine = createChatEngine({ models, store, instrumentation });
 * ```
 */
export interface Instrumentation {
  record(event: InstrumentationEvent): void;
}

/** The default {@link Instrumentation}: records nothing. */
export const noopInstrumentation: Instrumentation = { record: () => {} };
