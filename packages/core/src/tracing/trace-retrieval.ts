import { type Attributes, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { errorType } from './error-type.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_GEN_AI_DATA_SOURCE_ID,
  ATTR_GEN_AI_OPERATION_NAME,
  ATTR_GEN_AI_REQUEST_TOP_K,
  ATTR_RETRIEVAL_HITS,
  ATTR_RETRIEVAL_PREVIOUS_QUESTIONS,
  ATTR_RETRIEVAL_QUERY_LENGTH,
  CORE_TRACER_NAME,
  KNOWLEDGE_DATA_SOURCE,
} from './gen-ai-attributes.js';

/** What a knowledge-base search is asked, for its span. The query's text is never recorded. */
export interface RetrievalTrace {
  query: string;
  /** Earlier questions searched with it (0 when the query stands alone). */
  previousQuestions: number;
  /** Passages asked for. */
  topK: number;
  conversationId?: string;
}

/**
 * Runs a knowledge-base search inside a GenAI retrieval span (`retrieval knowledge`, kind INTERNAL:
 * the search is ours; the database calls under it are the host's to instrument) with the query's
 * length, the number of passages asked for and found, and `error.type` when it fails. The span is the
 * active one while `run` runs, so an embedding call or an instrumented database query nests under it.
 */
export function traceRetrieval<T>(
  info: RetrievalTrace,
  run: () => Promise<T>,
  hits: (result: T) => number,
): Promise<T> {
  const attributes: Attributes = {
    [ATTR_GEN_AI_OPERATION_NAME]: 'retrieval',
    [ATTR_GEN_AI_DATA_SOURCE_ID]: KNOWLEDGE_DATA_SOURCE,
    [ATTR_GEN_AI_REQUEST_TOP_K]: info.topK,
    [ATTR_RETRIEVAL_QUERY_LENGTH]: info.query.length,
    [ATTR_RETRIEVAL_PREVIOUS_QUESTIONS]: info.previousQuestions,
  };
  if (info.conversationId !== undefined) attributes[ATTR_GEN_AI_CONVERSATION_ID] = info.conversationId;
  const tracer = trace.getTracer(CORE_TRACER_NAME);
  return tracer.startActiveSpan(
    `retrieval ${KNOWLEDGE_DATA_SOURCE}`,
    { kind: SpanKind.INTERNAL, attributes },
    async (span) => {
      try {
        const result = await run();
        span.setAttribute(ATTR_RETRIEVAL_HITS, hits(result));
        return result;
      } catch (error) {
        span.setAttribute(ATTR_ERROR_TYPE, errorType(error));
        span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
        throw error;
      } finally {
        span.end();
      }
    },
  );
}
