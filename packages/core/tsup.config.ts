import { defineConfig } from 'tsup';

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    client: 'src/client/index.ts',
    pglite: 'src/pglite.ts',
    postgres: 'src/postgres.ts',
    redis: 'src/redis.ts',
    s3: 'src/s3.ts',
  },
  format: ['esm'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
});
