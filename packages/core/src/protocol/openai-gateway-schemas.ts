import { z } from 'zod';
import { errorCodeSchema } from './error-schemas.js';
import { tokenUsageSchema } from './message-schemas.js';

// The OpenAI-compatible gateway (`/v1`), after https://platform.openai.com/docs/api-reference/chat and
// /embeddings. Requests accept the fields OpenAI clients send and ignore the ones we do not act on
// (`user`, `seed`, `logprobs`...), as OpenAI-compatible servers do; what we cannot honour is refused.

const textPart = z.object({ type: z.literal('text'), text: z.string() });
/** Message content: a string or text parts (images and audio are not supported). */
const content = z.union([z.string(), z.array(textPart)], {
  error: 'must be a string or an array of { type: "text", text } parts',
});

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal('function'),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

/** One message of a chat completion request, told apart by `role`. */
export const openAIChatMessageSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content, name: z.string().optional() }),
  z.object({ role: z.literal('developer'), content, name: z.string().optional() }),
  z.object({ role: z.literal('user'), content, name: z.string().optional() }),
  z.object({
    role: z.literal('assistant'),
    content: content.nullish(),
    tool_calls: z.array(toolCall).optional(),
    name: z.string().optional(),
  }),
  z.object({ role: z.literal('tool'), content, tool_call_id: z.string().min(1) }),
]);

/** A function the model may call. */
export const openAIToolSchema = z.object({
  type: z.literal('function'),
  function: z.object({
    name: z.string().regex(/^[\w-]{1,64}$/, 'must be 1-64 letters, digits, underscores or dashes'),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

/** The body of `POST /v1/chat/completions`. */
export const openAIChatCompletionRequestSchema = z
  .object({
    /** One of our model aliases (`GET /v1/models`). */
    model: z.string().min(1).max(128),
    messages: z.array(openAIChatMessageSchema).min(1).max(1000),
    stream: z.boolean().nullish(),
    stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
    n: z.literal(1, { error: 'only n=1 is supported' }).nullish(),
    max_tokens: z.number().int().positive().nullish(),
    max_completion_tokens: z.number().int().positive().nullish(),
    temperature: z.number().min(0).max(2).nullish(),
    stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
    tools: z.array(openAIToolSchema).max(128).optional(),
    tool_choice: z
      .union([
        z.enum(['none', 'auto', 'required']),
        z.object({ type: z.literal('function'), function: z.object({ name: z.string().min(1) }) }),
      ])
      .optional(),
    /** Ignored: the user is the credential's. */
    user: z.string().optional(),
  })
  .meta({ id: 'OpenAIChatCompletionRequest' });

/** Why generation stopped, in OpenAI's words. */
export const openAIFinishReasonSchema = z.enum(['stop', 'length', 'content_filter', 'tool_calls']);

/** Token usage in OpenAI's words, derived from ours. */
export const openAIUsageSchema = z.object({
  prompt_tokens: tokenUsageSchema.shape.inputTokens,
  completion_tokens: tokenUsageSchema.shape.outputTokens,
  total_tokens: tokenUsageSchema.shape.totalTokens,
});

/** The answer of a non-streaming `POST /v1/chat/completions`. */
export const openAIChatCompletionSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion'),
    created: z.number().int(),
    /** The alias asked for. */
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.literal(0),
        message: z.object({
          role: z.literal('assistant'),
          content: z.string().nullable(),
          refusal: z.null(),
          tool_calls: z.array(toolCall).optional(),
        }),
        finish_reason: openAIFinishReasonSchema,
        logprobs: z.null(),
      }),
    ),
    usage: openAIUsageSchema,
  })
  .meta({ id: 'OpenAIChatCompletion' });

/** One `data:` chunk of a streaming `POST /v1/chat/completions` (the stream ends with `data: [DONE]`). */
export const openAIChatCompletionChunkSchema = z
  .object({
    id: z.string(),
    object: z.literal('chat.completion.chunk'),
    created: z.number().int(),
    model: z.string(),
    choices: z.array(
      z.object({
        index: z.literal(0),
        delta: z.object({
          role: z.literal('assistant').optional(),
          content: z.string().nullable().optional(),
          tool_calls: z
            .array(
              z.object({
                index: z.number().int(),
                id: z.string().optional(),
                type: z.literal('function').optional(),
                function: z.object({ name: z.string().optional(), arguments: z.string().optional() }),
              }),
            )
            .optional(),
        }),
        finish_reason: openAIFinishReasonSchema.nullable(),
        logprobs: z.null(),
      }),
    ),
    /** Only on the last chunk, and only with `stream_options.include_usage` (then `choices` is empty). */
    usage: openAIUsageSchema.nullable().optional(),
  })
  .meta({ id: 'OpenAIChatCompletionChunk' });

/** The answer of `GET /v1/models`: our model aliases. */
export const openAIModelListSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        /** The alias, as in `GET /api/v1/models`. */
        id: z.string(),
        object: z.literal('model'),
        created: z.number().int(),
        /** The provider behind the alias. */
        owned_by: z.string(),
      }),
    ),
  })
  .meta({ id: 'OpenAIModelList' });

/** The body of `POST /v1/embeddings`. */
export const openAIEmbeddingsRequestSchema = z
  .object({
    /** The embedding model the server is configured with (other names are refused). */
    model: z.string().min(1).max(128),
    input: z.union([z.string(), z.array(z.string()).min(1).max(2048)], {
      error: 'must be a string or an array of strings',
    }),
    encoding_format: z.enum(['float', 'base64']).optional(),
    dimensions: z.number().int().positive().optional(),
    user: z.string().optional(),
  })
  .meta({ id: 'OpenAIEmbeddingsRequest' });

/** The answer of `POST /v1/embeddings`. */
export const openAIEmbeddingsSchema = z
  .object({
    object: z.literal('list'),
    data: z.array(
      z.object({
        object: z.literal('embedding'),
        index: z.number().int(),
        /** Numbers, or base64 of little-endian float32 with `encoding_format: "base64"`. */
        embedding: z.union([z.array(z.number()), z.string()]),
      }),
    ),
    model: z.string(),
    usage: openAIUsageSchema.pick({ prompt_tokens: true, total_tokens: true }),
  })
  .meta({ id: 'OpenAIEmbeddings' });

/** OpenAI's error `type`s the gateway answers with, by status. */
export const openAIErrorTypeSchema = z.enum([
  'invalid_request_error',
  'authentication_error',
  'permission_error',
  'not_found_error',
  'conflict_error',
  'insufficient_quota',
  'rate_limit_error',
  'server_error',
]);

/** Every gateway error: OpenAI's shape, with our stable error code in `code`. */
export const openAIErrorBodySchema = z
  .object({
    error: z.object({
      message: z.string(),
      type: openAIErrorTypeSchema,
      /** The request field at fault, when one is. */
      param: z.string().nullable(),
      code: errorCodeSchema,
    }),
  })
  .meta({
    id: 'OpenAIErrorBody',
    description: "OpenAI's error shape; `code` is one of our stable codes (docs/errors.md).",
    examples: [
      {
        error: { message: 'Unknown model "gpt-5".', type: 'not_found_error', param: 'model', code: 'unknown_model' },
      },
    ],
  });
