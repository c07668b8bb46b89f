import type {
  Conversation,
  ConversationPatch,
  ListConversationsOptions,
  Message,
  MessagePatch,
  NewMessage,
  Owner,
  Page,
} from './types.js';

/**
 * Where conversations and messages live. Implementations: memory, PGlite and PostgreSQL; each passes
 * the shared conformance suite in `chat-store.case.test.ts`.
 *
 * Every method takes the {@link Owner} and must enforce it inside the query itself: a row of another
 * owner behaves exactly as a missing row (null / false), never as an error that reveals it exists.
 */
export interface ChatStore {
  createConversation(owner: Owner, input: { title: string; model?: string | null }): Promise<Conversation>;
  getConversation(owner: Owner, id: string): Promise<Conversation | null>;
  /** Most recent activity first. */
  listConversations(owner: Owner, options?: ListConversationsOptions): Promise<Page<Conversation>>;
  updateConversation(owner: Owner, id: string, patch: ConversationPatch): Promise<Conversation | null>;
  /** Deletes the conversation and its messages. False when there was none for this owner. */
  deleteConversation(owner: Owner, id: string): Promise<boolean>;

  /** Appends a message and bumps the conversation's `updatedAt`. Null when the conversation is not the owner's. */
  appendMessage(owner: Owner, message: NewMessage): Promise<Message | null>;
  /** Changes a message (checkpoints while streaming, finalisation). Null when it is not the owner's. */
  updateMessage(owner: Owner, id: string, patch: MessagePatch): Promise<Message | null>;
  /** All messages of a conversation, oldest first; null when the conversation is not the owner's. */
  listMessages(owner: Owner, conversationId: string): Promise<Message[] | null>;

  /** Marks every message still `streaming` as `interrupted` (called on start, after a crash). Returns how many. */
  recoverInterrupted(): Promise<number>;
  /** Releases connections and file locks. */
  close(): Promise<void>;
}
