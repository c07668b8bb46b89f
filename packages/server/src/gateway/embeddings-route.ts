import { CompanyChatError, costOf, DEFAULT_PRICES, type Embedder, type TokenUsage } from '@company-chat/core';
import { openAIEmbeddingsRequestSchema, type openAIEmbeddingsSchema } from '@company-chat/core/protocol';
import { Hono } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from '../app/app-env.js';
import { methodNotAllowed } from '../errors/method-not-allowed.js';
import { jsonBodyLimit } from '../validation/json-body-limit.js';
import { readJsonBody } from '../validation/read-json-body.js';
import type { GatewayRoutesOptions } from './gateway-routes.js';

type Embeddings = z.input<typeof openAIEmbeddingsSchema>;
const zeroUsage: TokenUsage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/** Little-endian float32 bytes as base64, as OpenAI's `encoding_format: "base64"` (Web APIs only). */
function toBase64(vector: number[]): string {
  const bytes = new Uint8Array(new Float32Array(vector).buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** The embedder, or the 404 of a server without one. */
function requireEmbedder(embedder: Embedder | undefined): Embedder {
  if (embedder) return embedder;
  throw new CompanyChatError({ code: 'not_found', message: 'No embedding model is configured on this server.' });
}

/**
 * `POST /embeddings` with the server's embedder (the knowledge base's). The caller names the embedder's
 * model; the texts' tokens are estimated (embedders report none), reserved against and charged to the
 * caller's budgets and recorded as usage, like a completion.
 */
export function embeddingsRoute(options: GatewayRoutesOptions): Hono<AppEnv> {
  const prices = options.prices ?? DEFAULT_PRICES;
  const app = new Hono<AppEnv>();
  app.post('/embeddings', jsonBodyLimit(options.maxBodyBytes), async (c) => {
    const embedder = requireEmbedder(options.embedder);
    const body = await readJsonBody(c, openAIEmbeddingsRequestSchema);
    if (body.model !== embedder.modelId) {
      throw new CompanyChatError({
        code: 'unknown_model',
        message: `Unknown embedding model "${body.model}". Available: ${embedder.modelId}.`,
      });
    }
    if (body.dimensions !== undefined && body.dimensions !== embedder.dimensions) {
      throw new CompanyChatError({
        code: 'invalid_request',
        message: `dimensions: ${embedder.modelId} answers with ${embedder.dimensions ?? 'its own'} dimensions.`,
      });
    }
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    const inputTokens = texts.reduce((sum, text) => sum + Math.ceil(text.length / 4), 0);
    const usage: TokenUsage = { inputTokens, outputTokens: 0, totalTokens: inputTokens };
    const principal = c.var.principal;
    const startedAt = performance.now();
    const admission = await options.guard?.admit({
      principal,
      model: embedder.modelId,
      promptTokens: inputTokens,
      maxOutputTokens: 0,
    });
    let status = 'error';
    let vectors: number[][];
    try {
      vectors = await embedder.embed(texts, { signal: c.req.raw.signal });
      status = 'complete';
    } finally {
      // A failed call reached no model: the reservation is released in full.
      const settled = await admission?.finish({ usage: status === 'complete' ? usage : zeroUsage });
      if (status === 'complete') {
        await options.usage
          ?.record({
            tenantId: principal.tenantId,
            userId: principal.userId,
            apiKeyId: principal.keyId ?? null,
            conversationId: null,
            messageId: null,
            model: embedder.modelId,
            provider: 'embeddings',
            providerModel: embedder.modelId,
            inputTokens,
            outputTokens: 0,
            totalTokens: inputTokens,
            cost: settled?.cost.totalCost ?? costOf(usage, embedder.modelId, prices).totalCost,
            estimated: true,
            latencyMs: performance.now() - startedAt,
            timeToFirstTokenMs: null,
            status,
          })
          .catch((error: unknown) => options.log('usage record failed', error));
      }
    }
    const answer: Embeddings = {
      object: 'list',
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: body.encoding_format === 'base64' ? toBase64(vector) : vector,
      })),
      model: embedder.modelId,
      usage: { prompt_tokens: inputTokens, total_tokens: inputTokens },
    };
    return c.json(answer);
  });
  app.all('/embeddings', methodNotAllowed(['POST']));
  return app;
}
