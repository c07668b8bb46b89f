import { CompanyChatError } from '@company-chat/core';

// The few parts of Bun's API the adapter uses, typed here so the package needs no `bun-types`
// (whose globals would clash with @types/node in the same compilation).

/** The `Bun.serve()` options the adapter passes. */
export interface BunServeConfig {
  /** Bun passes its server, whose `requestIP()` gives the client address. */
  fetch(request: Request, server: BunServer): Response | Promise<Response>;
  port: number;
  hostname: string;
  /** Seconds a connection may stay silent before Bun closes it (max 255, 0 = never). */
  idleTimeout: number;
}

/** The server `Bun.serve()` returns (the parts the adapter uses). */
export interface BunServer {
  readonly port: number;
  readonly hostname: string;
  /** Stops listening; `true` also closes active connections. Resolves when all connections are closed. */
  stop(closeActiveConnections?: boolean): Promise<void>;
  /** The peer address of a request's connection. */
  requestIP(request: Request): { address: string; family: string; port: number } | null;
}

interface BunGlobal {
  serve(config: BunServeConfig): BunServer;
}

/** The `Bun` global, or a clear error when the adapter is imported outside Bun. */
export function bunRuntime(): BunGlobal {
  const bun = (globalThis as { Bun?: BunGlobal }).Bun;
  if (!bun)
    throw new CompanyChatError({
      code: 'not_supported',
      message: '@company-chat/server/bun runs on Bun only; on Node use @company-chat/server/node.',
    });
  return bun;
}
