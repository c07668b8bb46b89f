import type { Owner, Principal } from '@company-chat/core';

/** Hono environment of the chat app. */
export interface AppEnv {
  Variables: {
    /** Who is asking; set by the identity middleware. */
    owner: Owner;
    /** The authenticated caller (roles, tier, how they signed in); set by the identity middleware. */
    principal: Principal;
    /** The client connection's signal, captured before any middleware replaces `c.req.raw`. */
    requestSignal: AbortSignal;
    /** Names the request in log lines and the `X-Request-Id` response header. */
    requestId: string;
  };
}
