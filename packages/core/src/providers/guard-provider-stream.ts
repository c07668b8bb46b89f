import { ProviderError } from '../errors/provider-error.js';
import type { ChatModelStreamPart } from './chat-model.js';

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

/** Options of {@link guardProviderStream}. */
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
 * Runs a provider's part stream with abort and timeout handling shared by all providers.
 * `run` gets a signal to hand to the SDK: it aborts when the caller aborts or a timeout fires, which
 * makes the SDK close the HTTP request. The SDKs end their iterators quietly on abort, so the outcome is
 * decided here from what happened (timeout, caller abort) rather than from what the SDK threw.
 * Timers are paused while the consumer holds a part, so a slow consumer never counts as a slow upstream.
 */
export async function* guardProviderStream(
  options: GuardOptions,
  run: (signal: AbortSignal) => AsyncIterable<ChatModelStreamPart>,
): AsyncGenerator<ChatModelStreamPart> {
  const outer = options.signal;
  if (outer?.aborted) throw abortReason(outer);
  const controller = new AbortController();
  const onAbort = () => controller.abort(outer ? abortReason(outer) : undefined);
  outer?.addEventListener('abort', onAbort, { once: true });

  let timedOut: 'first-token' | 'idle' | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = (phase: 'first-token' | 'idle', ms: number) => {
    clearTimeout(timer);
    if (!Number.isFinite(ms) || ms <= 0) return;
    timer = setTimeout(() => {
      timedOut = phase;
      controller.abort(new DOMException(`${phase} timeout`, 'TimeoutError'));
    }, ms);
  };
  const firstTokenMs = options.firstTokenTimeoutMs ?? defaultFirstTokenTimeoutMs;
  const idleMs = options.idleTimeoutMs ?? defaultIdleTimeoutMs;
  const timeoutError = (): ProviderError =>
    new ProviderError({
      code: 'timeout',
      provider: options.provider,
      message:
        timedOut === 'idle'
          ? `${options.vendor} stopped sending for ${idleMs} ms in the middle of the answer`
          : `${options.vendor} sent no answer within ${firstTokenMs} ms`,
    });
  const decide = (error: unknown): unknown => {
    if (timedOut) return timeoutError();
    if (outer?.aborted) return abortReason(outer);
    return ProviderError.isInstance(error) ? error : options.mapError(error);
  };

  let started = false;
  arm('first-token', firstTokenMs);
  try {
    for await (const part of run(controller.signal)) {
      if (timedOut || outer?.aborted) break;
      if (part.type === 'text-delta' || part.type === 'tool-call-delta' || part.type === 'finish') started = true;
      if (started) clearTimeout(timer);
      yield part;
      if (started) arm('idle', idleMs);
    }
  } catch (error) {
    throw decide(error);
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onAbort);
  }
  if (timedOut || outer?.aborted) throw decide(undefined);
}
