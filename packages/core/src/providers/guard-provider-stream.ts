import { ProviderError } from '../errors/provider-error.js';

/** Timeouts every provider supports, on top of the SDK's own request timeout (which ends at the headers). */
export interface StreamTimeoutOptions {
  /**
   * Longest wait from sending the request to the first token (or the finish, for an empty answer),
   * in ms. Covers a server that accepts the connection and never answers. Default 120 000.
   */
  firstTokenTimeoutMs?: number;
  /** Longest silence between two parts once tokens flow, in ms. Default 60 000. */
  idleTimeoutMs?: number;
}

/** Options of {@link StreamGuard}. */
export interface GuardOptions extends StreamTimeoutOptions {
  provider: string;
  vendor: string;
  signal?: AbortSignal;
  /** Turns anything the SDK threw into a ProviderError. */
  mapError: (error: unknown) => ProviderError;
}

const defaultFirstTokenTimeoutMs = 120_000;
const defaultIdleTimeoutMs = 60_000;

/** The error thrown when the caller aborted: the signal's reason, like `fetch` does. */
export function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/**
 * Abort and timeout handling shared by all providers, for one stream. `signal` goes to the SDK: it aborts
 * when the caller aborts or a timeout fires, which makes the SDK close the HTTP request. The SDKs (and a
 * body reader) end quietly or with an AbortError on abort, so the outcome is decided by {@link fail} from
 * what happened (timeout, caller abort) rather than from what was thrown.
 *
 * The first-token deadline counts from the request; the idle deadline counts only while the provider
 * waits for the upstream ({@link wait} … {@link ready}), so a slow consumer never counts as a slow
 * upstream. Both use one timer per stream that re-arms lazily when it fires early: a network read costs
 * one clock read and a token nothing, instead of a clearTimeout/setTimeout pair per token.
 */
export class StreamGuard {
  /** Hand this to the SDK. */
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly outer: AbortSignal | undefined;
  private readonly firstTokenMs: number;
  private readonly idleMs: number;
  private readonly startedAt = Date.now();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private timedOut: 'first-token' | 'idle' | undefined;
  private hasStarted = false;
  private waitingSince = -1;
  private readonly onAbort = (): void => {
    this.controller.abort(this.outer ? abortReason(this.outer) : undefined);
  };

  /** Throws the abort reason when `options.signal` is already aborted. */
  constructor(private readonly options: GuardOptions) {
    this.outer = options.signal;
    if (this.outer?.aborted) throw abortReason(this.outer);
    this.signal = this.controller.signal;
    this.outer?.addEventListener('abort', this.onAbort, { once: true });
    this.firstTokenMs = options.firstTokenTimeoutMs ?? defaultFirstTokenTimeoutMs;
    this.idleMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
    this.schedule(this.firstTokenMs);
  }

  /** True once a timeout fired or the caller aborted: stop yielding. */
  get stopped(): boolean {
    return this.timedOut !== undefined || this.outer?.aborted === true;
  }

  /** The first content part (text or a tool call) arrived: from now on the idle deadline applies. */
  started(): void {
    if (this.hasStarted) return;
    this.hasStarted = true;
    this.schedule(this.idleMs);
  }

  /** The provider starts waiting for the upstream (a body read, the SDK's next event). */
  wait(): void {
    this.waitingSince = Date.now();
  }

  /** The upstream answered; time from now until the next {@link wait} is the consumer's. */
  ready(): void {
    this.waitingSince = -1;
  }

  /** The error to throw for `error` (thrown by the SDK or the reader): timeout, the abort reason, or the mapped error. */
  fail(error: unknown): unknown {
    if (this.timedOut) return this.timeoutError();
    if (this.outer?.aborted) return abortReason(this.outer);
    return ProviderError.isInstance(error) ? error : this.options.mapError(error);
  }

  /** After the stream ended quietly: throws when it ended because of a timeout or an abort. */
  assertNotStopped(): void {
    if (this.stopped) throw this.fail(undefined);
  }

  /** Stops the timer and the listener on the caller's signal. */
  dispose(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.outer?.removeEventListener('abort', this.onAbort);
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!Number.isFinite(ms) || ms <= 0) return;
    this.timer = setTimeout(this.fire, ms);
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    const now = Date.now();
    let remaining: number;
    if (!this.hasStarted) remaining = this.startedAt + this.firstTokenMs - now;
    else if (this.waitingSince < 0)
      remaining = this.idleMs; // The consumer holds a part: not our silence.
    else remaining = this.waitingSince + this.idleMs - now;
    if (remaining > 0) {
      this.timer = setTimeout(this.fire, remaining);
      return;
    }
    this.timedOut = this.hasStarted ? 'idle' : 'first-token';
    this.controller.abort(new DOMException(`${this.timedOut} timeout`, 'TimeoutError'));
  };

  private timeoutError(): ProviderError {
    const { vendor, provider } = this.options;
    return new ProviderError({
      code: 'timeout',
      provider,
      message:
        this.timedOut === 'idle'
          ? `${vendor} stopped sending for ${this.idleMs} ms in the middle of the answer`
          : `${vendor} sent no answer within ${this.firstTokenMs} ms`,
    });
  }
}
