import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, type JWTPayload, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompanyChatError } from '../errors/company-chat-error.js';
import { UNAUTHENTICATED_MESSAGE } from './auth-errors.js';
import { createAuthenticator } from './authenticator.js';
import { createJwtVerifier } from './jwt-verifier.js';

const issuer = 'https://idp.example.com/';
const audience = 'company-chat';
const secret = 'an-hmac-secret-that-is-at-least-32-bytes-long';
const now = () => Math.floor(Date.now() / 1000);
const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
let foreign: Awaited<ReturnType<typeof generateKeyPair>>;
let es: Awaited<ReturnType<typeof generateKeyPair>>;
let ed: Awaited<ReturnType<typeof generateKeyPair>>;
let rsaPem: string;
let server: Server;
let jwksUrl: string;

beforeAll(async () => {
  [rsa, foreign, es, ed] = await Promise.all([
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('RS256', { extractable: true }),
    generateKeyPair('ES256', { extractable: true }),
    generateKeyPair('EdDSA', { extractable: true, crv: 'Ed25519' }),
  ]);
  rsaPem = await exportSPKI(rsa.publicKey);
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa', alg: 'RS256' },
    { ...(await exportJWK(es.publicKey)), kid: 'es', alg: 'ES256' },
    { ...(await exportJWK(ed.publicKey)), kid: 'ed', alg: 'EdDSA' },
  ];
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function sign(
  key: Parameters<SignJWT['sign']>[0],
  alg: string,
  claims: JWTPayload = {},
  header: Record<string, unknown> = {},
): Promise<string> {
  // Claims passed in override the defaults (undefined removes one), so each attack changes exactly one thing.
  const payload: JWTPayload = {
    sub: 'alice',
    iss: issuer,
    aud: audience,
    iat: now(),
    exp: now() + 300,
    tid: 'acme',
    roles: ['user', 'admin', 'root'],
    tier: 'pro',
    ...claims,
  };
  for (const [key, value] of Object.entries(payload)) if (value === undefined) delete payload[key];
  return new SignJWT(payload).setProtectedHeader({ alg, ...header }).sign(key);
}

const claims = { tenantClaim: 'tid' };

describe('createJwtVerifier', () => {
  it('accepts HS256 with the configured secret and maps the claims', async () => {
    const verify = createJwtVerifier({ secret, algorithms: ['HS256', 'HS512'], issuer, audience, claims });
    const token = await sign(new TextEncoder().encode(secret), 'HS512');
    expect(await verify(token)).toEqual({
      tenantId: 'acme',
      userId: 'alice',
      roles: ['user', 'admin'],
      tier: 'pro',
      via: 'jwt',
    });
  });

  it('accepts RS256 with a PEM public key', async () => {
    const verify = createJwtVerifier({ publicKey: rsaPem, algorithms: ['RS256'], issuer, audience, claims });
    expect((await verify(await sign(rsa.privateKey, 'RS256'))).userId).toBe('alice');
  });

  it('accepts RS256, ES256 and EdDSA from a JWKS URL', async () => {
    const verify = createJwtVerifier({ jwksUrl, algorithms: ['RS256', 'ES256', 'EdDSA'], issuer, audience, claims });
    expect((await verify(await sign(rsa.privateKey, 'RS256', {}, { kid: 'rsa' }))).tenantId).toBe('acme');
    expect((await verify(await sign(es.privateKey, 'ES256', {}, { kid: 'es' }))).tenantId).toBe('acme');
    expect((await verify(await sign(ed.privateKey, 'EdDSA', {}, { kid: 'ed' }))).tenantId).toBe('acme');
  });

  it('maps nested claims, a fixed tenant and default roles and tier', async () => {
    const verify = createJwtVerifier({
      secret,
      issuer,
      audience,
      claims: { userId: 'oid', tenant: 'single', roles: 'realm_access.roles', defaultTier: 'basic' },
    });
    const token = await sign(new TextEncoder().encode(secret), 'HS256', {
      oid: 'u-1',
      realm_access: { roles: 'auditor user' },
      tier: undefined,
    });
    expect(await verify(token)).toEqual({
      tenantId: 'single',
      userId: 'u-1',
      roles: ['user', 'auditor'],
      tier: 'basic',
      via: 'jwt',
    });
  });

  it('refuses configurations that would allow none or algorithm confusion', () => {
    expect(() => createJwtVerifier({ publicKey: rsaPem, algorithms: ['HS256' as 'RS256'] })).toThrow(/confusion/);
    expect(() => createJwtVerifier({ secret, algorithms: ['RS256' as 'HS256'] })).toThrow(/public key/);
    expect(() => createJwtVerifier({ secret, algorithms: ['none' as 'HS256'] })).toThrow(/none/);
    expect(() => createJwtVerifier({ secret: 'short' })).toThrow(/32 bytes/);
    expect(() => createJwtVerifier({ publicKey: 'not a pem', algorithms: ['RS256'] })).toThrow(/PEM/);
  });
});

describe('JWT attack table: every forged or invalid token gets 401 with a generic message', () => {
  const attacks: Array<[string, () => Promise<string>]> = [
    [
      'alg none',
      async () =>
        `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: 'alice', tid: 'acme', iss: issuer, aud: audience, exp: now() + 300 })}.`,
    ],
    [
      'alg none with a signature',
      async () =>
        `${b64({ alg: 'none' })}.${b64({ sub: 'alice', tid: 'acme', iss: issuer, aud: audience, exp: now() + 300 })}.c2ln`,
    ],
    ['alg confusion: HS256 signed with the RSA public key', () => sign(new TextEncoder().encode(rsaPem), 'HS256')],
    ['expired', () => sign(rsa.privateKey, 'RS256', { exp: now() - 120 })],
    ['not yet valid', () => sign(rsa.privateKey, 'RS256', { nbf: now() + 120 })],
    ['wrong issuer', () => sign(rsa.privateKey, 'RS256', { iss: 'https://evil.example.com/' })],
    ['wrong audience', () => sign(rsa.privateKey, 'RS256', { aud: 'another-app' })],
    ['foreign key', () => sign(foreign.privateKey, 'RS256')],
    ['no exp', () => sign(rsa.privateKey, 'RS256', { exp: undefined })],
    [
      'RS384 not in the allowlist',
      async () => {
        const key = await generateKeyPair('RS384', { extractable: true });
        return sign(key.privateKey, 'RS384');
      },
    ],
    [
      'tampered payload',
      async () => {
        const [header, , signature] = (await sign(rsa.privateKey, 'RS256')).split('.');
        return `${header}.${b64({ sub: 'mallory', tid: 'acme', roles: ['admin'], iss: issuer, aud: audience, exp: now() + 300 })}.${signature}`;
      },
    ],
    ['missing tenant claim', () => sign(rsa.privateKey, 'RS256', { tid: undefined })],
    ['garbage', async () => 'not.a.jwt'],
  ];

  for (const [name, forge] of attacks) {
    it(name, async () => {
      const auth = createAuthenticator({ jwt: { publicKey: rsaPem, algorithms: ['RS256'], issuer, audience, claims } });
      const token = await forge();
      const error = await auth.authenticate(new Headers({ authorization: `Bearer ${token}` })).catch((e: unknown) => e);
      expect(CompanyChatError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'unauthenticated', statusCode: 401, message: UNAUTHENTICATED_MESSAGE });
      expect(JSON.stringify(error)).not.toMatch(/issuer|audience|signature|nbf|"exp"|alg/i);
    });
  }

  it('control: the genuine token passes the same authenticator', async () => {
    const auth = createAuthenticator({ jwt: { publicKey: rsaPem, algorithms: ['RS256'], issuer, audience, claims } });
    const token = await sign(rsa.privateKey, 'RS256');
    expect((await auth.authenticate(new Headers({ authorization: `Bearer ${token}` }))).userId).toBe('alice');
  });

  it('HS256 signed with the public key is also refused by a JWKS verifier', async () => {
    const verify = createJwtVerifier({ jwksUrl, algorithms: ['RS256'], issuer, audience, claims });
    const token = await sign(new TextEncoder().encode(rsaPem), 'HS256', {}, { kid: 'rsa' });
    await expect(verify(token)).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
