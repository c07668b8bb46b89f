// Public API of @company-chat/server. Explicit named exports only.

export type { AppEnv } from './app/app-env.js';
export type { ChatEnginePort } from './app/chat-engine-port.js';
export { type ChatApp, type ChatAppOptions, createChatApp, getChatAppEngine } from './app/create-chat-app.js';
export type { ErrorLogger } from './errors/error-handler.js';
export type { ErrorBody } from './errors/error-response.js';
export { DEFAULT_TENANT_ID, DEV_USER_ID, devIdentity } from './identity/dev-identity.js';
