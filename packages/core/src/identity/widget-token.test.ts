import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { mintWidgetToken, verifyWidgetToken } from './widget-token.js';

const secret = 'widget-secret-widget-secret-widget-secret';

describe('widget tokens', () => {
  it('round-trips the user as a widget-token principal', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u1', tenantId: 'acme', tier: 'pro' }, ttl: 60 });
    expect(await verifyWidgetToken(token, { secret })).toEqual({
      tenantId: 'acme',
      userId: 'u1',
      roles: ['user'],
      tier: 'pro',
      via: 'widget-token',
    });
  });

  it('is short-lived, typed and addressed to the widget audience', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u1' } });
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toEqual({ alg: 'HS256', typ: 'company-chat-widget' });
    expect(payload.aud).toBe('company-chat-widget');
    expect(payload.exp - payload.iat).toBe(600);
    expect(payload.tid).toBe('default');
  });

  it('refuses long lifetimes and short secrets', async () => {
    await expect(mintWidgetToken({ secret, user: { id: 'u1' }, ttl: 86_400 })).rejects.toThrow(RangeError);
    await expect(mintWidgetToken({ secret: 'short', user: { id: 'u1' } })).rejects.toThrow(/32 bytes/);
  });

  it('binds a token to the origin it was minted for', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u1' }, origin: 'https://intranet.example.com/page' });
    expect((await verifyWidgetToken(token, { secret, origin: 'https://intranet.example.com' })).userId).toBe('u1');
    await expect(verifyWidgetToken(token, { secret, origin: 'https://evil.example.com' })).rejects.toMatchObject({
      statusCode: 401,
    });
    await expect(verifyWidgetToken(token, { secret })).rejects.toMatchObject({ statusCode: 401 });
  });

  it('accepts a bound token without Origin only on a browser-marked same-origin request', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u1' }, origin: 'https://chat.example.com' });
    expect((await verifyWidgetToken(token, { secret, origin: null, sameOrigin: true })).userId).toBe('u1');
    // Server to server: no Origin, no Sec-Fetch-Site.
    await expect(verifyWidgetToken(token, { secret, origin: null, sameOrigin: false })).rejects.toMatchObject({
      statusCode: 401,
    });
    // An Origin that is present must match, whatever Sec-Fetch-Site says.
    await expect(
      verifyWidgetToken(token, { secret, origin: 'https://evil.example.com', sameOrigin: true }),
    ).rejects.toMatchObject({ statusCode: 401 });
  });

  it('rejects another secret, expiry and a look-alike token without the widget typ', async () => {
    const token = await mintWidgetToken({ secret, user: { id: 'u1' }, ttl: 60 });
    await expect(verifyWidgetToken(token, { secret: `${secret}-other` })).rejects.toMatchObject({
      code: 'unauthenticated',
    });
    const key = new TextEncoder().encode(secret);
    const expired = await new SignJWT({ tid: 'default' })
      .setProtectedHeader({ alg: 'HS256', typ: 'company-chat-widget' })
      .setIssuer('company-chat')
      .setAudience('company-chat-widget')
      .setSubject('u1')
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verifyWidgetToken(expired, { secret })).rejects.toMatchObject({ code: 'unauthenticated' });
    const untyped = await new SignJWT({ tid: 'default' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('company-chat')
      .setAudience('company-chat-widget')
      .setSubject('u1')
      .setExpirationTime('5m')
      .sign(key);
    await expect(verifyWidgetToken(untyped, { secret })).rejects.toMatchObject({ code: 'unauthenticated' });
  });
});
