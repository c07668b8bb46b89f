import type { JWTPayload } from 'jose';
import { unauthenticated } from './auth-errors.js';
import { normalizeRoles, type Principal, type Role } from './principal.js';

/**
 * Where the fields of a {@link Principal} live in an identity provider's tokens. Claim names may be dot
 * paths (`realm_access.roles` for Keycloak).
 */
export interface ClaimMapping {
  /** Claim holding the user id. Default `sub`. */
  userId?: string;
  /** Claim holding the tenant id (e.g. `tid` for Entra ID, `org_id`). */
  tenantClaim?: string;
  /** Tenant for every token of this issuer (single-tenant deployments). Used when `tenantClaim` is unset. */
  tenant?: string;
  /** Claim holding roles: an array or a space/comma separated string. Default `roles`. */
  roles?: string;
  /** Claim holding the quota tier name. Default `tier`. */
  tier?: string;
  /** Roles when the token carries none. Default `['user']`. */
  defaultRoles?: Role[];
  /** Tier when the token carries none. Default `free`. */
  defaultTier?: string;
}

const idPattern = /^[\w.@:|+-]{1,256}$/;

/** Reads a possibly nested claim (`a.b.c`). */
export function readClaim(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Turns verified claims into a principal, or throws 401 when an id is missing or malformed. */
export function principalFromClaims(payload: JWTPayload, mapping: ClaimMapping, via: Principal['via']): Principal {
  const userId = readClaim(payload, mapping.userId ?? 'sub');
  const tenantId = mapping.tenantClaim === undefined ? mapping.tenant : readClaim(payload, mapping.tenantClaim);
  if (typeof userId !== 'string' || !idPattern.test(userId))
    throw unauthenticated('user id claim missing or malformed');
  if (typeof tenantId !== 'string' || !idPattern.test(tenantId)) {
    throw unauthenticated('tenant claim missing or malformed (set claims.tenant for a fixed tenant)');
  }
  const rawRoles = readClaim(payload, mapping.roles ?? 'roles');
  const roles = rawRoles === undefined ? [...(mapping.defaultRoles ?? ['user'])] : normalizeRoles(rawRoles);
  const tier = readClaim(payload, mapping.tier ?? 'tier');
  return {
    tenantId,
    userId,
    roles: roles.length > 0 ? roles : ['user'],
    tier: typeof tier === 'string' && idPattern.test(tier) ? tier : (mapping.defaultTier ?? 'free'),
    via,
  };
}
