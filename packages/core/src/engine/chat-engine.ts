import type { ChatStore } from '../conversations/chat-store.js';
import type { PathMessage } from '../conversations/conversation-tree.js';
import type { ConversationExport, OwnerExport } from '../conversations/export-conversation.js';
import type {
  Conversation,
  ConversationPatch,
  FeedbackRating,
  FeedbackRecord,
  ListConversationsOptions,
  Message,
  Owner,
  Page,
} from '../conversations/types.js';
import type { ChatModel, ChatModelRequest, TokenUsage } from '../providers/chat-model.js';
import type { KnowledgeBase } from '../rag/create-knowledge-base.js';
import type { Instrumentation } from '../telemetry/instrumentation.js';
import type { CheckpointPolicy } from './answer-checkpointer.js';
import type { ChatEvent, ErrorEvent, MessageEndEvent, TextDeltaEvent, UsageEvent } from './chat-events.js';
import type { Logger } from './logger.js';
import type { TokenCounter } from './token-counter.js';

/** Options of {@link createChatEngine}. */
export interface ChatEngineOptions {
  /** Model aliases (`default`, `fast`, ...) to models. A `router()` is a model too. May be empty. */
  models: Record<string, ChatModel>;
  /** Alias used when a send names none. Defaults to `default`, else the first alias. */
  defaultModel?: string;
  store: ChatStore;
  /** System prompt sent before every conversation. */
  systemPrompt?: string;
  /** Tokens reserved for each answer (and the cap sent to the provider). Default: the model's, else 1024. */
  maxOutputTokens?: number;
  /** Context window for models that do not declare one. Default 8192. */
  defaultContextWindow?: number;
  /** Longest accepted user message in characters. Default 32,000. */
  maxMessageLength?: number;
  /**
   * How long a send holds the conversation's lock in the store (a second send meanwhile is answered
   * `conversation_busy`, on any instance). Renewed while the answer streams, released when it ends, expires
   * this long after a crash (the periodic sweep then marks its answer `interrupted`). Default 60 s.
   */
  lockTtlMs?: number;
  /**
   * How often this engine looks for answers whose owner (any instance) stopped renewing their lock and
   * marks them `interrupted`, freeing the conversation. Default 30 s; 0 turns the sweep off.
   */
  sweepIntervalMs?: number;
  /**
   * Back-off of the final write and unlock of an answer when the store fails: first retry after
   * `initialMs`, doubling up to `maxMs`, until it succeeds or the engine shuts down. Default 200 ms → 5 s.
   */
  storeRetry?: { initialMs?: number; maxMs?: number };
  /** How often streaming answers are saved. Default every 500 ms or 64 deltas. */
  checkpoint?: Partial<CheckpointPolicy>;
  /** Token counter for prompt trimming. Default: js-tiktoken o200k_base, loaded lazily. */
  tokenCounter?: TokenCounter;
  logger?: Logger;
  /** Told of answers, provider failures and fallbacks, and store retries, for metrics. Default: nothing. */
  instrumentation?: Instrumentation;
  /**
   * Retrieval over uploaded files: the best passages go into the prompt as delimited, untrusted context
   * and stream to the client as `citation` events. Retrieval failures are logged and the answer goes on without it.
   */
  knowledge?: KnowledgeBase;
  /** Passages retrieved per question. Default 5. */
  knowledgeLimit?: number;
  /**
   * The model that rewrites a follow-up question ("and its default value?") into a standalone one
   * before the knowledge base is searched: an alias of `models` or a model of its own (metered as
   * `query-rewrite`). A cheap, fast model is enough. Rewrites are kept per turn (a regenerate or a
   * retried send reuses it) and reported through {@link SendInput.onAuxiliaryCall}. Without it, or when
   * a rewrite fails, a follow-up is searched with the terms of the earlier questions, weighted by recency.
   */
  queryRewriteModel?: string | ChatModel;
  /** Longest wait for a rewrite before searching without it. Default 10 s. */
  queryRewriteTimeoutMs?: number;
}

