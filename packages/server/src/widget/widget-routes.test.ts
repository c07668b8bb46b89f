import { scriptedChatModel } from '@company-chat/testing/models';
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../test/test-app.js';
import { loadWidgetAssets } from '../node/load-widget-assets.js';
import { normaliseOrigin } from './cors-for-origins.js';

const assets = {
  script: 'export const x = 1;',
  demoPage: '<!doctype html><company-chat mode="page"></company-chat>',
  chunks: { 'highlight-AB12CD34.js': 'export const highlight = 1;' },
};

describe('widget routes', () => {
  it('serves the widget script for cross-origin module script tags, with revalidation', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['ok'] }) }, { widget: assets });
    const res = await app.request('/widget/company-chat.js', { headers: { origin: 'https://anywhere.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(assets.script);
    const again = await app.request('/widget/company-chat.js', {
      headers: { 'if-none-match': res.headers.get('etag')! },
    });
    expect(again.status).toBe(304);
  });

  it('serves the lazy chunks next to the script, cached as immutable (their names carry a content hash)', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['ok'] }) }, { widget: assets });
    const res = await app.request('/widget/chunks/highlight-AB12CD34.js', {
      headers: { origin: 'https://anywhere.example' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(await res.text()).toBe(assets.chunks['highlight-AB12CD34.js']);
    // The script itself keeps one name across versions, so it is revalidated, never immutable.
    const script = await app.request('/widget/company-chat.js');
    expect(script.headers.get('cache-control')).toBe('public, max-age=300, must-revalidate');
    for (const path of ['/widget/chunks/math-00000000.js', '/widget/chunks/..%2Fcompany-chat.js', '/widget/chunks/']) {
      expect((await app.request(path)).status).toBe(404);
    }
  });

  it('serves the demo page at / under a strict CSP', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['ok'] }) }, { widget: assets });
    const res = await app.request('/');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('<company-chat');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('serves nothing at / without widget assets', async () => {
    const { app } = createTestApp({ default: scriptedChatModel({ deltas: ['ok'] }) });
    expect((await app.request('/')).status).toBe(404);
    expect((await app.request('/widget/company-chat.js')).status).toBe(404);
  });

  it('loads the built widget from the installed package', async () => {
    // `pnpm test` builds the packages before running tests, so the built file must be there.
    const loaded = await loadWidgetAssets();
    if (!('assets' in loaded)) throw new Error(`widget assets missing: ${loaded.error}`);
    expect(loaded.assets.script).toContain('customElements');
    expect(loaded.assets.demoPage).toContain('/widget/company-chat.js');
    // Every chunk the script imports lazily is among the loaded chunks.
    const imported = [...loaded.assets.script.matchAll(/import\("\.\/chunks\/([\w-]+\.js)"\)/g)].map((m) => m[1]);
    expect(imported.length).toBeGreaterThanOrEqual(2);
    for (const name of imported) expect(loaded.assets.chunks?.[name as string]).toBeTruthy();
  });
});

describe('CORS for COMPANY_CHAT_ALLOWED_ORIGINS', () => {
  const allowed = 'https://intranet.example.com';
  const { app } = createTestApp(
    { default: scriptedChatModel({ deltas: ['ok'] }) },
    { allowedOrigins: [`${allowed}/`] },
  );

  it('answers the preflight of an allowed origin', async () => {
    const res = await app.request('/api/v1/chat', {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,authorization',
      },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
  });

  it('lets an allowed origin read API responses', async () => {
    const res = await app.request('/api/v1/models', { headers: { origin: allowed } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(allowed);
  });

  it('gives other origins no CORS headers', async () => {
    for (const origin of ['https://evil.example', 'https://intranet.example.com.evil.example', 'null']) {
      const pre = await app.request('/api/v1/chat', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(pre.headers.get('access-control-allow-origin')).toBeNull();
      const res = await app.request('/api/v1/models', { headers: { origin } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('normalises configured origins', () => {
    expect(normaliseOrigin('https://Example.com:443/path')).toBe('https://example.com');
    expect(normaliseOrigin('ftp://example.com')).toBeNull();
    expect(normaliseOrigin('not a url')).toBeNull();
  });
});
