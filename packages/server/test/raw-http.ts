import { request } from 'node:http';

/** A response read whole. */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * Sends one request with node:http, from a chosen local address (any 127.x.y.z works on loopback, so a
 * test can play several clients) and with the path exactly as given: fetch would normalise `..` and
 * `%2e` segments before sending them.
 */
export function rawRequest(
  url: string,
  options: { method?: string; path?: string; body?: unknown; headers?: Record<string, string>; localAddress?: string },
): Promise<RawResponse> {
  const target = new URL(url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        method: options.method ?? (body ? 'POST' : 'GET'),
        path: options.path ?? target.pathname,
        localAddress: options.localAddress,
        headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