/** A model call the engine made for a turn besides the answer itself, for metering. */
export interface AuxiliaryModelCall {
  /** What the call was for: rewriting a follow-up question for the knowledge-base search. */
  purpose: 'query-rewrite';
  /** The alias the call is metered under (`query-rewrite` for a model given directly). */
  model: string;
  provider: string;
  /** Provider model id, the one the price table prices. */
  modelId: string;
  usage: TokenUsage;
  /** True when the provider reported no usage and `usage` is estimated from characters. */
  estimated: boolean;
  status: 'complete' | 'error';
  latencyMs: number;
}

/** Input of {@link ChatEngine.send}. */
export interface SendInput {
  owner: Owner;
  /** Continue this conversation; omitted starts a new one. */
  conversationId?: string;
  content: string;
  /** Model alias; defaults to the conversation's last one, then the engine's default. */
  model?: string;
  /** Abort to stop the answer (client went away or pressed stop): it is stored as `aborted`. */
  signal?: AbortSignal;
  /** Client-chosen id of this user message, for idempotent retries. */
  clientMessageId?: string;
  /**
   * Whether to draw on the knowledge base: sets the switch of a new conversation and, when given,
   * changes it for an existing one. Omitted keeps the conversation's setting (on by default).
   */
  useKnowledge?: boolean;
  /**
   * Ids of files (already uploaded) sent with this message: stored with it as `attachments` (name and
   * size). An id the owner cannot read fails the request with `not_found` before anything is stored.
   */
  attachments?: string[];
  /** Names this request in the engine's log lines (provider failures, fallbacks, store retries). */
  requestId?: string;
  /** Told of each model call made for this turn besides the answer (a follow-up rewrite), to meter it. */
  onAuxiliaryCall?: (call: AuxiliaryModelCall) => void;
}

/** Input of {@link ChatEngine.complete}. */
export interface CompleteInput {
  /** Who is asking: quotas and usage are theirs; nothing is stored for them. */
  owner: Owner;
  /** Model alias; defaults to the engine's default. */
  model?: string;
  /** The whole prompt, as the caller sent it: no system prompt, history or knowledge is added. */
  request: ChatModelRequest;
  /** Abort to stop the answer; the stream then ends with `message-end` status `aborted`. */
  signal?: AbortSignal;
  /** Names the completion in usage records and events (the gateway's `chatcmpl-…` id). Default: a random id. */
  completionId?: string;
  /** Names this request in the engine's log lines. */
  requestId?: string;
}

/** The model started answering a {@link ChatEngine.complete} call. */
export interface CompletionStartEvent {
  type: 'message-start';
  /** The completion's id ({@link CompleteInput.completionId}). */
  messageId: string;
  /** The model alias answering. */
  model: string;
}

/** A piece of a tool call the model is writing: its id and name come first, the JSON arguments in pieces. */
export interface ToolCallDeltaEvent {
  type: 'tool-call-delta';
  messageId: string;
  toolCallId: string;
  toolName?: string;
  argsDelta: string;
}

/**
 * The events `engine.complete()` yields: `message-start` → (`text-delta` | `tool-call-delta`)* →
 * `usage`? → `message-end`, with an `error` before `message-end` when the provider failed.
 */
export type CompletionEvent =
  | CompletionStartEvent
  | TextDeltaEvent
  | ToolCallDeltaEvent
  | UsageEvent
  | ErrorEvent
  | MessageEndEvent;

/** A model alias as listed to clients. */
export interface ModelInfo {
  id: string;
  provider: string;
  modelId: string;
  default: boolean;
}

/**
 * A conversation with the messages of the branch being shown (root to active leaf), each with the ids
 * of its siblings (other answers to the same question, other versions of an edited question).
 */
export interface ConversationWithMessages {
  conversation: Conversation;
  messages: PathMessage[];
}

/** Input of {@link ChatEngine.regenerate}. */
export interface RegenerateInput {
  owner: Owner;
  conversationId: string;
  /** The answer to write again (or the question to answer again). */
  messageId: string;
  model?: string;
  signal?: AbortSignal;
  /** Names this request in the engine's log lines. */
  requestId?: string;
  /** Told of each model call made for this turn besides the answer, to meter it. */
  onAuxiliaryCall?: (call: AuxiliaryModelCall) => void;
}

