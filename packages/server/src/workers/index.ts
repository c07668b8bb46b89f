// Cloudflare Workers adapter of @company-chat/server.
export {
  createWorker,
  type WorkerAppSetup,
  type WorkerExecutionContext,
  type WorkerHandler,
  type WorkerSetup,
} from './create-worker.js';
export { type KeptAliveEngine, keepAliveEngine } from './keep-alive-engine.js';
export { type CompanyChatWorkerEnv, workerSetupFromEnv } from './worker-setup-from-env.js';
