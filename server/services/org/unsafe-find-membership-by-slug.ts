import { unsafeWithMemberTenant } from '@/db/tenant';

/**
 * Crosses tenants: resolves an agency from its URL before its tenant can be set, members only.
 * The same lookup org procedures enter their agency with; here nothing runs in the tenant.
 */
export async function unsafeFindMembershipBySlug({ userId, slug }: { userId: string; slug: string }) {
  const entered = await unsafeWithMemberTenant({ userId, slug }, async (_tx, membership) => membership);
  return entered.member ? entered.value : null;
}
