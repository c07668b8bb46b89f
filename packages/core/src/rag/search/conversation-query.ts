import { queryTerms } from './query-terms.js';

/** What to search for: the query text and how much each of its terms counts. */
export interface WeightedQuery {
  /** The text to search (the question first, then earlier questions, most recent first). */
  text: string;
  /** Stemmed terms (as {@link queryTerms} gives them) to their weight; terms not listed weigh 1. */
  weights: Map<string, number>;
}

/** Options of {@link conversationQuery}. */
export interface ConversationQueryOptions {
  /** Weight of the previous question's terms; each turn further back is multiplied by it again. Default 0.5. */
  decay?: number;
  /** Earlier questions taken into account at most. Default 3. */
  maxTurns?: number;
}

/**
 * The search query of a follow-up question without a model to rewrite it: the terms of the new
 * question weigh 1, those of the earlier questions (oldest first in `previous`) decay with distance,
 * so "And what is its default value?" after "What does curl --retry-max-time do?" searches for
 * `default value` first and `curl retry max time` as context. A term in several turns keeps its
 * highest weight.
 */
export function conversationQuery(
  question: string,
  previous: readonly string[] = [],
  options: ConversationQueryOptions = {},
): WeightedQuery {
  const decay = options.decay ?? 0.5;
  const earlier = previous.slice(-(options.maxTurns ?? 3)).reverse();
  const weights = new Map<string, number>();
  for (const term of queryTerms(question)) weights.set(term, 1);
  earlier.forEach((turn, i) => {
    const weight = decay ** (i + 1);
    for (const term of queryTerms(turn)) {
      if ((weights.get(term) ?? 0) < weight) weights.set(term, weight);
    }
  });
  return { text: [question, ...earlier].join('\n'), weights };
}
