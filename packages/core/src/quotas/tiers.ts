/**
 * Limits of one tier. Every limit is optional: an absent limit is not enforced (but spend is still
 * counted, for reports).
 */
export interface TierLimits {
  /** Messages a user may send per minute: `POST /chat`, regenerate and edit (fixed one-minute window). */
  messagesPerMinute?: number;
  /** Files a user may upload per hour (fixed one-hour window). */
  uploadsPerHour?: number;
  /**
   * @deprecated The old name of {@link TierLimits.messagesPerMinute}, read as it when that is unset. It
   * used to count every API request, including the widget's own background calls.
   */
  requestsPerMinute?: number;
  concurrentStreams?: number;
  tokensPerDay?: number;
  tokensPerMonth?: number;
  /** US dollars per calendar month (UTC). */
  costPerMonth?: number;
}

/** Tiers by name, from configuration. */
export type Tiers = Record<string, TierLimits>;

/**
 * The name of each limit, as reported in 429 errors and usage snapshots. `requestsPerMinute` names the
 * per-client-address request ceiling (scope `address`).
 */
export type LimitName = keyof TierLimits;

/** Example tiers; deployments configure their own. */
export const DEFAULT_TIERS: Tiers = {
  free: {
    messagesPerMinute: 10,
    uploadsPerHour: 20,
    concurrentStreams: 1,
    tokensPerDay: 50_000,
    tokensPerMonth: 500_000,
    costPerMonth: 1,
  },
  pro: {
    messagesPerMinute: 60,
    uploadsPerHour: 200,
    concurrentStreams: 3,
    tokensPerDay: 1_000_000,
    tokensPerMonth: 10_000_000,
    costPerMonth: 50,
  },
  enterprise: { messagesPerMinute: 600, concurrentStreams: 20 },
};

/**
 * The limits for a tier name. An unknown tier (a typo in configuration, or a claim from an identity
 * provider) gets the fallback tier's limits, never unlimited.
 */
export function resolveTier(tiers: Tiers, name: string, fallback = 'free'): TierLimits {
  const limits = Object.hasOwn(tiers, name) ? tiers[name] : tiers[fallback];
  if (limits === undefined) throw new Error(`quota tier "${name}" is not configured and neither is "${fallback}"`);
  return limits;
}

/** Messages per minute of a tier, reading the deprecated `requestsPerMinute` when the new name is unset. */
export function messagesPerMinuteOf(limits: TierLimits): number | undefined {
  return limits.messagesPerMinute ?? limits.requestsPerMinute;
}
