import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import type { OutboxRef } from './outbox';

/**
 * Gives back claims this instance will not send (it is shutting down): due now, for any instance,
 * with the attempt the claim counted taken back. Only rows still `sending` change; one that was
 * sent meanwhile keeps its status.
 */
export async function releaseClaimedEmails(refs: OutboxRef[]): Promise<number> {
  let released = 0;
  const release = sql`set status = 'queued', attempts = greatest(attempts - 1, 0), next_attempt_at = now()`;
  for (const ref of refs) {
    const rows =
      ref.scope === 'system'
        ? await queryRows(getDb(), sql`update system_emails ${release} where id = ${ref.id} and status = 'sending' returning id`)
        : await withTenant(ref.orgId, (tx) =>
            queryRows(tx, sql`update outbound_emails ${release} where org_id = ${ref.orgId} and id = ${ref.id} and status = 'sending' returning id`),
          );
    released += rows.length;
  }
  return released;
}
