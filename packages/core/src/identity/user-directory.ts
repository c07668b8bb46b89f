import type { AccountStatus } from './account-store.js';
import type { Role } from './principal.js';

/** A user as the admin API sees it, however they sign in (identity provider, widget token, account). */
export interface UserRecord {
  tenantId: string;
  id: string;
  email: string | null;
  displayName: string | null;
  roles: Role[];
  tier: string;
  status: AccountStatus;
  /** True for built-in accounts (email + password). */
  hasPassword: boolean;
  createdAt: Date;
}

/** What an admin may change about a user. */
export type UserPatch = Partial<Pick<UserRecord, 'roles' | 'tier' | 'status' | 'displayName'>>;

/** Paging and search of {@link UserDirectory.list}. */
export interface ListUsersQuery {
  /** Case-insensitive substring of id, email or display name. */
  search?: string;
  status?: AccountStatus;
  /** Default 50, at most 500. */
  limit?: number;
  offset?: number;
}

/**
 * Every user of a tenant: built-in accounts and users first seen through an identity provider, a widget
 * token or an API key. It holds what admins manage: suspension (checked on every request), tier and
 * roles. Implementations: memory and SQL (`users`, migrations 0001 + 0003).
 */
export interface UserDirectory {
  get(tenantId: string, id: string): Promise<UserRecord | null>;
  list(tenantId: string, query?: ListUsersQuery): Promise<{ users: UserRecord[]; total: number }>;
  /** Adds the user when missing (first sight or admin create); returns the stored record either way. */
  ensure(user: Pick<UserRecord, 'tenantId' | 'id'> & Partial<UserRecord>): Promise<UserRecord>;
  update(tenantId: string, id: string, patch: UserPatch): Promise<UserRecord | null>;
  delete(tenantId: string, id: string): Promise<boolean>;
}
