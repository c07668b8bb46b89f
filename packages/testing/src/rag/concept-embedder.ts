import type { Embedder } from '@company-chat/core';

// Words grouped by meaning; each group is one dimension. Enough to show that vector search finds a
// passage that shares no word with the question, deterministically and without model weights.
const CONCEPTS = [
  ['parental', 'parents', 'parent', 'baby', 'newborn', 'birth', 'maternity', 'paternity'],
  ['leave', 'vacation', 'holiday', 'time', 'off', 'absence'],
  ['laptop', 'computer', 'notebook', 'device', 'machine'],
  ['encryption', 'encrypted', 'secure', 'security', 'protect', 'protected'],
  ['travel', 'trip', 'journey', 'journeys', 'flight', 'flights', 'train', 'trains'],
  ['money', 'allowance', 'eur', 'cost', 'pay', 'paid', 'salary', 'budget'],
  ['food', 'canteen', 'lunch', 'menu', 'eat', 'meal', 'dish'],
  ['printer', 'print', 'toner', 'printing'],
];

/** Vector length of {@link conceptEmbedder}. */
export const CONCEPT_DIMENSIONS = 16;

/** A deterministic test embedder (concept counts, L2-normalised). */
export const conceptEmbedder: Embedder = {
  modelId: 'concept-test',
  dimensions: CONCEPT_DIMENSIONS,
  async embed(texts) {
    return texts.map((text) => {
      const vector = new Array<number>(CONCEPT_DIMENSIONS).fill(0);
      // Words as full-text search splits them: runs of letters and digits, lower-cased.
      for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
        const i = CONCEPTS.findIndex((group) => group.includes(word));
        if (i >= 0) vector[i]! += 1;
      }
      vector[CONCEPT_DIMENSIONS - 1] = 0.01; // never the zero vector
      const norm = Math.hypot(...vector);
      return vector.map((v) => v / norm);
    });
  },
};
