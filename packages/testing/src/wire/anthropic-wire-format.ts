import type { IncomingHttpHeaders } from 'node:http';
import { randomHex, sseEvent, type VendorError, type VendorFormat } from './vendor-format.js';

// Anthropic Messages streaming: https://docs.anthropic.com/en/docs/build-with-claude/streaming
// message_start, content_block_start, ping, content_block_delta..., content_block_stop, message_delta,
// message_stop; errors as `{"type":"error","error":{"type","message"},"request_id"}` and in-stream
// `event: error`. https://docs.anthropic.com/en/api/errors

const errorTypes: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request.'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'model: claude-unknown'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: [
    'rate_limit_error',
    'Number of request tokens has exceeded your per-minute rate limit (https://docs.anthropic.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  ],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

function errorJson(type: string, message: string, requestId?: string): string {
  return JSON.stringify({ type: 'error', error: { type, message }, ...(requestId ? { request_id: requestId } : {}) });
}

interface AnthropicBody {
  model?: unknown;
  max_tokens?: unknown;
  messages?: Array<{ role?: unknown; content?: unknown }>;
  system?: unknown;
}

function validateBody(body: AnthropicBody | null): string | undefined {
  if (!body || typeof body !== 'object') return 'Invalid JSON body';
  if (typeof body.model !== 'string') return 'model: Field required';
  if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
  if (!Array.isArray(body.messages) || body.messages.length === 0) return 'messages: at least one message is required';
  if (body.system !== undefined && typeof body.system !== 'string' && !Array.isArray(body.system)) {
    return 'system: Input should be a valid string';
  }
  let previous: unknown;
  for (const [i, message] of body.messages.entries()) {
    if (message.role !== 'user' && message.role !== 'assistant') {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
    if (i === 0 && message.role !== 'user') return 'messages: first message must use the "user" role';
    if (message.role === previous)
      return 'messages: roles must alternate between "user" and "assistant", but found multiple "user" roles in a row';
    previous = message.role;
  }
  return undefined;
}

/** Anthropic's `POST /v1/messages` streaming format. */
export const anthropicWireFormat: VendorFormat = {
  vendor: 'anthropic',
  validate(headers: IncomingHttpHeaders, body: unknown, apiKey) {
    // The API takes the key in `x-api-key` or, as @anthropic-ai/sdk 1.x sends it, as a bearer token.
    const bearer = headers.authorization?.startsWith('Bearer ') ? headers.authorization.slice(7) : undefined;
    const key = headers['x-api-key'] ?? bearer;
    if (typeof key !== 'string' || (apiKey !== undefined && key !== apiKey)) return this.error(401);
    if (!headers['anthropic-version'])
      return this.error(400, 'invalid_request_error', 'anthropic-version: header is required');
    const problem = validateBody(body as AnthropicBody | null);
    return problem ? this.error(400, 'invalid_request_error', problem) : undefined;
  },
  error(status, errorType, message): VendorError {
    const [defaultType, defaultMessage] = errorTypes[status] ?? ['api_error', 'Internal server error'];
    const type = errorType === 'context_length_exceeded' ? 'invalid_request_error' : (errorType ?? defaultType);
    const text =
      message ??
      (errorType === 'context_length_exceeded' ? 'prompt is too long: 208310 tokens > 200000 maximum' : defaultMessage);
    const requestId = `req_${randomHex(24)}`;
    const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': requestId };
    if (status >= 500 || status === 429) headers['x-should-retry'] = 'true';
    return { status, headers, body: errorJson(type, text, requestId) };
  },
  stream(body) {
    const id = `msg_${randomHex(24)}`;
    const model = String(body.model ?? 'claude-sonnet-4-6');
    return {
      headers: {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        'request-id': `req_${randomHex(24)}`,
        'anthropic-organization-id': crypto.randomUUID(),
        'x-robots-tag': 'none',
      },
      start(inputTokens) {
        const message = {
          id,
          type: 'message',
          role: 'assistant',
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: {
            input_tokens: inputTokens,
            cache_creation_input_tokens: 0,
            cache_read_input_tokens: 0,
            output_tokens: 1,
            service_tier: 'standard',
          },
        };
        return (
          sseEvent(JSON.stringify({ type: 'message_start', message }), 'message_start') +
          sseEvent(
            JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }),
            'content_block_start',
          ) +
          sseEvent(JSON.stringify({ type: 'ping' }), 'ping')
        );
      },
      token(text) {
        return sseEvent(
          JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }),
          'content_block_delta',
        );
      },
      finish(finishReason, usage) {
        return (
          sseEvent(JSON.stringify({ type: 'content_block_stop', index: 0 }), 'content_block_stop') +
          sseEvent(
            JSON.stringify({
              type: 'message_delta',
              delta: { stop_reason: finishReason ?? 'end_turn', stop_sequence: null },
              usage: { output_tokens: usage.outputTokens },
            }),
            'message_delta',
          ) +
          sseEvent(JSON.stringify({ type: 'message_stop' }), 'message_stop')
        );
      },
      streamError(errorType, message) {
        return sseEvent(errorJson(errorType ?? 'overloaded_error', message ?? 'Overloaded'), 'error');
      },
      malformed() {
        return 'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_d\n\n';
      },
    };
  },
};
