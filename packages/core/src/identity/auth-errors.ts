import { CompanyChatError } from '../errors/company-chat-error.js';

/**
 * The one message every authentication failure gets. Saying which check failed (expired? wrong
 * audience? unknown key?) would help an attacker probe; the reason goes to the server log instead.
 */
export const UNAUTHENTICATED_MESSAGE = 'Authentication required: the credentials are missing, invalid or expired.';

/** An authentication failure whose `reason` is for logs only. */
export class AuthenticationError extends CompanyChatError {
  /** Why it failed, for operators. Never sent to the client (`toJSON()` omits it). */
  readonly reason: string;

  constructor(reason: string, cause?: unknown) {
    super({ code: 'unauthenticated', message: UNAUTHENTICATED_MESSAGE, cause });
    this.name = 'AuthenticationError';
    this.reason = reason;
  }
}

/** 401 with a generic message; `reason` is kept for the log. */
export function unauthenticated(reason: string, cause?: unknown): AuthenticationError {
  return new AuthenticationError(reason, cause);
}

/** 403: the caller is known but may not do this. */
export function forbidden(message = 'You do not have access to this.'): CompanyChatError {
  return new CompanyChatError({ code: 'forbidden', message });
}
