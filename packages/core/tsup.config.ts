import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    client: 'src/client/index.ts',
    pglite: 'src/pglite.ts',
    postgres: 'src/postgres.ts',
    redis: 'src/redis.ts',
    'worker-parser': 'src/worker-parser.ts',
    // Loaded by the worker threads of worker-parser by its file name, next to it in dist/.
    'parse-worker': 'src/rag/parse/worker/parse-worker.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
