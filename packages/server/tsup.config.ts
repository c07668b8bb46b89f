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
  // `pnpm start` builds without declarations (COMPANY_CHAT_BUILD_DECLARATIONS=0): running needs only JS.
  dts: process.env.COMPANY_CHAT_BUILD_DECLARATIONS !== '0' && {
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
