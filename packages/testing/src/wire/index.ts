// `@company-chat/testing/wire`: local HTTP servers that speak each vendor's wire format byte for byte, for
// the official SDKs to talk to (never a mocked SDK module).

export { countWords, splitTokens, syntheticTokens } from './wire-behaviour.js';
export {
  startWireServer,
  type WireBehaviour,
  type WireRequest,
  type WireServer,
  type WireServerOptions,
  type WireVendor,
} from './wire-server.js';
