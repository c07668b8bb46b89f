import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, normaliseAddress } from './client-address.js';

async function addressOf(trustProxy: number, env: unknown, headers: Record<string, string> = {}, cf?: object) {
  const app = new Hono();
  app.get('/', (c) => c.json({ address: clientAddress(c, trustProxy) ?? null }));
  const request = new Request('http://server.test/', { headers });
  if (cf) Object.defineProperty(request, 'cf', { value: cf });
  const response = await app.request(request, undefined, env);
  return ((await response.json()) as { address: string | null }).address;
}

const node = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

describe('clientAddress', () => {
  it('is the connection peer on Node and Bun, and CF-Connecting-IP on Workers', async () => {
    expect(await addressOf(0, node('192.0.2.1'))).toBe('192.0.2.1');
    expect(await addressOf(0, { requestIP: () => ({ address: '192.0.2.2', family: 'IPv4', port: 1 }) })).toBe(
      '192.0.2.2',
    );
    expect(await addressOf(0, {}, { 'cf-connecting-ip': '192.0.2.3' }, { colo: 'LIS' })).toBe('192.0.2.3');
    // Without Cloudflare's `cf` object the header is just a header anyone can send.
    expect(await addressOf(0, {}, { 'cf-connecting-ip': '192.0.2.3' })).toBeNull();
    expect(await addressOf(0, undefined)).toBeNull();
  });

  it('ignores X-Forwarded-For unless trustProxy says how many proxies append to it', async () => {
    const headers = { 'x-forwarded-for': '6.6.6.6, 198.51.100.1, 10.0.0.2' };
    expect(await addressOf(0, node('10.0.0.3'), headers)).toBe('10.0.0.3');
    expect(await addressOf(1, node('10.0.0.3'), headers)).toBe('10.0.0.2');
    expect(await addressOf(2, node('10.0.0.3'), headers)).toBe('198.51.100.1');
    expect(await addressOf(9, node('10.0.0.3'), headers)).toBe('6.6.6.6');
    expect(await addressOf(1, node('10.0.0.3'))).toBe('10.0.0.3');
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    ['::ffff:192.0.2.1', '192.0.2.1'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['2001:0db8:0000:0042:1234:5678:9abc:def0', '2001:db8:0:42::/64'],
    ['2001:db8:0:42::99%eth0', '2001:db8:0:42::/64'],
    ['::1', '0:0:0:0::/64'],
    ['FE80::1', 'fe80:0:0:0::/64'],
    ['not an address', 'not an address'],
  ])('%s → %s', (raw, normalised) => {
    expect(normaliseAddress(raw)).toBe(normalised);
  });
});