/** Input of {@link ChatEngine.edit}. */
export interface EditInput {
  owner: Owner;
  conversationId: string;
  /**
   * The user message to replace: the new text starts a new branch from the same point, with the files
   * the replaced message was sent with.
   */
  messageId: string;
  content: string;
  model?: string;
  signal?: AbortSignal;
  clientMessageId?: string;
  /** Names this request in the engine's log lines. */
  requestId?: string;
  /** Told of each model call made for this turn besides the answer, to meter it. */
  onAuxiliaryCall?: (call: AuxiliaryModelCall) => void;
}

/** A conversation exported as JSON or Markdown. */
export type ConversationExportResult = { format: 'json'; body: ConversationExport } | { format: 'md'; body: string };

/** The chat engine: see {@link createChatEngine}. */
export interface ChatEngine {
  /**
   * Sends a user message and streams the answer as {@link ChatEvent}s. Errors known before anything is
   * stored (`invalid_request`, `unknown_model`, `no_model_configured`, `not_found`, `conversation_busy`,
   * `context_length_exceeded`) are thrown from the first `next()`; later failures arrive as `error` events.
   */
  send(input: SendInput): AsyncGenerator<ChatEvent, void, undefined>;
  /** Writes a new answer beside an earlier one (same question): events as for {@link ChatEngine.send}. */
  regenerate(input: RegenerateInput): AsyncGenerator<ChatEvent, void, undefined>;
  /** Sends an edited version of a user message as a new branch: events as for {@link ChatEngine.send}. */
  edit(input: EditInput): AsyncGenerator<ChatEvent, void, undefined>;
  /**
   * A stateless completion (the OpenAI-compatible gateway): the caller's prompt goes to the alias's model
   * (router, fallback, timeouts as for `send`) and nothing is stored. Errors known before the provider is
   * called (`unknown_model`, `no_model_configured`, `context_length_exceeded`, `not_supported` for tools on
   * a model without them, `shutting_down`) are thrown from the first `next()`; provider failures arrive as
   * an `error` event followed by `message-end`.
   */
  complete(input: CompleteInput): AsyncGenerator<CompletionEvent, void, undefined>;
  /** The configured model aliases. */
  listModels(): ModelInfo[];
  /**
   * Loads what the first answer would otherwise wait for (the default tokenizer: seconds of CPU; the SDKs
   * of the configured providers, see {@link ChatModel.warmUp}). Servers call it once they listen, so
   * neither start-up nor the first answer pays for it. Idempotent.
   */
  warmUp(): Promise<void>;
  /** Conversation history operations, ownership-checked. */
  readonly conversations: {
    /** Creates an empty conversation (its title comes from its first message unless given). */
    create(owner: Owner, input?: { title?: string; useKnowledge?: boolean }): Promise<Conversation>;
    list(owner: Owner, options?: ListConversationsOptions): Promise<Page<Conversation>>;
    get(owner: Owner, id: string): Promise<ConversationWithMessages | null>;
    rename(owner: Owner, id: string, title: string): Promise<Conversation | null>;
    /** Rename, pin, archive. */
    update(owner: Owner, id: string, patch: Omit<ConversationPatch, 'model'>): Promise<Conversation | null>;
    delete(owner: Owner, id: string): Promise<boolean>;
    /** Shows the branch through `messageId` (down to its newest leaf). Null when not the owner's. */
    setActiveBranch(owner: Owner, id: string, messageId: string): Promise<ConversationWithMessages | null>;
    export(owner: Owner, id: string, format: 'json' | 'md'): Promise<ConversationExportResult | null>;
    /** Everything the owner has (GDPR portability). */
    exportAll(owner: Owner): Promise<OwnerExport>;
    /** Deletes everything the owner has (GDPR erasure). */
    deleteAll(owner: Owner): Promise<{ conversations: number }>;
    /** Rates an answer of the conversation (replacing an earlier rating). Null when not the owner's answer. */
    setFeedback(
      owner: Owner,
      id: string,
      messageId: string,
      feedback: { rating: FeedbackRating; comment?: string | null },
    ): Promise<Message | null>;
    /** The feedback on these answers within one tenant (admin reports). */
    listFeedback(tenantId: string, messageIds: readonly string[]): Promise<FeedbackRecord[]>;
  };
  /** Ends in-flight answers with a `shutting_down` error (partial text stored) and waits for them. */
  shutdown(): Promise<void>;
  readonly store: ChatStore;
}
