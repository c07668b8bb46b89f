import type { ErrorCode } from '@company-chat/core';
import {
  activeLeafSchema,
  adminModelListSchema,
  adminModelSchema,
  adminUserPageSchema,
  adminUserSchema,
  apiKeyListSchema,
  chatRequestSchema,
  conversationPageSchema,
  conversationResponseSchema,
  conversationWithMessagesSchema,
  createConversationSchema,
  createdApiKeySchema,
  deleteMeResponseSchema,
  editMessageSchema,
  exportQuerySchema,
  feedbackResponseSchema,
  feedbackSchema,
  fileListSchema,
  fileResponseSchema,
  listConversationsQuerySchema,
  modelListSchema,
  openAIChatCompletionChunkSchema,
  openAIChatCompletionRequestSchema,
  openAIChatCompletionSchema,
  openAIEmbeddingsRequestSchema,
  openAIEmbeddingsSchema,
  openAIModelListSchema,
  passageResponseSchema,
  quotaStatusSchema,
  regenerateSchema,
  tierListSchema,
  tierResponseSchema,
  updateConversationSchema,
  uploadResponseSchema,
} from '@company-chat/core/protocol';
import { z } from 'zod';
import { createApiKeySchema } from '../admin/admin-keys-routes.js';
import { modelSwitchSchema } from '../admin/admin-models-routes.js';
import { tierLimitsSchema } from '../admin/admin-quota-routes.js';
import { createUserSchema, updateUserSchema } from '../admin/admin-users-routes.js';
import { loginSchema, refreshSchema } from '../identity/account-routes.js';
import { widgetTokenRequestSchema } from '../identity/widget-token-route.js';

/** What the OpenAPI document says about one route of the route table. */
export interface RouteDoc {
  summary: string;
  tag: 'Chat' | 'Conversations' | 'Files' | 'Account' | 'Admin' | 'Gateway';
  /** JSON request body. */
  body?: z.ZodType;
  /** A `multipart/form-data` body instead of JSON. */
  multipart?: z.ZodObject;
  /** Whether the body may be omitted. */
  bodyOptional?: boolean;
  query?: z.ZodObject;
  /** Request headers the route reads beyond the credentials. */
  headers?: z.ZodObject;
  /** The success answer: a JSON schema, an SSE stream of chat events, another media type, or no body. */
  response:
    | { status: 200 | 201; json: z.ZodType; description?: string }
    | { status: 200; sse: true }
    /** JSON, or with `"stream": true` an SSE stream of `data:` chunks ending `data: [DONE]` (the gateway). */
    | { status: 200; json: z.ZodType; chunks: z.ZodType }
    | { status: 200; media: string; description: string }
    | { status: 204 };
  /** Error codes of this route beyond the ones every route of its kind has (auth, validation, 404 on ids). */
  errors?: ErrorCode[];
}

const tokenPair = z
  .object({
    accessToken: z.string(),
    accessTokenExpiresAt: z.iso.datetime({ offset: true }),
    refreshToken: z.string(),
    refreshTokenExpiresAt: z.iso.datetime({ offset: true }),
    user: z.object({
      id: z.string(),
      tenantId: z.string(),
      roles: z.array(z.string()),
      tier: z.string().nullable().optional(),
    }),
  })
  .meta({ id: 'TokenPair' });
const widgetToken = z.object({ token: z.string(), expiresAt: z.iso.datetime({ offset: true }) });
// Usage and audit reports have many shapes (grouping, CSV); they are described in docs/identity-and-quotas.md.
const adminJson = z.record(z.string(), z.unknown()).meta({ description: 'See docs/identity-and-quotas.md.' });
const streamErrors: ErrorCode[] = [
  'unknown_model',
  'no_model_configured',
  'conversation_busy',
  'quota_exceeded',
  'quota_unavailable',
  'shutting_down',
];
const reportJson = { status: 200, json: adminJson } as const;

