import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('@company-chat/core/client', () => {
  it('bundles for the browser from client code, errors, event types, the Retry-After parser and eventsource-parser only', async () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      write: false,
      metafile: true,
      format: 'esm',
      platform: 'browser',
      minify: true,
    });
    const inputs = Object.keys(result.metafile.inputs);
    const outside = inputs.filter(
      (path) =>
        !/src\/client\/(?!testing\/)[\w-]+\.ts$/.test(path) &&
        !/src\/errors\/company-chat-error\.ts$/.test(path) &&
        // A pure header parser, shared with the providers: how long a `Retry-After` says to wait.
        !/src\/providers\/parse-retry-after\.ts$/.test(path) &&
        !/eventsource-parser/.test(path),
    );
    expect(outside).toEqual([]);
    const code = result.outputFiles[0]!.text;
    expect(code).not.toMatch(/\bzod\b|node:|process\.env|require\(/);
    // Small enough to ship inside the widget bundle.
    expect(code.length).toBeLessThan(20_000);
  });
});
