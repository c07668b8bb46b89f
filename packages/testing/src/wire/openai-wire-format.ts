import type { IncomingHttpHeaders } from 'node:http';
import { randomHex, sseEvent, type VendorError, type VendorFormat, type VendorStream } from './vendor-format.js';

// Byte shapes follow api.openai.com as of 2025: compact JSON chunks, every chunk carrying `usage: null`
// when `stream_options.include_usage` is set, then a usage chunk with empty `choices`, then `[DONE]`.
// https://platform.openai.com/docs/api-reference/chat-streaming

const defaultMessages: Record<number, [string, string | null, string]> = {
  400: ['invalid_request_error', null, 'Invalid request.'],
  401: [
    'invalid_request_error',
    'invalid_api_key',
    'Incorrect API key provided: sk-test***************abcd. You can find your API key at https://platform.openai.com/account/api-keys.',
  ],
  403: ['invalid_request_error', 'unsupported_country_region_territory', 'Country, region, or territory not supported'],
  404: [
    'invalid_request_error',
    'model_not_found',
    'The model `gpt-unknown` does not exist or you do not have access to it.',
  ],
  429: [
    'requests',
    'rate_limit_exceeded',
    'Rate limit reached for gpt-4o-mini in organization org-wire on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.',
  ],
  500: ['server_error', null, 'The server had an error while processing your request. Sorry about that!'],
  503: ['server_error', null, 'The engine is currently overloaded, please try again later'],
};

/** An OpenAI error body: `{"error":{"message","type","param","code"}}`, pretty printed as the API does. */
export function openaiErrorBody(status: number, errorType?: string, message?: string): string {
  const [type, code, text] = defaultMessages[status] ?? ['server_error', null, 'Upstream error.'];
  let finalCode = code;
  if (errorType === 'context_length_exceeded') finalCode = 'context_length_exceeded';
  const defaultText =
    errorType === 'context_length_exceeded'
      ? "This model's maximum context length is 128000 tokens. However, your messages resulted in 130017 tokens. Please reduce the length of the messages."
      : text;
  const body = {
    error: {
      message: message ?? defaultText,
      type: errorType && errorType !== finalCode ? errorType : type,
      param: null,
      code: finalCode,
    },
  };
  return `${JSON.stringify(body, null, 4)}\n`;
}

function bearer(headers: IncomingHttpHeaders): string | undefined {
  const value = headers.authorization;
  return value?.startsWith('Bearer ') ? value.slice(7) : undefined;
}

/** OpenAI's `POST /v1/chat/completions` streaming format. */
export const openaiWireFormat: VendorFormat = {
  vendor: 'openai',
  validate(headers, body, apiKey) {
    const key = bearer(headers);
    if (!key) {
      return this.error(
        401,
        undefined,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
      );
    }
    if (apiKey !== undefined && key !== apiKey) return this.error(401);
    return validateChatBody(this, body);
  },
  error(status, errorType, message): VendorError {
    return {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-request-id': `req_${randomHex(32)}` },
      body: openaiErrorBody(status, errorType, message),
    };
  },
  stream(body) {
    return openaiStream(body, {});
  },
};

/** Shared by OpenAI and Azure: the body must have `messages` (and `stream: true`, which is all the server speaks). */
export function validateChatBody(format: VendorFormat, body: unknown): VendorError | undefined {
  const b = body as { messages?: unknown; stream?: unknown } | null;
  if (!b || !Array.isArray(b.messages) || b.messages.length === 0) {
    return format.error(
      400,
      undefined,
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
    );
  }
  if (b.stream !== true)
    return format.error(400, undefined, 'The wire server only speaks streaming; send stream: true.');
  return undefined;
}

/** Variations Azure layers on the OpenAI chunk stream. */
export interface ChunkFlavour {
  /** Azure: a first chunk with empty `choices` and `prompt_filter_results`, and filter results on each choice. */
  azure?: { model: string };
}

