// Attribute and span names of the OpenTelemetry semantic conventions this package emits, written out
// rather than imported: `@opentelemetry/semantic-conventions` keeps the GenAI names in its unstable
// `incubating` entry (megabytes), and core depends on `@opentelemetry/api` only.
// GenAI names: https://github.com/open-telemetry/semantic-conventions-genai (status: development).

/** Name of the tracer the engine's spans come from. */
export const CORE_TRACER_NAME = '@company-chat/core';

export const ATTR_GEN_AI_OPERATION_NAME = 'gen_ai.operation.name';
export const ATTR_GEN_AI_PROVIDER_NAME = 'gen_ai.provider.name';
export const ATTR_GEN_AI_CONVERSATION_ID = 'gen_ai.conversation.id';
export const ATTR_GEN_AI_REQUEST_MODEL = 'gen_ai.request.model';
export const ATTR_GEN_AI_REQUEST_MAX_TOKENS = 'gen_ai.request.max_tokens';
export const ATTR_GEN_AI_REQUEST_TEMPERATURE = 'gen_ai.request.temperature';
export const ATTR_GEN_AI_REQUEST_STOP_SEQUENCES = 'gen_ai.request.stop_sequences';
export const ATTR_GEN_AI_REQUEST_STREAM = 'gen_ai.request.stream';
export const ATTR_GEN_AI_REQUEST_TOP_K = 'gen_ai.request.top_k';
export const ATTR_GEN_AI_RESPONSE_ID = 'gen_ai.response.id';
export const ATTR_GEN_AI_RESPONSE_MODEL = 'gen_ai.response.model';
export const ATTR_GEN_AI_RESPONSE_FINISH_REASONS = 'gen_ai.response.finish_reasons';
export const ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK = 'gen_ai.response.time_to_first_chunk';
export const ATTR_GEN_AI_USAGE_INPUT_TOKENS = 'gen_ai.usage.input_tokens';
export const ATTR_GEN_AI_USAGE_OUTPUT_TOKENS = 'gen_ai.usage.output_tokens';
export const ATTR_GEN_AI_DATA_SOURCE_ID = 'gen_ai.data_source.id';
export const ATTR_ERROR_TYPE = 'error.type';

// company-chat's own attributes, in its own namespace (the `gen_ai.*` one belongs to the conventions).
/** The model alias the engine resolved (`default`, `fast`, `query-rewrite`). */
export const ATTR_MODEL_ALIAS = 'company_chat.model.alias';
/** What a model call is for: `answer`, `query-rewrite` or `completion` (the gateway). */
export const ATTR_MODEL_PURPOSE = 'company_chat.model.purpose';
/** The client went away or pressed stop: the call ended early, which is not an error. */
export const ATTR_ABORTED = 'company_chat.aborted';
/** Characters of the retrieval query (never the query itself: it is user content). */
export const ATTR_RETRIEVAL_QUERY_LENGTH = 'company_chat.retrieval.query.length';
/** Earlier questions of the conversation searched with the query, when it was not rewritten. */
export const ATTR_RETRIEVAL_PREVIOUS_QUESTIONS = 'company_chat.retrieval.previous_questions';
/** Passages the retrieval returned. */
export const ATTR_RETRIEVAL_HITS = 'company_chat.retrieval.hits';

/** Event on a model-call span: one deployment of a `router()` failed before its first token. */
export const EVENT_PROVIDER_FALLBACK = 'company_chat.provider.fallback';
export const ATTR_FALLBACK_UPSTREAM_STATUS = 'company_chat.fallback.upstream_status';
export const ATTR_FALLBACK_RETRY_AFTER_MS = 'company_chat.fallback.retry_after_ms';
export const ATTR_FALLBACK_TO_PROVIDER = 'company_chat.fallback.to.provider';
export const ATTR_FALLBACK_TO_MODEL = 'company_chat.fallback.to.model';

/** The `gen_ai.data_source.id` of the engine's knowledge-base retrieval. */
export const KNOWLEDGE_DATA_SOURCE = 'knowledge';
