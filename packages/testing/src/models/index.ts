// `@company-chat/testing/models`: chat models of our own provider spec for tests (never a mock of an SDK).
export { type GatedChatModel, gatedChatModel } from './gated-chat-model.js';
export {
  type ModelScript,
  messageScriptedChatModel,
  SCRIPT_PREFIX,
  scriptMessage,
} from './message-scripted-chat-model.js';
export { createScriptGates, type ScriptGates } from './script-gates.js';
export {
  providerError,
  type Script,
  type ScriptedCall,
  type ScriptedChatModel,
  type ScriptedChatModelOptions,
  scriptedChatModel,
} from './scripted-chat-model.js';