/** Builds the chunk stream for OpenAI (and, with a flavour, Azure). */
export function openaiStream(body: Record<string, unknown>, flavour: ChunkFlavour): VendorStream {
  const id = `chatcmpl-${randomHex(29)}`;
  const created = Math.floor(Date.now() / 1000);
  const model = flavour.azure?.model ?? String(body.model ?? 'gpt-4o-mini');
  const includeUsage = (body.stream_options as { include_usage?: boolean } | undefined)?.include_usage === true;
  const fingerprint = `fp_${randomHex(10)}`;
  const filters = flavour.azure ? safeFilterResults() : undefined;
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) => {
    if (flavour.azure) {
      // Azure serialises keys alphabetically and has no `service_tier`/`obfuscation`.
      return sseEvent(
        JSON.stringify({
          choices,
          created,
          id,
          model,
          object: 'chat.completion.chunk',
          system_fingerprint: fingerprint,
          ...extra,
        }),
      );
    }
    const data: Record<string, unknown> = {
      id,
      object: 'chat.completion.chunk',
      created,
      model,
      service_tier: 'default',
      system_fingerprint: fingerprint,
      choices,
    };
    if (includeUsage) data.usage = null;
    Object.assign(data, extra);
    data.obfuscation = randomHex(6);
    return sseEvent(JSON.stringify(data));
  };
  const choice = (delta: unknown, finishReason: string | null) =>
    flavour.azure
      ? {
          content_filter_results: finishReason ? {} : filters,
          delta,
          finish_reason: finishReason,
          index: 0,
          logprobs: null,
        }
      : { index: 0, delta, logprobs: null, finish_reason: finishReason };
  return {
    headers: flavour.azure
      ? {
          'content-type': 'text/event-stream; charset=utf-8',
          'apim-request-id': crypto.randomUUID(),
          'x-request-id': crypto.randomUUID(),
          'x-ms-region': 'Sweden Central',
          'x-ratelimit-remaining-requests': '99',
          'x-ratelimit-remaining-tokens': '99000',
          'azureml-model-session': 'd001-20250101000000',
        }
      : {
          'content-type': 'text/event-stream; charset=utf-8',
          'access-control-expose-headers': 'X-Request-ID',
          'openai-organization': 'user-wire',
          'openai-processing-ms': '112',
          'openai-project': 'proj_wire',
          'openai-version': '2020-10-01',
          'x-ratelimit-limit-requests': '10000',
          'x-ratelimit-remaining-requests': '9999',
          'x-request-id': `req_${randomHex(32)}`,
        },
    start() {
      const first = chunk([choice({ role: 'assistant', content: '', refusal: null }, null)]);
      if (!flavour.azure) return first;
      const prompt = sseEvent(
        JSON.stringify({
          choices: [],
          created: 0,
          id: '',
          model: '',
          object: '',
          prompt_filter_results: [{ prompt_index: 0, content_filter_results: safeFilterResults() }],
        }),
      );
      return prompt + first;
    },
    token(text) {
      return chunk([choice({ content: text }, null)]);
    },
    toolCall(callId, name, pieces) {
      // As OpenAI streams them: the first delta opens the call (id, type, name, empty arguments), the
      // next ones carry only `index` and pieces of the arguments.
      let out = chunk([
        choice({ tool_calls: [{ index: 0, id: callId, type: 'function', function: { name, arguments: '' } }] }, null),
      ]);
      for (const piece of pieces)
        out += chunk([choice({ tool_calls: [{ index: 0, function: { arguments: piece } }] }, null)]);
      return out;
    },
    finish(finishReason, usage) {
      const reason = finishReason ?? 'stop';
      let out = '';
      if (flavour.azure && reason === 'content_filter') {
        // Azure's asynchronous filter reports on a choice without a delta before stopping.
        out += chunk([
          { content_filter_results: { hate: { filtered: true, severity: 'high' } }, finish_reason: null, index: 0 },
        ]);
      }
      out += chunk([choice({}, reason)]);
      if (includeUsage) {
        out += chunk([], {
          usage: {
            prompt_tokens: usage.inputTokens,
            completion_tokens: usage.outputTokens,
            total_tokens: usage.inputTokens + usage.outputTokens,
            prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
            completion_tokens_details: {
              reasoning_tokens: 0,
              audio_tokens: 0,
              accepted_prediction_tokens: 0,
              rejected_prediction_tokens: 0,
            },
          },
        });
      }
      return `${out}data: [DONE]\n\n`;
    },
    streamError(errorType, message) {
      const type = errorType ?? 'server_error';
      return sseEvent(
        JSON.stringify({
          error: {
            message: message ?? 'The server had an error while processing your request. Sorry about that!',
            type,
            param: null,
            code: null,
          },
        }),
      );
    },
    malformed() {
      return `data: {"id":"${id}","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"oops\n\n`;
    },
  };
}

function safeFilterResults() {
  const safe = { filtered: false, severity: 'safe' };
  return { hate: safe, self_harm: safe, sexual: safe, violence: safe };
}
