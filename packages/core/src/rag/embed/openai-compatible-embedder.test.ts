import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../errors/provider-error.js';
import { openAICompatibleEmbedder } from './openai-compatible-embedder.js';

// A local server speaking OpenAI's `POST /v1/embeddings` wire format (https://platform.openai.com/docs/api-reference/embeddings).
const requests: Array<{
  auth?: string;
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
}> = [];
let server: Server;
let baseURL: string;

function respond(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function handle(req: IncomingMessage, res: ServerResponse) {
  let raw = '';
  for await (const chunk of req) raw += chunk;
  const body = JSON.parse(raw);
  requests.push({ auth: req.headers.authorization, body });
  if (req.url !== '/v1/embeddings' || req.method !== 'POST')
    return respond(res, 404, { error: { message: 'not found' } });
  if (req.headers.authorization !== 'Bearer sk-test-secret') {
    return respond(res, 401, {
      error: {
        message:
          'Incorrect API key provided: sk-test-****cret. You can find your API key at https://platform.openai.com/account/api-keys.',
        type: 'invalid_request_error',
        param: null,
        code: 'invalid_api_key',
      },
    });
  }
  const data = (body.input as string[]).map((text, index) => ({
    object: 'embedding',
    index,
    embedding: [text.length, index, 0.5],
  }));
  // Items out of order, as the API allows: the client must sort by index.
  respond(res, 200, {
    object: 'list',
    data: data.reverse(),
    model: body.model,
    usage: { prompt_tokens: 3, total_tokens: 3 },
  });
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe('openAICompatibleEmbedder', () => {
  it('embeds texts in batches over /v1/embeddings, in input order', async () => {
    requests.length = 0;
    const embedder = openAICompatibleEmbedder({
      baseURL,
      apiKey: 'sk-test-secret',
      model: 'nomic-embed-text',
      batchSize: 2,
    });
    const vectors = await embedder.embed(['a', 'bb', 'ccc', 'dddd', 'eeeee']);
    expect(vectors).toEqual([
      [1, 0, 0.5],
      [2, 1, 0.5],
      [3, 0, 0.5],
      [4, 1, 0.5],
      [5, 0, 0.5],
    ]);
    expect(requests.map((r) => r.body.input)).toEqual([['a', 'bb'], ['ccc', 'dddd'], ['eeeee']]);
    expect(requests[0]!.body).toMatchObject({ model: 'nomic-embed-text', encoding_format: 'float' });
    expect(embedder.modelId).toBe('nomic-embed-text');
  });

  it('maps a rejected key to a ProviderError that does not leak the key', async () => {
    const embedder = openAICompatibleEmbedder({ baseURL, apiKey: 'sk-wrong-key', model: 'm' });
    const error = await embedder.embed(['x']).catch((e: unknown) => e);
    expect(ProviderError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: 'auth', provider: 'openai-compatible' });
    expect(String((error as Error).message)).not.toContain('sk-wrong-key');
  });

  it('reports an unreachable server as a network error', async () => {
    const embedder = openAICompatibleEmbedder({ baseURL: 'http://127.0.0.1:1/v1', model: 'm', timeout: 5000 });
    await expect(embedder.embed(['x'])).rejects.toMatchObject({ code: 'network' });
  });
});
