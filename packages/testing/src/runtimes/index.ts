// `@company-chat/testing/runtimes`: starting the server under another runtime (bun, …) as a child process.
export { type SpawnRuntimeOptions, spawnRuntime } from './spawn-runtime.js';
