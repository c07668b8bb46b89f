// The Worker the workerd runtime test runs: the default env-driven setup, with a short heartbeat.
import { type CompanyChatWorkerEnv, createWorker, workerSetupFromEnv } from '@company-chat/server/workers';

// workerd notices a client that went away only when it next writes to the response. While the upstream
// is silent (the test's stalled model) the next write is the `: ping` heartbeat, so a short one makes
// the abort-on-disconnect test quick; a streaming answer writes every token anyway.
export default createWorker(async (env: CompanyChatWorkerEnv) => ({
  ...(await workerSetupFromEnv(env)),
  heartbeatMs: 250,
}));
