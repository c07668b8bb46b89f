import type { RelevanceFloor } from '@company-chat/core';
import { ConfigError, type Env } from '../config/config-from-env.js';

/** Environment variables of the relevance floor, for the CLI's usage text. */
export const RELEVANCE_VARIABLES_HELP = [
  "COMPANY_CHAT_MIN_TEXT_RELEVANCE: share (0-1) of a question's weighted words a passage must match to be used (default 0.2; 0 = off)",
  'COMPANY_CHAT_MIN_VECTOR_SIMILARITY: least cosine similarity for a passage found by vectors (default 0.3; depends on the embedding model)',
];

/** The retrieval relevance floor from the environment (unset values keep the defaults). */
export function relevanceFloorFromEnv(env: Env): RelevanceFloor {
  const floor: RelevanceFloor = {};
  const text = numberFrom(env, 'COMPANY_CHAT_MIN_TEXT_RELEVANCE', 0, 1);
  if (text !== undefined) floor.minTextRelevance = text;
  const vector = numberFrom(env, 'COMPANY_CHAT_MIN_VECTOR_SIMILARITY', -1, 1);
  if (vector !== undefined) floor.minVectorSimilarity = vector;
  return floor;
}

function numberFrom(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a number from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
