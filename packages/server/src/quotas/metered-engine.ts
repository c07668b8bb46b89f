import {
  type AdmitInput,
  type AuxiliaryModelCall,
  type ChatEvent,
  CompanyChatError,
  type CompletionEvent,
  costOf,
  DEFAULT_PRICES,
  type ModelInfo,
  type Owner,
  type PriceTable,
  type Principal,
  type QuotaGuard,
  type TokenUsage,
  type UsageLog,
} from '@company-chat/core';
import type { ChatEnginePort } from '../app/chat-engine-port.js';
import type { ErrorLogger } from '../errors/error-handler.js';
import { principalOf } from '../identity/owner-principals.js';

/** Model aliases switched off by an admin: not listed, and answered 403 when asked for. */
export interface ModelSwitch {
  disabled: Set<string>;
}

/** Options of {@link meterEngine}. */
export interface MeteringOptions {
  /** Admission control (stream slots, token and cost budgets). Absent: no limits. */
  guard?: QuotaGuard;
  /** Where each answer's usage and cost is recorded. Absent: not recorded. */
  usage?: UsageLog;
  prices?: PriceTable;
  /**
   * The worst case reserved before an answer: prompt tokens and `max_tokens`. Default 7,168 + 1,024
   * (the engine's default 8,192-token context window, which bounds the prompt it builds).
   */
  worstCase?: (model: ModelInfo) => Pick<AdmitInput, 'promptTokens' | 'maxOutputTokens'>;
  /** Re-checked while an answer streams: false ends it (revoked key, suspended user). */
  stillAllowed?: (principal: Principal) => Promise<boolean>;
  /** How often {@link MeteringOptions.stillAllowed} runs. Default 5 s. */
  recheckMs?: number;
  models?: ModelSwitch;
  log: ErrorLogger;
}

/** The events metering reads: a turn's (send, regenerate, edit) or a stateless completion's. */
type MeteredEvent = ChatEvent | CompletionEvent;
type Start<E extends MeteredEvent> = (
  signal: AbortSignal,
  onAuxiliaryCall: (call: AuxiliaryModelCall) => void,
) => AsyncIterable<E>;
const zeroUsage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/**
 * Wraps the engine so every answer (send, regenerate, edit) of an authenticated principal is admitted by
 * the quota guard before the provider is called, settled with the real usage (or an estimate) however it
 * ends, recorded in the usage log, and cut off if the principal's key is revoked meanwhile. Failures
 * before the answer starts (404, busy) release the reservation with zero usage.
 */
