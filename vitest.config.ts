import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@company-chat/source`
// export condition, so tests never depend on a stale `dist/`.
const conditions = ['@company-chat/source', 'import', 'module', 'node', 'default'];

export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions, externalConditions: conditions } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'bench/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
    ],
    exclude: [
      '**/node_modules/**',
      '**/dist/**',
      '**/*.case.test.ts',
      'packages/widget/test/browser/**',
      'packages/react/test/browser/**',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
