import { once } from 'node:events';
import { createConnection, createServer, type Server, type Socket } from 'node:net';

/** A loopback TCP proxy that a test can cut (refused or black-holed) and restore. */
export interface TcpProxy {
  /** The port clients connect to (the same after a restore). */
  readonly port: number;
  /** `postgres://...`/`redis://...` URL of the target with its host and port replaced by the proxy's. */
  rewrite(url: string): string;
  /** Closes every connection and stops listening: new connections are refused (ECONNREFUSED). */
  refuse(): Promise<void>;
  /** Keeps connections open but forwards nothing, either way: the database "stops answering". */
  blackhole(): void;
  /** Forwards again. Black-holed connections are closed (as their peers would have given up on them). */
  restore(): Promise<void>;
  /** How many client connections are open now. */
  readonly connections: number;
  close(): Promise<void>;
}

/**
 * Starts a proxy on 127.0.0.1 in front of `target` (e.g. the test PostgreSQL or Redis), for outage tests
 * of the real drivers: they see a real refused or silent socket, not a mocked error.
 */
export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: 'open' | 'refused' | 'blackholed' = 'open';
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const onConnection = (client: Socket) => {
    track(client);
    if (state !== 'open') return; // black-holed: accepted, never answered
    const upstream = createConnection(target);
    track(upstream);
    // Data is dropped, not buffered, while black-holed: a silent network, not a slow one.
    client.on('data', (chunk) => {
      if (state === 'open') upstream.write(chunk);
    });
    upstream.on('data', (chunk) => {
      if (state === 'open') client.write(chunk);
    });
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  };

  let server: Server = createServer(onConnection);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;

  const closeServer = async (s: Server) => {
    const closed = new Promise<void>((resolve) => s.close(() => resolve()));
    for (const socket of sockets) socket.destroy();
    await closed;
  };

  return {
    port,
    rewrite(url) {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    async refuse() {
      if (state === 'refused') return;
      state = 'refused';
      await closeServer(server);
    },
    blackhole() {
      state = 'blackholed';
    },
    async restore() {
      if (state === 'refused') {
        server = createServer(onConnection);
        server.listen(port, '127.0.0.1');
        await once(server, 'listening');
      } else if (state === 'blackholed') {
        for (const socket of sockets) socket.destroy();
      }
      state = 'open';
    },
    get connections() {
      return sockets.size;
    },
    async close() {
      state = 'refused';
      if (server.listening) await closeServer(server);
      for (const socket of sockets) socket.destroy();
    },
  };
}
