import type { IncomingMessage } from 'node:http';

/** A user of the host app, as its own login knows them. */
export interface HostUser {
  id: string;
  name: string;
}

/**
 * The host app's own login, reduced to the minimum: a session id in an HttpOnly cookie mapped to a user.
 * A real app has SSO or a password here; the chat only needs to know who is logged in.
 */
export function createSessions() {
  const sessions = new Map<string, HostUser>();
  return {
    /** Starts a session and returns its `Set-Cookie` header. */
    start(user: HostUser): string {
      const id = crypto.randomUUID();
      sessions.set(id, user);
      return `sid=${id}; HttpOnly; SameSite=Lax; Path=/`;
    },
    /** Ends the session and returns the `Set-Cookie` header that clears it. */
    end(req: IncomingMessage): string {
      const id = sessionId(req);
      if (id) sessions.delete(id);
      return 'sid=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0';
    },
    /** The logged-in user of a request, if any. */
    user(req: IncomingMessage): HostUser | undefined {
      const id = sessionId(req);
      return id ? sessions.get(id) : undefined;
    },
  };
}

function sessionId(req: IncomingMessage): string | undefined {
  return /(?:^|;\s*)sid=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
}
