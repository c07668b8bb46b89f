import { defineConfig } from 'tsup';

export default defineConfig({
  entry: { index: 'src/index.ts' },
  format: ['esm'],
  // `pnpm start` builds without declarations (COMPANY_CHAT_BUILD_DECLARATIONS=0): running needs only JS.
  dts: process.env.COMPANY_CHAT_BUILD_DECLARATIONS !== '0',
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'browser',
  // The app brings React; the widget and the client are deduplicated with any other copy in the app.
  // Hooks and an effect-driven element: a client module for React Server Components (Next.js app router).
  banner: { js: "'use client';" },
  external: ['react', 'react-dom', '@lit/react', '@company-chat/widget', '@company-chat/core'],
});
