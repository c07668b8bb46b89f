// Every wire type here is inferred from the protocol's zod schemas, with type-only imports: the browser
// bundle carries no zod, and a change to a schema changes these types (the contract test checks the server).
import type { z } from 'zod';
import type { chatRequestSchema } from '../protocol/chat-request-schema.js';
import type {
  conversationPageSchema,
  conversationSummarySchema,
  conversationWithMessagesSchema,
  updateConversationSchema,
} from '../protocol/conversation-schemas.js';
import type { passageResponseSchema, passageSchema, uploadedFileSchema } from '../protocol/file-schemas.js';
import type { editMessageSchema, feedbackSchema, regenerateSchema } from '../protocol/history-schemas.js';
import type { storedFeedbackSchema, storedMessageSchema } from '../protocol/message-schemas.js';
import type { modelInfoSchema } from '../protocol/model-schemas.js';
import type { quotaLimitSchema, quotaStatusSchema } from '../protocol/quota-schemas.js';

/** A conversation as the server sends it over HTTP (dates are ISO strings). */
export type ConversationSummary = z.output<typeof conversationSummarySchema>;

/** A stored message as the server sends it over HTTP (dates are ISO strings). */
export type StoredMessage = z.output<typeof storedMessageSchema>;

/** A rating as the server stores it (`POST /conversations/:id/messages/:messageId/feedback`). */
export type StoredFeedback = z.output<typeof storedFeedbackSchema>;

/** What `ChatClient.sendFeedback()` posts. */
export type FeedbackInput = Omit<z.input<typeof feedbackSchema>, 'comment'> & {
  /** Optional, at most 2000 characters. */
  comment?: string;
};

/** A page of conversations; pass `nextCursor` back to read the next page. */
export type ConversationPage = z.output<typeof conversationPageSchema>;

/** One conversation with its messages, oldest first. */
export type ConversationWithMessages = z.output<typeof conversationWithMessagesSchema>;

/** A model alias the server offers. */
export type ModelInfo = z.output<typeof modelInfoSchema>;

type ChatRequestBody = z.input<ReturnType<typeof chatRequestSchema>>;

/** What `ChatClient.send()` posts to `POST /api/v1/chat` (the request body without nulls), and its signal. */
export type SendInput = { [K in keyof ChatRequestBody]: Exclude<ChatRequestBody[K], null> } & {
  /** Aborting it stops the answer (the server stores it as `aborted`). */
  signal?: AbortSignal;
};

/** One of the caller's limits in its current window (`GET /api/v1/quota`). */
export type QuotaLimit = z.output<typeof quotaLimitSchema>;

/** The caller's quota: `enforced: false` (and no limits) when the server meters nothing. */
export type QuotaStatus = z.output<typeof quotaStatusSchema>;

/** Fields `ChatClient.updateConversation()` changes (`PATCH /conversations/:id`). */
export type ConversationUpdate = z.input<typeof updateConversationSchema>;

/** What `ChatClient.regenerate()` needs: the answer (or question) to answer again. */
export type RegenerateInput = z.input<typeof regenerateSchema> & {
  conversationId: string;
  messageId: string;
  signal?: AbortSignal;
};

/** What `ChatClient.editMessage()` needs: the user message to replace and its new text. */
export type EditMessageInput = z.input<ReturnType<typeof editMessageSchema>> & {
  conversationId: string;
  messageId: string;
  signal?: AbortSignal;
};

/** One passage (chunk) of a file, as `GET /files/:id/passages/:passageId` returns it. */
export type FilePassageText = z.output<typeof passageSchema>;

/** A cited passage with the passages before and after it (null at the file's start or end) and its file. */
export type FilePassage = z.output<typeof passageResponseSchema>;

/** A file in the user's knowledge base, as the server describes it after an upload. */
export type UploadedFile = z.output<typeof uploadedFileSchema> & {
  /** Set by `uploadFile()`: the same content was already in the same place, this is that file. */
  duplicate?: boolean;
};
