import type { ChatEngine } from '@company-chat/core';

/**
 * The part of the chat engine (`createChatEngine()` from @company-chat/core) that the HTTP layer uses,
 * so an app can also be given a wrapper that adds behaviour around those methods.
 */
export type ChatEnginePort = Pick<
  ChatEngine,
  'send' | 'regenerate' | 'edit' | 'listModels' | 'conversations' | 'shutdown'
> &
  /** Stateless completions, for the OpenAI-compatible gateway (`/v1`); without it the gateway answers 501. */
  Partial<Pick<ChatEngine, 'complete'>> & {
    /** The engine's store, when the app may ping it for `/health/ready`. */
    readonly store?: Pick<ChatEngine['store'], 'ping'>;
    /** Called once the server listens, so what the first answer needs is loaded off its path. */
    warmUp?(): Promise<void>;
  };
