import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Tx } from '@/db/client';
import { newReplyToken } from '@/server/services/email/conversation-address';
import { ERASED_NAME, ERASED_SUBJECT, erasedEmailOf, type PrivacyCandidate } from './privacy-candidate';

/** What the agency held before an erasure: counts only, never the data itself (this goes to the audit log). */
export interface ErasureCounts {
  touches: number;
  touchesWithText: number;
  applications: number;
  interviews: number;
  conversations: number;
  emailsSent: number;
  emailsReceived: number;
  portalLinks: number;
  activePortalLinks: number;
  suppressions: number;
}

/** What the erasure changed, also counts only. */
export interface ErasureResult {
  erasedAt: Date;
  touchesErased: number;
  emailsSentScrubbed: number;
  emailsCancelled: number;
  emailsReceivedScrubbed: number;
  conversationsScrubbed: number;
  portalLinksRevoked: number;
  suppressionsRemoved: number;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function count(tx: Tx, query: SQL): Promise<number> {
  const [row] = await queryRows<{ n: number }>(tx, query);
  return row?.n ?? 0;
}

/**
 * Removes one candidate's personal data inside the caller's tenant transaction, keeping every row
 * that statistics count (touches with their kind, strength and timing, engagement, applications,
 * interviews) so the agency's figures stay right:
 * - touches: `body` and `meta` cleared by afterview_erase_candidate_touches (the ledger is
 *   append-only for the app; that function is the only way to clear what was said);
 * - emails sent: recipient, subject, bodies, headers and reply-to scrubbed; unsent ones cancelled;
 * - emails received (in the conversation, on the candidate's touches, or from their address,
 *   unrouted ones included): sender, recipients, subject, texts and Message-ID scrubbed;
 * - the conversation: subject replaced, reply token rotated (mail to the old address no longer
 *   lands on this record) and the Message-ID chain dropped;
 * - portal links revoked (they hold only hashes); the suppression of their address deleted;
 * - the candidate: name, email, phone, tags and source replaced; archived; erased_at set.
 * The caller has locked the candidate row and checked it is not erased yet.
 */
export async function scrubCandidate(
  { tx, orgId }: { tx: Tx; orgId: string },
  candidate: PrivacyCandidate,
  { actorUserId }: { actorUserId: string | null },
): Promise<{ before: ErasureCounts; after: ErasureResult }> {
  const id = candidate.id;
  const erasedEmail = erasedEmailOf(id);
  const email = candidate.email.trim().toLowerCase();
  const conversationIds = sql`(select cv.id from conversations cv where cv.org_id = ${orgId} and cv.candidate_id = ${id})`;
  const sentWhere = sql`e.org_id = ${orgId} and (e.candidate_id = ${id} or e.conversation_id in ${conversationIds})`;
  const receivedWhere = sql`r.org_id = ${orgId} and (
      r.conversation_id in ${conversationIds}
      or r.touch_id in (select t.id from touches t where t.org_id = ${orgId} and t.candidate_id = ${id})
      or (${email} <> '' and lower(trim(coalesce(substring(r.from_address from '<([^<>]+)>'), r.from_address))) = ${email}))`;

  const [before] = await queryRows<{
    touches: number;
    touches_with_text: number;
    applications: number;
    interviews: number;
    conversations: number;
    emails_sent: number;
    emails_received: number;
    portal_links: number;
    active_portal_links: number;
    suppressions: number;
  }>(
    tx,
    sql`select
          (select count(*)::int from touches t where t.org_id = ${orgId} and t.candidate_id = ${id}) as touches,
          (select count(*)::int from touches t where t.org_id = ${orgId} and t.candidate_id = ${id} and t.body is not null) as touches_with_text,
          (select count(*)::int from applications a where a.org_id = ${orgId} and a.candidate_id = ${id}) as applications,
          (select count(*)::int from interviews i where i.org_id = ${orgId} and i.candidate_id = ${id}) as interviews,
          (select count(*)::int from conversations cv where cv.org_id = ${orgId} and cv.candidate_id = ${id}) as conversations,
          (select count(*)::int from outbound_emails e where ${sentWhere}) as emails_sent,
          (select count(*)::int from inbound_emails r where ${receivedWhere}) as emails_received,
          (select count(*)::int from portal_links l where l.org_id = ${orgId} and l.candidate_id = ${id}) as portal_links,
          (select count(*)::int from portal_links l where l.org_id = ${orgId} and l.candidate_id = ${id} and l.revoked_at is null) as active_portal_links,
          (select count(*)::int from suppressions s where s.org_id = ${orgId} and s.email = ${email}) as suppressions`,
  );

  // An email still waiting to go out would now go to nobody with nothing in it: it is cancelled.
  const emailsCancelled = await count(
    tx,
    sql`with u as (
          update outbound_emails e set status = 'failed', last_error = 'Not sent: the candidate was erased.', status_at = now(), secrets = null
          where ${sentWhere} and e.status in ('queued', 'sending') returning 1)
        select count(*)::int as n from u`,
  );
  const emailsSentScrubbed = await count(
    tx,
    sql`with u as (
          update outbound_emails e set to_address = ${erasedEmail}, reply_to = null, subject = ${ERASED_SUBJECT}, html = '', text = '', secrets = null,
            headers = '{}'::jsonb, last_error = ${email ? sql`regexp_replace(e.last_error, ${escapeRegex(email)}, ${erasedEmail}, 'gi')` : sql`e.last_error`}
          where ${sentWhere} returning 1)
        select count(*)::int as n from u`,
  );
  const emailsReceivedScrubbed = await count(
    tx,
    sql`with u as (
          update inbound_emails r set from_address = ${erasedEmail}, to_addresses = '{}'::text[], subject = ${ERASED_SUBJECT},
            text = '', full_text = '', message_id = null
          where ${receivedWhere} returning 1)
        select count(*)::int as n from u`,
  );
  const conversationsScrubbed = await count(
    tx,
    sql`with u as (
          update conversations set subject = ${ERASED_SUBJECT}, reply_token = ${newReplyToken()}, last_message_id = null,
            "references" = '{}'::text[], updated_at = now()
          where org_id = ${orgId} and candidate_id = ${id} returning 1)
        select count(*)::int as n from u`,
  );
  const portalLinksRevoked = await count(
    tx,
    sql`with u as (
          update portal_links set revoked_at = now(), revoked_by = ${actorUserId}
          where org_id = ${orgId} and candidate_id = ${id} and revoked_at is null returning 1)
        select count(*)::int as n from u`,
  );
  // Kept, it would be the one place the address survives; the candidate row can no longer be mailed anyway.
  const suppressionsRemoved = await count(
    tx,
    sql`with d as (delete from suppressions where org_id = ${orgId} and email = ${email} returning 1) select count(*)::int as n from d`,
  );
  // The ledger is append-only for this role: the SECURITY DEFINER function clears body and meta
  // of this candidate's touches in the current tenant only, and keeps the rows.
  const touchesErased = await count(tx, sql`select afterview_erase_candidate_touches(${id}::uuid) as n`);

  const [updated] = await queryRows<{ erased_at: Date }>(
    tx,
    sql`update candidates set name = ${ERASED_NAME}, email = ${erasedEmail}, phone = null, tags = '{}'::text[], source = null,
          archived_at = coalesce(archived_at, now()), erased_at = now(), updated_at = now()
        where org_id = ${orgId} and id = ${id} returning erased_at`,
  );
  if (!updated) throw new Error('scrubCandidate: the candidate vanished');

  return {
    before: {
      touches: before?.touches ?? 0,
      touchesWithText: before?.touches_with_text ?? 0,
      applications: before?.applications ?? 0,
      interviews: before?.interviews ?? 0,
      conversations: before?.conversations ?? 0,
      emailsSent: before?.emails_sent ?? 0,
      emailsReceived: before?.emails_received ?? 0,
      portalLinks: before?.portal_links ?? 0,
      activePortalLinks: before?.active_portal_links ?? 0,
      suppressions: before?.suppressions ?? 0,
    },
    after: {
      erasedAt: updated.erased_at,
      touchesErased,
      emailsSentScrubbed,
      emailsCancelled,
      emailsReceivedScrubbed,
      conversationsScrubbed,
      portalLinksRevoked,
      suppressionsRemoved,
    },
  };
}
