import { defineConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through the `@company-chat/source`
// export condition, so tests never depend on a stale `dist/`.
const conditions = ['@company-chat/source', 'import', 'module', 'node', 'default'];
const nodeConditions = ['@company-chat/source', 'node', 'development|production'];

export default defineConfig({
  resolve: { conditions },
  // Vitest passes `ssr.resolve.conditions` to its Node workers as `--conditions`, which then apply to
  // every CJS `require()` too: `import`/`module` there make `pg` require pg-pool's ESM build and crash.
  // Vite adds `import`/`require` by itself for the modules it transforms.
  ssr: { resolve: { conditions: nodeConditions, externalConditions: nodeConditions } },
  test: {
    include: [
      'packages/*/src/**/*.test.ts',
      'packages/*/test/**/*.test.ts',
      'bench/**/*.test.ts',
      'examples/*/test/**/*.test.ts',
      'docs/test/**/*.test.ts',
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
