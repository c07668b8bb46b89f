import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    node: 'src/node/index.ts',
    bun: 'src/bun/index.ts',
    workers: 'src/workers/index.ts',
    cli: 'src/cli/cli.ts',
  },
  format: ['esm'],
  dts: {
    entry: {
      index: 'src/index.ts',
      node: 'src/node/index.ts',
      bun: 'src/bun/index.ts',
      workers: 'src/workers/index.ts',
    },
  },
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'node',
});
