import { CompanyChatError } from '@company-chat/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app/app-env.js';

/** The user assumed in development mode when a request names none. */
export const DEV_USER_ID = 'dev-user';
/** Tenant of every user until the identity issue lands. */
export const DEFAULT_TENANT_ID = 'default';

const userIdPattern = /^[A-Za-z0-9._@:-]{1,128}$/;

/**
 * Stand-in identity until real authentication lands (it replaces this middleware and sets `c.var.owner`).
 * In development mode the user is whoever the `X-User-Id` header names (or {@link DEV_USER_ID} when it
 * is absent), because nothing can verify it. Outside development mode every request is rejected 401:
 * trusting a client-chosen header in production would let anyone read anyone's conversations.
 */
export function devIdentity(options: { dev: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!options.dev) {
      throw new CompanyChatError({
        code: 'unauthenticated',
        message:
          'No identity provider is configured. Until authentication is set up the server only runs in development mode (COMPANY_CHAT_DEV=1 or --dev), where X-User-Id names the user.',
      });
    }
    const header = c.req.header('x-user-id');
    if (header !== undefined && !userIdPattern.test(header)) {
      throw new CompanyChatError({
        code: 'invalid_request',
        message: 'X-User-Id must be 1-128 characters of letters, digits and . _ @ : -',
      });
    }
    c.set('owner', { tenantId: DEFAULT_TENANT_ID, userId: header ?? DEV_USER_ID });
    await next();
  };
}
