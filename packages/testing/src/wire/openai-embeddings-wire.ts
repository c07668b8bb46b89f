import type { IncomingHttpHeaders } from 'node:http';
import type { VendorError } from './vendor-format.js';

/** Vector length when the request names none. */
const DEFAULT_DIMENSIONS = 8;

/**
 * Answers OpenAI's `POST /v1/embeddings` (https://platform.openai.com/docs/api-reference/embeddings/create)
 * with deterministic vectors: each word of an input adds 1 to one component chosen by its hash, so texts
 * sharing words are close. Returns the response status and JSON body.
 */
export function openaiEmbeddingsResponse(
  headers: IncomingHttpHeaders,
  body: unknown,
  apiKey: string | undefined,
): VendorError {
  const json = (status: number, value: unknown): VendorError => ({
    status,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(value),
  });
  const error = (status: number, message: string, code: string | null) =>
    json(status, { error: { message, type: 'invalid_request_error', param: null, code } });
  const auth = headers.authorization;
  if (!auth?.startsWith('Bearer ') || (apiKey !== undefined && auth !== `Bearer ${apiKey}`)) {
    return error(401, 'Incorrect API key provided.', 'invalid_api_key');
  }
  const request = body as { model?: unknown; input?: unknown; dimensions?: unknown } | null;
  const input = typeof request?.input === 'string' ? [request.input] : request?.input;
  if (typeof request?.model !== 'string' || !Array.isArray(input) || input.some((t) => typeof t !== 'string')) {
    return error(400, "'input' must be a string or an array of strings and 'model' a string.", null);
  }
  const dimensions = typeof request.dimensions === 'number' ? request.dimensions : DEFAULT_DIMENSIONS;
  let tokens = 0;
  const data = (input as string[]).map((text, index) => {
    const embedding = new Array<number>(dimensions).fill(0);
    for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
      tokens++;
      let hash = 0;
      for (const ch of word) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) >>> 0;
      embedding[hash % dimensions]! += 1;
    }
    return { object: 'embedding', index, embedding };
  });
  return json(200, {
    object: 'list',
    data,
    model: request.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}
