import { unsafeWithMemberTenant } from '@/db/tenant';
import { isStorableText } from '@/server/services/records/storable-text';

/**
 * Crosses tenants: resolves an agency from its URL before its tenant can be set, members only.
 * The same lookup org procedures enter their agency with; here nothing runs in the tenant.
 */
export async function unsafeFindMembershipBySlug({ userId, slug }: { userId: string; slug: string }) {
  // A slug from a URL that no agency can have (a NUL) is nobody's: Postgres would refuse it as a 500.
  if (!isStorableText(slug)) return null;
  const entered = await unsafeWithMemberTenant({ userId, slug }, async (_tx, membership) => membership);
  return entered.member ? entered.value : null;
}
