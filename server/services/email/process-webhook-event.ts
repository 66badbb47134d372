import { sql } from 'drizzle-orm';
import type { Resend } from 'resend';
import { execute, queryRows, type Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import type { OutboundEmailStatus } from '@/db/schema';
import { recordTouch } from '@/server/services/touches/record-touch';
import { routeInboundEmail } from './route-inbound-email';
import {
  unsafeFindOrgsWithCandidateEmail,
  unsafeFindOutboundByProviderId,
  unsafeLoadEmailEvent,
  unsafeMarkEmailEvent,
} from './unsafe-email-lookups';

/** Order of an email's life: a late or repeated event never moves it back. */
export const EMAIL_STATUS_RANK: Record<OutboundEmailStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delayed: 3,
  delivered: 4,
  failed: 5,
  bounced: 6,
  complained: 7,
};

const DELIVERY_STATUS: Record<string, OutboundEmailStatus> = {
  'email.sent': 'sent',
  'email.delivery_delayed': 'delayed',
  'email.delivered': 'delivered',
  'email.bounced': 'bounced',
  'email.complained': 'complained',
};

const ENGAGEMENT_KIND = { 'email.opened': 'email_open', 'email.clicked': 'email_click' } as const;

interface EventData {
  email_id?: string;
  to?: string[] | string;
  email?: string;
  /** suppression.added: the email that caused it. */
  source_id?: string;
  created_at?: string;
  bounce?: { message?: string; type?: string; subType?: string };
  click?: { link?: string };
}

function rankCase(): ReturnType<typeof sql> {
  return sql.raw(
    `case status ${Object.entries(EMAIL_STATUS_RANK)
      .map(([status, rank]) => `when '${status}' then ${rank}`)
      .join(' ')} end`,
  );
}

async function suppress(tx: Tx, orgId: string, email: string, reason: string, detail: string | null, eventId: string): Promise<void> {
  await execute(tx, 
    sql`insert into suppressions (org_id, email, reason, detail, event_id) values (${orgId}, ${email.toLowerCase()}, ${reason}, ${detail}, ${eventId})
        on conflict (org_id, email) do nothing`,
  );
}

function eventTime(data: EventData, fallback: Date): Date {
  const parsed = data.created_at ? new Date(data.created_at) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : fallback;
}

async function applyToOutbound(svixId: string, type: string, data: EventData, now: Date): Promise<string> {
  if (!data.email_id) return 'ignored: no email_id';
  const email = await unsafeFindOutboundByProviderId(data.email_id);
  if (!email) return 'ignored: not an agency email';
  return withTenant(email.orgId, async (tx) => {
    const [row] = await queryRows<{ candidate_id: string | null; to_address: string; track: boolean; touch_id: string | null }>(
      tx,
      sql`select e.candidate_id, e.to_address, o.track_engagement as track, e.touch_id
          from outbound_emails e join organizations o on o.id = e.org_id
          where e.org_id = ${email.orgId} and e.id = ${email.id}`,
    );
    if (!row) return 'ignored: email gone';

    const status = DELIVERY_STATUS[type];
    if (status) {
      const rank = EMAIL_STATUS_RANK[status];
      const detail = type === 'email.bounced' ? [data.bounce?.type, data.bounce?.subType, data.bounce?.message].filter(Boolean).join(' · ') || null : null;
      await execute(tx, 
        sql`update outbound_emails set status = ${status}, status_at = now(), last_error = coalesce(${detail}, last_error)
            where org_id = ${email.orgId} and id = ${email.id} and ${rankCase()} < ${rank}`,
      );
      if (status === 'bounced' || status === 'complained') await suppress(tx, email.orgId, row.to_address, status, detail, svixId);
      return `status: ${status}`;
    }

    const kind = ENGAGEMENT_KIND[type as keyof typeof ENGAGEMENT_KIND];
    if (kind) {
      // Opens and clicks are tracked only where the agency chose to: the candidate did not consent by default.
      if (!row.track || !row.candidate_id) return 'ignored: tracking is off';
      await recordTouch(
        { tx, orgId: email.orgId },
        {
          candidateId: row.candidate_id,
          kind,
          direction: 'inbound',
          channel: 'email',
          occurredAt: eventTime(data, now),
          dedupeKey: `webhook:${svixId}`,
          meta: { emailId: email.id, ...(data.click?.link ? { link: data.click.link } : {}) },
        },
      );
      return `touch: ${kind}`;
    }
    return `ignored: ${type}`;
  });
}

async function applySuppression(svixId: string, data: EventData): Promise<string> {
  const address = (typeof data.email === 'string' ? data.email : Array.isArray(data.to) ? data.to[0] : data.to)?.toLowerCase();
  if (!address) return 'ignored: no address';
  const sourceId = data.source_id ?? data.email_id;
  const byEmail = sourceId ? await unsafeFindOutboundByProviderId(sourceId) : null;
  const orgs = byEmail ? [byEmail.orgId] : await unsafeFindOrgsWithCandidateEmail(address);
  for (const orgId of orgs) await withTenant(orgId, (tx) => suppress(tx, orgId, address, 'suppressed by Resend', null, svixId));
  return `suppressed in ${orgs.length} agencies`;
}

/**
 * Processes one stored webhook event, in a queue job. Safe to run again: status moves only
 * forward, suppressions and touches are keyed, and a processed event is skipped.
 */
export async function processWebhookEvent(svixId: string, options: { now?: Date; resend?: Resend | null } = {}): Promise<string> {
  const now = options.now ?? new Date();
  const event = await unsafeLoadEmailEvent(svixId);
  if (!event) return 'missing';
  if (event.processedAt) return 'already processed';
  const data = (event.payload.data ?? {}) as EventData;
  try {
    let outcome: string;
    if (event.type === 'email.received') outcome = await routeInboundEmail(data.email_id ?? '', { now, resend: options.resend });
    else if (event.type === 'suppression.added') outcome = await applySuppression(svixId, data);
    else outcome = await applyToOutbound(svixId, event.type, data, now);
    await unsafeMarkEmailEvent(svixId, { outcome });
    return outcome;
  } catch (error) {
    await unsafeMarkEmailEvent(svixId, { error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
    throw error;
  }
}
