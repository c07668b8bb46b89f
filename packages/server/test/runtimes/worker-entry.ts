// The Worker the workerd runtime test runs: the default env-driven setup, with a short heartbeat and a
// readiness check that waits as long as a loaded machine needs (the isolate's first request opens a
// PostgreSQL connection and applies the migrations inside the store check).
import { type CompanyChatWorkerEnv, createWorker, workerSetupFromEnv } from '@company-chat/server/workers';

// workerd notices a client that went away only when it next writes to the response. While the upstream
// is silent (the test's stalled model) the next write is the `: ping` heartbeat, so a short one makes
// the abort-on-disconnect test quick; a streaming answer writes every token anyway.
export default createWorker(async (env: CompanyChatWorkerEnv) => ({
  ...(await workerSetupFromEnv(env)),
  heartbeatMs: 250,
  readinessTimeoutMs: 60_000,
}));
