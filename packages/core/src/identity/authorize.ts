import { forbidden } from './auth-errors.js';
import { API_KEY_SCOPES, type ApiKeyScope, type Principal, type Role, WIDGET_TOKEN_SCOPES } from './principal.js';

/**
 * The scopes a principal holds: an API key its own; a widget token `chat` and `files`; a signed-in user
 * (identity-provider JWT, built-in account, development header) every scope, their roles deciding the rest.
 */
export function scopesOf(principal: Principal): readonly ApiKeyScope[] {
  if (principal.via === 'api-key') return principal.scopes ?? [];
  if (principal.via === 'widget-token') return WIDGET_TOKEN_SCOPES;
  return API_KEY_SCOPES;
}

/** What a request needs: one of `role` (when given) and one of `scope` (when given). */
export interface AccessNeed {
  role?: Role | readonly Role[];
  scope?: ApiKeyScope | readonly ApiKeyScope[];
}

const anyOf = <T>(need: T | readonly T[]): readonly T[] => (Array.isArray(need) ? need : [need as T]);

/**
 * Checks what a principal may do: it must hold one of `role` (when given) and one of `scope` (when
 * given, see {@link scopesOf}). Throws 403 `forbidden`.
 *
 * @example
 * ```ts
 * authorize(principal, { role: 'admin', scope: 'admin' });  // admin routes
 * authorize(principal, { scope: 'chat' });                  // chat routes
 * authorize(principal, { scope: ['chat', 'files'] });       // either scope
 * ```
 */
export function authorize(principal: Principal, need: AccessNeed): void {
  if (need.role !== undefined && !anyOf(need.role).some((role) => principal.roles.includes(role))) throw forbidden();
  if (need.scope !== undefined) {
    const held = scopesOf(principal);
    if (!anyOf(need.scope).some((scope) => held.includes(scope))) {
      throw forbidden(
        principal.via === 'api-key'
          ? 'This API key does not have the required scope.'
          : 'This credential cannot be used for this.',
      );
    }
  }
}
