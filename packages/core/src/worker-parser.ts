// Entry `@company-chat/core/worker-parser`: Node and Bun only (worker threads), kept out of the main entry.
export {
  createWorkerParser,
  type WorkerParser,
  type WorkerParserOptions,
} from './rag/parse/worker/create-worker-parser.js';
