import { describe, expect, it } from 'vitest';
import { decideDevMode, isLoopbackHost } from './dev-mode-policy.js';

const hosts = [
  '127.0.0.1',
  '127.8.9.10',
  'localhost',
  '::1',
  '[::1]',
  '0.0.0.0',
  '::',
  '192.168.1.20',
  'chat.example.com',
];
const loopback = new Set(['127.0.0.1', '127.8.9.10', 'localhost', '::1', '[::1]']);
const identities: string[][] = [
  [],
  ['COMPANY_CHAT_JWT_SECRET'],
  ['COMPANY_CHAT_WIDGET_SECRET', 'COMPANY_CHAT_ADMIN_KEY'],
];
const flags = [
  { name: 'no flag', requestedBy: undefined, disabled: false },
  { name: '--dev', requestedBy: '--dev', disabled: false },
  { name: 'COMPANY_CHAT_DEV=1', requestedBy: 'COMPANY_CHAT_DEV=1', disabled: false },
  { name: 'COMPANY_CHAT_DEV=0', requestedBy: undefined, disabled: true },
];
const nodeEnvs = [undefined, 'development', 'production'];

const cases = hosts.flatMap((host) =>
  identities.flatMap((identity) =>
    flags.flatMap((flag) => nodeEnvs.map((nodeEnv) => ({ host, identity, flag, nodeEnv }))),
  ),
);

describe('decideDevMode: bind address × identity × --dev × NODE_ENV', () => {
  it.each(cases)('$host, identity [$identity], $flag.name, NODE_ENV=$nodeEnv', ({ host, identity, flag, nodeEnv }) => {
    const decision = decideDevMode({ requestedBy: flag.requestedBy, disabled: flag.disabled, identity, host, nodeEnv });
    const explicit = flag.requestedBy !== undefined;
    if (explicit && identity.length > 0) {
      // --dev next to a real identity would let X-User-Id bypass it: refused, naming both.
      expect(decision).toEqual({ refuse: expect.stringContaining('cannot be combined with a configured identity') });
      expect((decision as { refuse: string }).refuse).toContain(flag.requestedBy);
      for (const name of identity) expect((decision as { refuse: string }).refuse).toContain(name);
      return;
    }
    const wanted = explicit || (!flag.disabled && identity.length === 0);
    if (!wanted) {
      expect(decision).toMatchObject({ dev: false });
      return;
    }
    if (nodeEnv === 'production') {
      expect(decision).toEqual({ refuse: expect.stringContaining('NODE_ENV=production') });
      expect((decision as { refuse: string }).refuse).toMatch(/COMPANY_CHAT_JWT_SECRET or COMPANY_CHAT_JWKS_URL/);
      return;
    }
    if (!loopback.has(host)) {
      const refusal = (decision as { refuse: string }).refuse;
      expect(refusal).toContain(`Refusing to start in development mode`);
      expect(refusal).toContain(`on ${host}`);
      // Says exactly what to configure, and how to stay local instead.
      expect(refusal).toMatch(
        /COMPANY_CHAT_JWT_SECRET or COMPANY_CHAT_JWKS_URL.*COMPANY_CHAT_WIDGET_SECRET.*COMPANY_CHAT_ACCOUNTS_SECRET.*COMPANY_CHAT_ADMIN_KEY/,
      );
      expect(refusal).toContain('HOST=127.0.0.1');
      return;
    }
    expect(decision).toMatchObject({ dev: true });
  });

  it('covers every combination once', () => {
    expect(cases).toHaveLength(hosts.length * identities.length * flags.length * nodeEnvs.length);
  });
});

describe('isLoopbackHost', () => {
  it.each([
    ['127.0.0.1', true],
    ['127.255.0.1', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['LOCALHOST', true],
    ['app.localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['10.0.0.5', false],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['localhost.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopbackHost(host)).toBe(expected);
  });
});
