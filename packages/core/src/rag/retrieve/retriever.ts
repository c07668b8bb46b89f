import type { Logger } from '../../engine/logger.js';
import { consoleLogger } from '../../engine/logger.js';
import { chunkLocator } from '../chunk/chunk-locator.js';
import type { Embedder } from '../embed/embedder.js';
import type { ChunkHit, KnowledgeStore, Reader } from '../knowledge-types.js';
import { conversationQuery } from '../search/conversation-query.js';
import { queryTerms } from '../search/query-terms.js';
import { makeSnippet } from './make-snippet.js';
import { reciprocalRankFusion } from './reciprocal-rank-fusion.js';
import { aboveFloor, checkRelevanceFloor, type RelevanceFloor } from './relevance-floor.js';
import type { RetrievedPassage } from './retrieved-passage.js';

/** Options of {@link Retriever.retrieve}. */
export interface RetrieveOptions {
  /** Passages to return. Default 5. */
  limit?: number;
  /** Only these files (still only those the reader may read). */
  fileIds?: readonly string[];
  /**
   * The earlier questions of the conversation, oldest first: their terms are searched too, with less
   * weight the further back they are, so a follow-up ("and its default?") finds what it refers to.
   * Leave out when `query` already stands alone (a model rewrote it).
   */
  previousQuestions?: readonly string[];
  signal?: AbortSignal;
}

/** Finds the passages that best answer a question, among those the reader may read. */
export interface Retriever {
  retrieve(reader: Reader, query: string, options?: RetrieveOptions): Promise<RetrievedPassage[]>;
}

/** Options of {@link createRetriever}. */
export interface CreateRetrieverOptions {
  store: KnowledgeStore;
  /** Enables hybrid search when the store also supports vectors. */
  embedder?: Embedder;
  /** Candidates taken from each search before fusion. Default 30. */
  candidates?: number;
  /** What a passage needs to be returned at all (see {@link RelevanceFloor}); each search's floor applies before fusion. */
  relevanceFloor?: RelevanceFloor;
  logger?: Logger;
}

/**
 * The default {@link Retriever}: full-text search, plus vector search when an embedder is configured
 * and the store supports vectors, each cut at its relevance floor and then fused by reciprocal rank.
 * When nothing passes, nothing is returned: no context rather than wrong context. Without either it
 * says once, in the log, that retrieval is full-text only. A failing embedder degrades to full-text
 * for that query.
 */
export function createRetriever(options: CreateRetrieverOptions): Retriever {
  const { store, embedder } = options;
  const logger = options.logger ?? consoleLogger;
  const candidates = options.candidates ?? 30;
  const floor = checkRelevanceFloor(options.relevanceFloor ?? {});
  const hybrid = !!embedder && typeof store.searchVector === 'function';
  let logged = false;
  return {
    async retrieve(reader, query, retrieveOptions = {}) {
      const limit = retrieveOptions.limit ?? 5;
      const previous = retrieveOptions.previousQuestions ?? [];
      const { text, weights } = conversationQuery(query, previous);
      const search = { limit: Math.max(candidates, limit), fileIds: retrieveOptions.fileIds, termWeights: weights };
      if (!hybrid && !logged) {
        logged = true;
        logger.info(
          embedder
            ? `Knowledge retrieval is full-text only: ${store.vectorStorage?.stored === false ? store.vectorStorage.reason : 'the store has no vector support'}.`
            : 'Knowledge retrieval is full-text only: no embedder is configured.',
        );
      }
      const lists: ChunkHit[][] = [aboveFloor(await store.searchText(reader, text, search), floor.minTextRelevance)];
      if (hybrid && query.trim() !== '') {
        try {
          // The previous question alone gives a follow-up its subject; older turns would blur the vector.
          const embedded =
            previous.length > 0
              ? `${previous.at(-1)}
${query}`
              : query;
          const [vector] = await embedder.embed([embedded], { signal: retrieveOptions.signal });
          if (vector) {
            lists.push(aboveFloor(await store.searchVector!(reader, vector, search), floor.minVectorSimilarity));
          }
        } catch (error) {
          logger.warn('Embedding the question failed; this answer uses full-text retrieval only.', {
            error: error instanceof Error ? error.message : String(error),
          });
        }
      }
      const terms = queryTerms(text);
      const fused =
        lists.length === 1 || lists[1]!.length === 0
          ? lists[0]!.map((hit) => ({ item: hit, score: hit.score }))
          : reciprocalRankFusion(lists, (h) => h.chunk.id);
      return fused.slice(0, limit).map(({ item, score }, i) => toPassage(item, score, i + 1, terms, weights));
    },
  };
}

function toPassage(
  hit: ChunkHit,
  score: number,
  index: number,
  terms: string[],
  weights: ReadonlyMap<string, number>,
): RetrievedPassage {
  const { chunk, file } = hit;
  const passage: RetrievedPassage = {
    index,
    chunkId: chunk.id,
    fileId: file.id,
    fileName: file.name,
    mediaType: file.mediaType,
    headingPath: chunk.headingPath,
    locator: chunkLocator(chunk),
    text: chunk.text,
    snippet: makeSnippet(chunk.text, terms, 240, weights),
    score,
  };
  if (chunk.page !== undefined) passage.page = chunk.page;
  if (chunk.rowStart !== undefined) passage.rowStart = chunk.rowStart;
  if (chunk.rowEnd !== undefined) passage.rowEnd = chunk.rowEnd;
  return passage;
}
