import { defineConfig } from 'vite';

// No React plugin needed: Vite's own transform compiles JSX with React's automatic runtime.
export default defineConfig({
  oxc: { jsx: { runtime: 'automatic' } },
});