export function meterEngine(engine: ChatEnginePort, options: MeteringOptions): ChatEnginePort {
  const prices = options.prices ?? DEFAULT_PRICES;
  const worstCase = options.worstCase ?? (() => ({ promptTokens: 8192 - 1024, maxOutputTokens: 1024 }));

  async function* metered<E extends MeteredEvent>(
    input: { owner: Owner; model?: string | undefined; signal?: AbortSignal | undefined },
    start: Start<E>,
    maxOutputTokens?: number,
  ): AsyncGenerator<E, void, undefined> {
    const principal = principalOf(input.owner);
    const models = engine.listModels();
    const info = models.find((m) => m.id === input.model) ?? (input.model ? undefined : models.find((m) => m.default));
    if (info && options.models?.disabled.has(info.id)) {
      throw new CompanyChatError({ code: 'forbidden', message: `The model "${info.id}" is disabled.` });
    }
    if (!principal) {
      yield* start(input.signal ?? new AbortController().signal, () => {});
      return;
    }
    const startedAt = performance.now();
    // A completion that names its own output limit reserves that instead of the default.
    const worst = info && { ...worstCase(info), ...(maxOutputTokens === undefined ? {} : { maxOutputTokens }) };
    const admission =
      options.guard && info && worst ? await options.guard.admit({ principal, model: info.modelId, ...worst }) : null;

    const abort = new AbortController();
    const onAbort = () => abort.abort(input.signal?.reason);
    if (input.signal?.aborted) onAbort();
    else input.signal?.addEventListener('abort', onAbort, { once: true });
    const timer = options.stillAllowed ? watch(principal, abort, options) : undefined;

    let started = false;
    let usage: TokenUsage | null = null;
    let outputChars = 0;
    let ttft: number | null = null;
    let status = 'error';
    let conversationId: string | null = null;
    let messageId: string | null = null;
    let alias = info?.id ?? input.model ?? '';
    // A follow-up rewrite happens before the answer starts; it is charged even if the answer never does.
    const auxiliary: AuxiliaryModelCall[] = [];
    try {
      for await (const item of start(abort.signal, (call) => auxiliary.push(call))) {
        // Both event kinds share the fields read here (`message-start` of a completion has no user message).
        const event = item as ChatEvent;
        if (event.type === 'conversation') conversationId = event.conversation.id;
        else if (event.type === 'message-start') {
          started = true;
          messageId = event.messageId;
          alias = event.model;
        } else if (event.type === 'text-delta') {
          outputChars += event.delta.length;
          ttft ??= performance.now() - startedAt;
        } else if (event.type === 'usage') usage = event.usage;
        else if (event.type === 'message-end') {
          status = event.status;
          usage = event.usage ?? usage;
          if (event.timeToFirstTokenMs !== null) ttft = event.timeToFirstTokenMs;
        }
        yield item;
      }
    } finally {
      if (timer !== undefined) clearInterval(timer);
      input.signal?.removeEventListener('abort', onAbort);
      // Nothing reached the provider unless the answer started: release the whole reservation.
      const extra = auxiliary.map((call) => ({ model: call.modelId, usage: call.usage }));
      const settled = admission
        ? await admission.finish(started ? { usage, outputChars, extra } : { usage: zeroUsage, extra })
        : null;
      for (const call of auxiliary) {
        await options.usage
          ?.record({
            tenantId: principal.tenantId,
            userId: principal.userId,
            apiKeyId: principal.keyId ?? null,
            conversationId,
            messageId,
            model: call.model,
            provider: call.provider,
            providerModel: call.modelId,
            inputTokens: call.usage.inputTokens,
            outputTokens: call.usage.outputTokens,
            totalTokens: call.usage.totalTokens,
            cost: costOf(call.usage, call.modelId, prices).totalCost,
            estimated: call.estimated,
            latencyMs: call.latencyMs,
            timeToFirstTokenMs: null,
            status: call.status,
          })
          .catch((error: unknown) => options.log('usage record failed', error));
      }
      if (options.usage && started) {
        const model = models.find((m) => m.id === alias) ?? info;
        const final = settled?.usage ??
          usage ?? {
            inputTokens: 0,
            outputTokens: Math.ceil(outputChars / 4),
            totalTokens: Math.ceil(outputChars / 4),
          };
        await options.usage
          .record({
            tenantId: principal.tenantId,
            userId: principal.userId,
            apiKeyId: principal.keyId ?? null,
            conversationId,
            messageId,
            model: alias,
            provider: model?.provider ?? '',
            providerModel: model?.modelId ?? '',
            inputTokens: final.inputTokens,
            outputTokens: final.outputTokens,
            totalTokens: final.totalTokens,
            cost: settled?.cost.totalCost ?? costOf(final, model?.modelId ?? '', prices).totalCost,
            estimated: usage === null,
            latencyMs: performance.now() - startedAt,
            timeToFirstTokenMs: ttft,
            status,
          })
          .catch((error: unknown) => options.log('usage record failed', error));
      }
    }
  }

  return {
    ...engine,
    conversations: engine.conversations,
    send: (input) => metered(input, (signal, onAuxiliaryCall) => engine.send({ ...input, signal, onAuxiliaryCall })),
    regenerate: (input) =>
      metered(input, (signal, onAuxiliaryCall) => engine.regenerate({ ...input, signal, onAuxiliaryCall })),
    edit: (input) => metered(input, (signal, onAuxiliaryCall) => engine.edit({ ...input, signal, onAuxiliaryCall })),
    ...(engine.complete
      ? {
          complete: (input) =>
            metered(input, (signal) => engine.complete!({ ...input, signal }), input.request.maxOutputTokens),
        }
      : {}),
    listModels: () => engine.listModels().filter((m) => !options.models?.disabled.has(m.id)),
    shutdown: () => engine.shutdown(),
  };
}

function watch(principal: Principal, abort: AbortController, options: MeteringOptions) {
  const timer = setInterval(() => {
    options.stillAllowed?.(principal).then(
      (allowed) => {
        if (!allowed) {
          abort.abort(
            new CompanyChatError({ code: 'unauthenticated', message: 'The credentials of this stream were revoked.' }),
          );
        }
      },
      (error: unknown) => options.log('re-checking a streaming principal failed', error),
    );
  }, options.recheckMs ?? 5000);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
