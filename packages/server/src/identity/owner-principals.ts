import type { Owner, Principal } from '@company-chat/core';

// Keyed by the very `owner` object the identity middleware puts in `c.var.owner`, which routes hand to
// the engine unchanged: the metering wrapper finds the full principal without every route passing it.
const principals = new WeakMap<Owner, Principal>();

/** The owner object for a principal, remembered so {@link principalOf} can find the principal again. */
export function ownerFor(principal: Principal): Owner {
  const owner: Owner = { tenantId: principal.tenantId, userId: principal.userId };
  principals.set(owner, principal);
  return owner;
}

/** The principal an owner object was made for by {@link ownerFor}; undefined for other objects. */
export function principalOf(owner: Owner): Principal | undefined {
  return principals.get(owner);
}