/** Keyed by `METHOD path` exactly as in `API_ROUTES`. */
export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'POST /auth/login': {
    summary: 'Sign in with a built-in account (servers with accounts)',
    tag: 'Account',
    body: loginSchema,
    response: { status: 200, json: tokenPair },
    errors: ['unauthenticated', 'rate_limited', 'not_supported'],
  },
  'POST /auth/refresh': {
    summary: 'Exchange a refresh token for a new pair (servers with accounts)',
    tag: 'Account',
    body: refreshSchema,
    response: { status: 200, json: tokenPair },
    errors: ['unauthenticated', 'rate_limited'],
  },
  'POST /auth/logout': {
    summary: 'End the session of a refresh token (servers with accounts)',
    tag: 'Account',
    response: { status: 204 },
  },
  'POST /widget-tokens': {
    summary: 'Mint a short-lived widget token for a user of the host app (servers with widget tokens)',
    tag: 'Account',
    body: widgetTokenRequestSchema,
    response: { status: 201, json: widgetToken },
    errors: ['not_supported'],
  },
  'POST /chat': {
    summary: 'Send a message and stream the answer (SSE)',
    tag: 'Chat',
    body: chatRequestSchema(),
    response: { status: 200, sse: true },
    errors: [...streamErrors, 'not_found'],
  },
  'GET /models': {
    summary: 'The model aliases a client may name',
    tag: 'Chat',
    response: { status: 200, json: modelListSchema },
  },
  'GET /conversations': {
    summary: 'List conversations, newest first (search with `q`)',
    tag: 'Conversations',
    query: listConversationsQuerySchema,
    response: { status: 200, json: conversationPageSchema },
  },
  'POST /conversations': {
    summary: 'Create an empty conversation',
    tag: 'Conversations',
    body: createConversationSchema,
    response: { status: 201, json: conversationResponseSchema },
  },
  'GET /conversations/:id': {
    summary: 'A conversation with the messages of its shown branch',
    tag: 'Conversations',
    response: { status: 200, json: conversationWithMessagesSchema },
  },
  'PATCH /conversations/:id': {
    summary: 'Rename, pin, archive or switch the knowledge base',
    tag: 'Conversations',
    body: updateConversationSchema,
    response: { status: 200, json: conversationResponseSchema },
  },
  'DELETE /conversations/:id': { summary: 'Delete a conversation', tag: 'Conversations', response: { status: 204 } },
  'POST /conversations/:id/messages/:messageId/regenerate': {
    summary: 'Answer again (SSE), as a new version beside the old answer',
    tag: 'Chat',
    body: regenerateSchema,
    bodyOptional: true,
    response: { status: 200, sse: true },
    errors: streamErrors,
  },
  'POST /conversations/:id/messages/:messageId/edit': {
    summary: 'Replace a question with new text and answer it (SSE)',
    tag: 'Chat',
    body: editMessageSchema(),
    response: { status: 200, sse: true },
    errors: streamErrors,
  },
  'PUT /conversations/:id/active-leaf': {
    summary: 'Show another branch (version) of the conversation',
    tag: 'Conversations',
    body: activeLeafSchema,
    response: { status: 200, json: conversationWithMessagesSchema },
    errors: ['conversation_busy'],
  },
  'POST /conversations/:id/messages/:messageId/feedback': {
    summary: 'Rate an answer (replaces an earlier rating)',
    tag: 'Conversations',
    body: feedbackSchema,
    response: { status: 200, json: feedbackResponseSchema },
  },
  'GET /conversations/:id/export': {
    summary: 'Export a conversation (JSON, or Markdown with `format=md`)',
    tag: 'Conversations',
    query: exportQuerySchema,
    response: { status: 200, media: 'text/markdown', description: 'The conversation as a download.' },
  },
  'GET /me/export': {
    summary: 'Export all of the caller’s conversations (JSON)',
    tag: 'Conversations',
    response: { status: 200, json: adminJson, description: 'Every conversation with its messages.' },
  },
  'DELETE /me': {
    summary: 'Delete all of the caller’s conversations',
    tag: 'Conversations',
    response: { status: 200, json: deleteMeResponseSchema },
  },
  'GET /quota': {
    summary: 'The caller’s limits and usage',
    tag: 'Chat',
    response: { status: 200, json: quotaStatusSchema },
  },
  'POST /files': {
    summary: 'Upload a file to the knowledge base (servers with one)',
    tag: 'Files',
    multipart: z.object({
      file: z.string().meta({ format: 'binary', description: 'The file (PDF, Office, text, CSV, HTML, ZIP...).' }),
      conversationId: z.string().optional().meta({ description: 'Search it only in this conversation.' }),
      collection: z.string().optional().meta({ description: 'A shared collection (admins).' }),
    }),
    response: {
      status: 201,
      json: uploadResponseSchema,
      description: 'Created (200 when the same content was there).',
    },
    errors: [
      'unreadable_file',
      'password_protected',
      'empty_file',
      'archive_limits',
      'document_limits',
      'parse_timeout',
    ],
  },
  'GET /files': { summary: 'List the caller’s files', tag: 'Files', response: { status: 200, json: fileListSchema } },
  'GET /files/:id': {
    summary: 'A file and its ingestion status',
    tag: 'Files',
    response: { status: 200, json: fileResponseSchema },
  },
  'DELETE /files/:id': { summary: 'Delete a file and its original', tag: 'Files', response: { status: 204 } },
  'GET /files/:id/download': {
    summary: 'Download the original file',
    tag: 'Files',
    response: { status: 200, media: 'application/octet-stream', description: 'The original bytes, as an attachment.' },
  },
  'GET /files/:id/passages/:passageId': {
    summary: 'A cited passage with its neighbours',
    tag: 'Files',
    response: { status: 200, json: passageResponseSchema },
  },
  'GET /admin/users': {
    summary: 'List and search users',
    tag: 'Admin',
    response: { status: 200, json: adminUserPageSchema },
  },
  'POST /admin/users': {
    summary: 'Create a user',
    tag: 'Admin',
    body: createUserSchema,
    response: { status: 201, json: adminUserSchema },
  },
  'GET /admin/users/:id': { summary: 'Read a user', tag: 'Admin', response: { status: 200, json: adminUserSchema } },
  'PATCH /admin/users/:id': {
    summary: 'Change roles, tier or name',
    tag: 'Admin',
    body: updateUserSchema,
    response: { status: 200, json: adminUserSchema },
  },
  'DELETE /admin/users/:id': { summary: 'Delete a user with their data', tag: 'Admin', response: { status: 204 } },
  'POST /admin/users/:id/suspend': {
    summary: 'Suspend a user (ends their sessions)',
    tag: 'Admin',
    response: { status: 200, json: adminUserSchema },
  },
  'POST /admin/users/:id/reactivate': {
    summary: 'Reactivate a user',
    tag: 'Admin',
    response: { status: 200, json: adminUserSchema },
  },
  'GET /admin/api-keys': {
    summary: 'List API keys (never the key)',
    tag: 'Admin',
    response: { status: 200, json: apiKeyListSchema },
  },
  'POST /admin/api-keys': {
    summary: 'Create an API key (shown once)',
    tag: 'Admin',
    body: createApiKeySchema,
    response: { status: 201, json: createdApiKeySchema },
    errors: ['not_supported'],
  },
  'DELETE /admin/api-keys/:id': { summary: 'Revoke an API key', tag: 'Admin', response: { status: 204 } },
  'GET /admin/tiers': { summary: 'The quota tiers', tag: 'Admin', response: { status: 200, json: tierListSchema } },
  'PUT /admin/tiers/:name': {
    summary: 'Replace one tier’s limits',
    tag: 'Admin',
    body: tierLimitsSchema,
    response: { status: 200, json: tierResponseSchema },
  },
  'GET /admin/models': {
    summary: 'Model aliases and whether each is enabled',
    tag: 'Admin',
    response: { status: 200, json: adminModelListSchema },
  },
  'PATCH /admin/models/:id': {
    summary: 'Enable or disable a model alias',
    tag: 'Admin',
    body: modelSwitchSchema,
    response: { status: 200, json: adminModelSchema },
  },
  'GET /admin/usage': { summary: 'Usage and cost, grouped', tag: 'Admin', response: reportJson },
  'GET /admin/usage/records': { summary: 'Usage records', tag: 'Admin', response: reportJson },
  'GET /admin/audit': { summary: 'The audit log', tag: 'Admin', response: reportJson },
  'GET /openapi.json': {
    summary: 'This document',
    tag: 'Chat',
    response: { status: 200, json: z.record(z.string(), z.unknown()), description: 'The OpenAPI 3.1 document.' },
  },
  'POST /v1/chat/completions': {
    summary: 'OpenAI-compatible chat completion (JSON, or SSE chunks with `"stream": true`); nothing is stored',
    tag: 'Gateway',
    body: openAIChatCompletionRequestSchema,
    headers: z.object({
      'x-company-chat-conversation': z.string().max(128).optional().meta({
        description:
          'Store the turn: `new`, or the id of one of your conversations. The answer carries the conversation id in the same header.',
      }),
    }),
    response: { status: 200, json: openAIChatCompletionSchema, chunks: openAIChatCompletionChunkSchema },
    errors: [...streamErrors.filter((code) => code !== 'conversation_busy'), 'context_length_exceeded', 'upstream'],
  },
  'GET /v1/models': {
    summary: 'The model aliases, in OpenAI’s list shape',
    tag: 'Gateway',
    response: { status: 200, json: openAIModelListSchema },
  },
  'POST /v1/embeddings': {
    summary: 'OpenAI-compatible embeddings with the server’s embedder (404 without one)',
    tag: 'Gateway',
    body: openAIEmbeddingsRequestSchema,
    response: { status: 200, json: openAIEmbeddingsSchema },
    errors: ['not_found', 'unknown_model', 'quota_exceeded', 'upstream'],
  },
};
