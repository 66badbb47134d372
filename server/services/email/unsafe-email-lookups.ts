import { sql } from 'drizzle-orm';
import { execute, queryRows } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

/** Crosses tenants: a webhook names Resend's email id; the agency is whoever sent that email. */
export async function unsafeFindOutboundByProviderId(providerId: string): Promise<{ orgId: string; id: string } | null> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string; id: string }>(tx, sql`select org_id, id from outbound_emails where provider_id = ${providerId}`),
  );
  return row ? { orgId: row.org_id, id: row.id } : null;
}

/** Crosses tenants: inbound mail is routed by the token in its address before the agency is known. */
export async function unsafeFindConversationByToken(token: string): Promise<{ orgId: string; id: string; candidateId: string } | null> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string; id: string; candidate_id: string }>(tx, sql`select org_id, id, candidate_id from conversations where reply_token = ${token}`),
  );
  return row ? { orgId: row.org_id, id: row.id, candidateId: row.candidate_id } : null;
}

/** Crosses tenants: mail to an agency's inbound domain that names no conversation is still that agency's. */
export async function unsafeFindOrgByInboundDomain(domain: string): Promise<string | null> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ id: string }>(tx, sql`select id from organizations where inbound_domain = ${domain.toLowerCase()}`),
  );
  return row?.id ?? null;
}

/** Crosses tenants: Resend suppresses an address for the whole account; every agency that writes to it should know. */
export async function unsafeFindOrgsWithCandidateEmail(email: string): Promise<string[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ org_id: string }>(tx, sql`select distinct org_id from candidates where lower(email) = ${email.toLowerCase()}`),
  );
  return rows.map((r) => r.org_id);
}

export interface StoredEmailEvent {
  svixId: string;
  type: string;
  payload: Record<string, unknown>;
  processedAt: Date | null;
}

/** Platform table: webhook events belong to no agency until processed. */
export async function unsafeStoreEmailEvent(event: { svixId: string; type: string; payload: Record<string, unknown> }): Promise<boolean> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ svix_id: string }>(
      tx,
      sql`insert into email_events (svix_id, type, payload) values (${event.svixId}, ${event.type}, ${JSON.stringify(event.payload)}::jsonb)
          on conflict (svix_id) do nothing returning svix_id`,
    ),
  );
  return rows.length > 0;
}

export async function unsafeLoadEmailEvent(svixId: string): Promise<StoredEmailEvent | null> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ svix_id: string; type: string; payload: Record<string, unknown>; processed_at: Date | null }>(
      tx,
      sql`select svix_id, type, payload, processed_at from email_events where svix_id = ${svixId}`,
    ),
  );
  return row ? { svixId: row.svix_id, type: row.type, payload: row.payload, processedAt: row.processed_at } : null;
}

export async function unsafeMarkEmailEvent(svixId: string, result: { outcome: string } | { error: string }): Promise<void> {
  await unsafeWithSystemRole((tx) =>
    execute(tx, 
      'outcome' in result
        ? sql`update email_events set processed_at = now(), outcome = ${result.outcome}, attempts = attempts + 1, last_error = null where svix_id = ${svixId}`
        : sql`update email_events set attempts = attempts + 1, last_error = ${result.error} where svix_id = ${svixId}`,
    ),
  );
}

/**
 * Claims stored, unprocessed events for the queue (a lease, as on the outbox): new ones, and any
 * whose job was lost (a crash between storing and queueing, a worker that died).
 */
export async function unsafeClaimPendingEmailEvents(leaseSeconds: number, limit = 50): Promise<string[]> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ svix_id: string }>(
      tx,
      sql`update email_events set claimed_until = now() + make_interval(secs => ${leaseSeconds})
          where svix_id in (
            select svix_id from email_events
            where processed_at is null and (claimed_until is null or claimed_until < now())
            order by received_at limit ${limit}
            for update skip locked)
          returning svix_id`,
    ),
  );
  return rows.map((r) => r.svix_id);
}
