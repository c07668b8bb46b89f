import type {
  Conversation,
  ConversationPatch,
  FeedbackRating,
  FeedbackRecord,
  ListConversationsOptions,
  Message,
  MessageAttachment,
  MessagePatch,
  NewMessage,
  Owner,
  Page,
  RecoverOptions,
} from './types.js';

/**
 * Where conversations and messages live. Implementations: memory, PGlite and PostgreSQL; each passes
 * the shared conformance suite `runChatStoreConformance` (`@company-chat/testing/conformance`, docs/extending.md).
 *
 * Every method takes the {@link Owner} and must enforce it inside the query itself: a row of another
 * owner behaves exactly as a missing row (null / false), never as an error that reveals it exists.
 */
export interface ChatStore {
  createConversation(
    owner: Owner,
    input: { title: string; model?: string | null; useKnowledge?: boolean },
  ): Promise<Conversation>;
  /**
   * Starts a conversation with its first user message in one transaction: both exist or neither does.
   * A `clientMessageId` the owner already used creates nothing and throws `conversation_busy`, so
   * concurrent retries of a first message leave exactly one conversation.
   */
  startConversation(
    owner: Owner,
    input: { title: string; model?: string | null; useKnowledge?: boolean },
    message: { content: string; clientMessageId?: string | null; attachments?: MessageAttachment[] },
  ): Promise<{ conversation: Conversation; message: Message }>;
  getConversation(owner: Owner, id: string): Promise<Conversation | null>;
  /** Most recent activity first. */
  listConversations(owner: Owner, options?: ListConversationsOptions): Promise<Page<Conversation>>;
  updateConversation(owner: Owner, id: string, patch: ConversationPatch): Promise<Conversation | null>;
  /** Deletes the conversation and its messages. False when there was none for this owner. */
  deleteConversation(owner: Owner, id: string): Promise<boolean>;

  /**
   * Appends a message, makes it the active leaf and bumps the conversation's `updatedAt`. Null when the
   * conversation is not the owner's. A `clientMessageId` the owner already used throws
   * `conversation_busy` (a concurrent retry); look it up first with {@link ChatStore.findMessageByClientId}.
   */
  appendMessage(owner: Owner, message: NewMessage): Promise<Message | null>;
  /** Changes a message (checkpoints while streaming, finalisation). Null when it is not the owner's. */
  updateMessage(owner: Owner, id: string, patch: MessagePatch): Promise<Message | null>;
  /** All messages of a conversation, oldest first; null when the conversation is not the owner's. */
  listMessages(owner: Owner, conversationId: string): Promise<Message[] | null>;

  /**
   * Rates an answer (replacing an earlier rating). Null when the conversation is not the owner's, the
   * message is not in it, or it is not an assistant message. Does not change the conversation's
   * activity time: rating an old answer does not move the conversation to the top of the list.
   */
  setFeedback(
    owner: Owner,
    conversationId: string,
    messageId: string,
    feedback: { rating: FeedbackRating; comment?: string | null },
  ): Promise<Message | null>;
  /**
   * The feedback on these answers within one tenant (admin reports). Unknown ids, unrated answers and
   * other tenants' answers are left out.
   */
  listFeedback(tenantId: string, messageIds: readonly string[]): Promise<FeedbackRecord[]>;

  /** One message; null when it is not the owner's or does not exist. */
  getMessage(owner: Owner, id: string): Promise<Message | null>;
  /** The owner's message sent with this client message id (idempotent retries); null when none. */
  findMessageByClientId(owner: Owner, clientMessageId: string): Promise<Message | null>;
  /**
   * Shows another branch: `messageId` (a message of the conversation) becomes the active leaf.
   * Null when the conversation or the message is not the owner's.
   */
  setActiveLeaf(owner: Owner, conversationId: string, messageId: string): Promise<Conversation | null>;

  /**
   * Takes the conversation's send lock for `ttlMs` (atomic, so it holds across server instances).
   * Taking it again with the same token extends it. True when taken, false when someone else holds it,
   * null when the conversation is not the owner's.
   */
  lockConversation(owner: Owner, id: string, token: string, ttlMs: number): Promise<boolean | null>;
  /** Releases the send lock if `token` still holds it. */
  unlockConversation(owner: Owner, id: string, token: string): Promise<void>;

  /** GDPR erasure: deletes every conversation, message and file of the owner. Returns how many conversations. */
  deleteOwnerData(owner: Owner): Promise<{ conversations: number }>;

  /**
   * Marks messages still `streaming` as `interrupted` (called on start, after a crash) and releases
   * their conversations' send locks. Returns how many.
   */
  recoverInterrupted(options?: RecoverOptions): Promise<number>;
  /**
   * The periodic sweep: marks `streaming` answers whose conversation lock has expired (their owner, on
   * any instance, stopped renewing it: crashed, or cut off for longer than the lock's lifetime) as
   * `interrupted`, and clears expired locks. Answers under a live lock are left alone, so any instance
   * may run it at any time. Returns how many answers it marked.
   */
  recoverAbandoned(): Promise<number>;
  /** Resolves when the store answers a trivial query; throws (e.g. `store_unavailable`) when it does not. */
  ping(): Promise<void>;
  /** Releases connections and file locks. */
  close(): Promise<void>;
}
