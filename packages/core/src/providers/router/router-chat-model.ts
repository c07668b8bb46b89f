import { ProviderError } from '../../errors/provider-error.js';
import type {
  ChatModel,
  ChatModelCallOptions,
  ChatModelRequest,
  ChatModelStreamPart,
  FallbackEvent,
} from '../chat-model.js';

/** Options of {@link router}. */
export interface RouterOptions {
  /** Candidate deployments in order of preference. At least one. */
  routes: ChatModel[];
  /** How long a failing deployment is skipped when the upstream named no `Retry-After`, in ms. Default 30 000. */
  cooldownMs?: number;
  /**
   * Also fall back (and cool the deployment down) on `auth` errors. Default true: a rejected key is a
   * broken deployment (rotated or misconfigured), not a bad request, and the next one may well work.
   */
  fallbackOnAuth?: boolean;
  /** The `modelId` the router reports. Default: the first route's. */
  modelId?: string;
  /** Called when a deployment fails before its first token and the next one is tried. */
  onFallback?: (event: FallbackEvent) => void;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

/** Cooldown state of one deployment, from {@link RouterChatModel.status}. */
export interface RouteStatus {
  provider: string;
  modelId: string;
  /** Milliseconds until the deployment is tried again first; 0 when healthy. */
  coolingDownForMs: number;
}

/**
 * A {@link ChatModel} that spreads one alias over several deployments. It tries them in order and falls
 * back to the next on a retryable failure *before the first token*; once text has been yielded a failure
 * is re-thrown (nothing is replayed, so the caller keeps the partial answer). A failing deployment is
 * skipped for its `Retry-After`, or `cooldownMs`; when all are cooling down, the one that recovers first
 * is tried alone. Non-retryable errors (`bad_request`, `context_length_exceeded`) are thrown at once:
 * the request, not the deployment, is at fault.
 */
export class RouterChatModel implements ChatModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'router';
  readonly modelId: string;
  /** The smallest window of the routes: the prompt must fit whichever deployment answers. */
  readonly contextWindow: number | undefined;
  readonly maxOutputTokens: number | undefined;
  /** True when every route takes tools: whichever deployment answers must honour them. */
  readonly supportsTools: boolean;
  private readonly routes: ChatModel[];
  private readonly cooldownUntil = new Map<ChatModel, number>();
  private readonly now: () => number;

  constructor(private readonly options: RouterOptions) {
    if (options.routes.length === 0) throw new TypeError('router(): `routes` needs at least one ChatModel');
    this.routes = [...options.routes];
    this.modelId = options.modelId ?? this.routes[0]!.modelId;
    this.contextWindow = minDefined(this.routes.map((r) => r.contextWindow));
    this.maxOutputTokens = minDefined(this.routes.map((r) => r.maxOutputTokens));
    this.supportsTools = this.routes.every((r) => r.supportsTools === true);
    this.now = options.now ?? Date.now;
  }

  /** Cooldown state of every route, in configuration order. */
  status(): RouteStatus[] {
    const now = this.now();
    return this.routes.map((route) => ({
      provider: route.provider,
      modelId: route.modelId,
      coolingDownForMs: Math.max(0, (this.cooldownUntil.get(route) ?? 0) - now),
    }));
  }

  doStream(request: ChatModelRequest, options: ChatModelCallOptions = {}): AsyncIterable<ChatModelStreamPart> {
    return this.stream(request, options);
  }

  /** Warms up every route. */
  async warmUp(): Promise<void> {
    await Promise.all(this.routes.map((route) => route.warmUp?.()));
  }

  /** Healthy routes in order; if none, the single route whose cooldown ends first. */
  private candidates(): ChatModel[] {
    const now = this.now();
    const healthy = this.routes.filter((route) => (this.cooldownUntil.get(route) ?? 0) <= now);
    if (healthy.length > 0) return healthy;
    const soonest = [...this.routes].sort((a, b) => this.cooldownUntil.get(a)! - this.cooldownUntil.get(b)!);
    return soonest.slice(0, 1);
  }

  private isFallbackError(error: ProviderError): boolean {
    return error.isRetryable || (error.code === 'auth' && this.options.fallbackOnAuth !== false);
  }

  private async *stream(request: ChatModelRequest, options: ChatModelCallOptions): AsyncGenerator<ChatModelStreamPart> {
    const candidates = this.candidates();
    for (const [index, route] of candidates.entries()) {
      // Metadata is held back until the first content part, so the caller sees exactly one
      // `response-metadata`: the one of the deployment that actually answers.
      let metadata: ChatModelStreamPart | undefined;
      let started = false;
      try {
        for await (const part of route.doStream(request, options)) {
          if (!started && part.type === 'response-metadata') {
            metadata = part;
            continue;
          }
          if (!started) {
            started = true;
            yield {
              type: 'response-metadata',
              ...(metadata?.type === 'response-metadata' ? metadata : {}),
              provider: (metadata?.type === 'response-metadata' && metadata.provider) || route.provider,
              modelId: (metadata?.type === 'response-metadata' && metadata.modelId) || route.modelId,
            };
          }
          yield part;
        }
        this.cooldownUntil.delete(route);
        return;
      } catch (error) {
        if (options.signal?.aborted || !ProviderError.isInstance(error) || !this.isFallbackError(error)) throw error;
        const cooldown = error.retryAfterMs ?? this.options.cooldownMs ?? 30_000;
        if (cooldown > 0) this.cooldownUntil.set(route, this.now() + cooldown);
        const next = candidates[index + 1];
        if (started || !next) throw error;
        const event = { from: route, error, to: next };
        this.options.onFallback?.(event);
        options.onFallback?.(event);
      }
    }
  }
}

function minDefined(values: Array<number | undefined>): number | undefined {
  const defined = values.filter((v): v is number => v !== undefined);
  return defined.length > 0 ? Math.min(...defined) : undefined;
}

/**
 * Builds a {@link RouterChatModel}: ordered fallback over deployments before the first token, with cooldowns.
 *
 * @example
 * ```ts
 * const models = {
 *   default: router({ routes: [azureOpenAI({ ... }), openai({ apiKey, model: 'gpt-4o' })] }),
 *   fast: openai({ apiKey, model: 'gpt-4o-mini' }),
 * };
 * ```
 */
export function router(options: RouterOptions): RouterChatModel {
  return new RouterChatModel(options);
}
