import type { TokenUsage } from '../providers/chat-model.js';

/** Price of a model in US dollars per one million tokens. */
export interface ModelPrice {
  inputPerMillion: number;
  outputPerMillion: number;
}

/** Prices by model id (or id prefix: `gpt-4o` also prices `gpt-4o-2024-08-06`). */
export type PriceTable = Record<string, ModelPrice>;

/**
 * List prices (USD per 1M tokens) of common models at the time of writing. Prices change: deployments
 * should override them in configuration, and Azure or negotiated prices differ anyway.
 */
export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o': { inputPerMillion: 2.5, outputPerMillion: 10 },
  'gpt-4o-mini': { inputPerMillion: 0.15, outputPerMillion: 0.6 },
  'gpt-4.1': { inputPerMillion: 2, outputPerMillion: 8 },
  'gpt-4.1-mini': { inputPerMillion: 0.4, outputPerMillion: 1.6 },
  'gpt-4.1-nano': { inputPerMillion: 0.1, outputPerMillion: 0.4 },
  o3: { inputPerMillion: 2, outputPerMillion: 8 },
  'o4-mini': { inputPerMillion: 1.1, outputPerMillion: 4.4 },
  'claude-3-5-haiku': { inputPerMillion: 0.8, outputPerMillion: 4 },
  'claude-3-7-sonnet': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-sonnet-4': { inputPerMillion: 3, outputPerMillion: 15 },
  'claude-opus-4': { inputPerMillion: 15, outputPerMillion: 75 },
};

/** The default prices with configured overrides on top. */
export function createPriceTable(overrides: PriceTable = {}): PriceTable {
  return { ...DEFAULT_PRICES, ...overrides };
}

/** The cost of one answer. `priced` is false when the model is not in the table (cost 0). */
export interface Cost {
  inputCost: number;
  outputCost: number;
  totalCost: number;
  priced: boolean;
}

/** Finds a model's price: exact id first, then the longest matching prefix. */
export function findPrice(model: string, table: PriceTable = DEFAULT_PRICES): ModelPrice | undefined {
  if (Object.hasOwn(table, model)) return table[model];
  let best: string | undefined;
  for (const id of Object.keys(table)) {
    if (model.startsWith(id) && (best === undefined || id.length > best.length)) best = id;
  }
  return best === undefined ? undefined : table[best];
}

/**
 * Prices token usage in US dollars.
 *
 * @example
 * ```ts
 * costOf({ inputTokens: 1200, outputTokens: 300, totalTokens: 1500 }, 'gpt-4o-mini').totalCost; // 0.00036
 * ```
 */
export function costOf(
  usage: Pick<TokenUsage, 'inputTokens' | 'outputTokens'>,
  model: string,
  table: PriceTable = DEFAULT_PRICES,
): Cost {
  const price = findPrice(model, table);
  if (!price) return { inputCost: 0, outputCost: 0, totalCost: 0, priced: false };
  const inputCost = (usage.inputTokens * price.inputPerMillion) / 1_000_000;
  const outputCost = (usage.outputTokens * price.outputPerMillion) / 1_000_000;
  return { inputCost, outputCost, totalCost: inputCost + outputCost, priced: true };
}
