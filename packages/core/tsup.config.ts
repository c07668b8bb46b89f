import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    client: 'src/client/index.ts',
    protocol: 'src/protocol/index.ts',
    pglite: 'src/pglite.ts',
    postgres: 'src/postgres.ts',
    redis: 'src/redis.ts',
    'worker-parser': 'src/worker-parser.ts',
    // Loaded by the worker threads of worker-parser by its file name, next to it in dist/.
    'parse-worker': 'src/rag/parse/worker/parse-worker.ts',
    'ai-sdk': 'src/ai-sdk.ts',
    s3: 'src/s3.ts',
  },
  format: ['esm'],
  // `pnpm start` builds without declarations (COMPANY_CHAT_BUILD_DECLARATIONS=0): running needs only JS.
  dts: process.env.COMPANY_CHAT_BUILD_DECLARATIONS !== '0',
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
