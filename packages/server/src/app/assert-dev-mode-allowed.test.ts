import { createApiKeys, createMemoryApiKeyStore } from '@company-chat/core';
import { scriptedChatModel } from '@company-chat/testing/models';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createTestEngine } from '../../test/test-app.js';
import { ConfigError } from '../config/config-error.js';
import { serve } from '../node/serve.js';
import { createChatApp } from './create-chat-app.js';

const engine = () => createTestEngine({ default: scriptedChatModel({ deltas: ['ok'] }) });

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('development mode in createChatApp() and serve()', () => {
  it('refuses dev next to a real identity, naming it', () => {
    const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
    expect(() => createChatApp({ engine: engine(), dev: true, auth: { apiKeys } })).toThrow(ConfigError);
    expect(() =>
      createChatApp({ engine: engine(), dev: true, auth: { jwt: { secret: 's'.repeat(32), algorithms: ['HS256'] } } }),
    ).toThrow(/cannot be combined with auth\.jwt/);
    expect(() =>
      createChatApp({ engine: engine(), dev: true, auth: { widgetTokens: { secret: 'w'.repeat(32) } } }),
    ).toThrow(/auth\.widgetTokens/);
  });

  it('refuses dev, and COMPANY_CHAT_DEV=1, under NODE_ENV=production', () => {
    vi.stubEnv('NODE_ENV', 'production');
    expect(() => createChatApp({ engine: engine(), dev: true })).toThrow(/NODE_ENV=production/);
    vi.stubEnv('COMPANY_CHAT_DEV', '1');
    expect(() => createChatApp({ engine: engine() })).toThrow(/NODE_ENV=production/);
    // Without dev mode the app is created (and answers 401 until credentials are configured).
    vi.stubEnv('COMPANY_CHAT_DEV', '0');
    expect(createChatApp({ engine: engine() })).toBeDefined();
  });

  it('serve() binds a development app to loopback only', async () => {
    const app = createChatApp({ engine: engine(), dev: true });
    await expect(serve({ app, port: 0, hostname: '0.0.0.0' })).rejects.toThrow(
      /Refusing to serve a development-mode app on 0\.0\.0\.0/,
    );
    await expect(serve({ app, port: 0, hostname: '::' })).rejects.toThrow(ConfigError);
    const local = await serve({ app, port: 0, hostname: '127.0.0.1' });
    try {
      expect((await fetch(`${local.url}/api/v1/conversations`, { headers: { 'x-user-id': 'alice' } })).status).toBe(
        200,
      );
    } finally {
      await local.close();
    }
  });

  it('serve() binds an app with an identity to any address', async () => {
    const apiKeys = createApiKeys({ store: createMemoryApiKeyStore() });
    const handle = await serve({
      app: createChatApp({ engine: engine(), auth: { apiKeys } }),
      port: 0,
      hostname: '0.0.0.0',
    });
    try {
      const res = await fetch(`http://127.0.0.1:${handle.port}/api/v1/conversations`, {
        headers: { 'x-user-id': 'alice' },
      });
      expect(res.status).toBe(401);
    } finally {
      await handle.close();
    }
  });
});
