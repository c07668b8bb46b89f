import { forbidden } from './auth-errors.js';
import type { ApiKeyScope, Principal, Role } from './principal.js';

/**
 * Checks what a principal may do: it must hold `role` (when given), and an API key must also carry
 * `scope` (when given). Other principals are not scoped. Throws 403 `forbidden`.
 *
 * @example
 * ```ts
 * authorize(principal, { role: 'admin', scope: 'admin' }); // admin routes
 * authorize(principal, { scope: 'chat' });                 // chat routes
 * ```
 */
export function authorize(principal: Principal, need: { role?: Role; scope?: ApiKeyScope }): void {
  if (need.role !== undefined && !principal.roles.includes(need.role)) throw forbidden();
  if (need.scope !== undefined && principal.via === 'api-key' && !principal.scopes?.includes(need.scope)) {
    throw forbidden('This API key does not have the required scope.');
  }
}
