// `@company-chat/testing/conformance`: the shared suites every implementation of an extension point runs
// (see docs/extending.md). Each is a function that declares vitest tests; call it from a `*.test.ts` file.
export { type AccountStoreFactory, accountsCases } from './accounts.case.test.js';
export { type ApiKeyStoreFactory, apiKeysCases } from './api-keys.case.test.js';
export { type AuditLogFactory, auditLogCases } from './audit-log.case.test.js';
export { type BlobStoreFactory, runBlobStoreConformance } from './blob-store.case.test.js';
export {
  type Collected,
  type ConformanceModelOptions,
  type ConformanceSetup,
  type ConformanceVendor,
  collect,
  expectProviderError,
  runChatModelConformance,
} from './chat-model.case.test.js';
export { type ChatStoreFactory, runChatStoreConformance } from './chat-store.case.test.js';
export { type KnowledgeStoreFactory, runKnowledgeStoreConformance } from './knowledge-store.case.test.js';
export { type LoginThrottleFactory, loginThrottleCases } from './login-throttle.case.test.js';
export { type QuotaLedgerFactory, quotaLedgerCases } from './quota-ledger.case.test.js';
export { type RateLimiterFactory, rateLimiterCases } from './rate-limiter.case.test.js';
export { type RuntimeServer, runRuntimeConformance } from './runtime.case.test.js';
export { type UsageLogFactory, usageLogCases } from './usage-log.case.test.js';
export { type UserDirectoryFactory, userDirectoryCases } from './user-directory.case.test.js';
