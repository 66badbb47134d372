import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';
import type { OutboxRef } from './outbox';

/**
 * Crosses tenants: the delivery worker serves every agency. Claims due rows (queued, or sending
 * with an expired lease) with SKIP LOCKED and returns only their keys; each is then sent inside
 * its own agency's tenant.
 */
export async function unsafeClaimDueAgencyEmails(limit: number, leaseSeconds: number, onlyOrgId?: string): Promise<OutboxRef[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string; id: string }>(
      tx,
      sql`update outbound_emails set status = 'sending', attempts = attempts + 1,
            next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
          where (org_id, id) in (
            select org_id, id from outbound_emails
            where status in ('queued', 'sending') and next_attempt_at <= now()
              ${onlyOrgId ? sql`and org_id = ${onlyOrgId}` : sql``}
            order by next_attempt_at limit ${limit}
            for update skip locked)
          returning org_id, id`,
    ),
  );
  return rows.map((r) => ({ scope: 'agency', orgId: r.org_id, id: r.id }));
}
