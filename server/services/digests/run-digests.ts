import { renderTemplate } from '@/emails';
import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { EmailSecrets } from '@/server/email/email-secrets';
import { AppError } from '@/server/errors';
import { kickDelivery } from '@/server/jobs/worker';
import { assertNotSuppressed, loadMailSettings, queueOutboundEmail } from '@/server/services/email/queue-outbound-email';
import { unsafeListAgenciesForJobs } from '@/server/services/org/unsafe-list-agencies-for-jobs';
import type { ServiceContext } from '@/server/services/types';
import { composeDigests, type ComposedDigest } from './compose-digests';
import { digestDay } from './digest-day';

export { DIGEST_HOUR } from './digest-day';

export interface AgencyDigestResult {
  orgId: string;
  /** The agency-local date whose digest was due, or null before DIGEST_HOUR. */
  date: string | null;
  /** Digests written to the outbox by this run. */
  queued: number;
  /** Recipients whose address is suppressed (bounced, complained). */
  suppressed: number;
  failed: number;
}

/** A job acts for nobody: it has no user, and the outbox row says so (createdBy null). */
function jobContext(tx: Tx, orgId: string): ServiceContext {
  return { tx, actor: { userId: '', orgId, role: 'owner' } };
}

async function queueDigest(ctx: ServiceContext, digest: ComposedDigest): Promise<'queued' | 'duplicate' | 'suppressed'> {
  try {
    await assertNotSuppressed(ctx, digest.to);
  } catch (error) {
    if (error instanceof AppError) return 'suppressed';
    throw error;
  }
  const org = await loadMailSettings(ctx);
  // The unsubscribe link never expires and needs no sign-in: a secret like the others, so the
  // stored email and its List-Unsubscribe header hold a placeholder until the send.
  const secrets = new EmailSecrets();
  const unsubscribe = secrets.link('unsub', digest.props.unsubscribeUrl);
  const rendered = await renderTemplate('daily-digest', { ...digest.props, unsubscribeUrl: unsubscribe });
  const { queued } = await queueOutboundEmail(ctx, {
    kind: 'daily_digest',
    candidateId: null,
    to: digest.to,
    subject: rendered.subject,
    html: rendered.html,
    text: rendered.text,
    org,
    fallbackReplyTo: null,
    dedupeKey: digest.dedupeKey,
    createdBy: null,
    // RFC 8058: mail clients offer "Unsubscribe" and post to the link themselves, with no page in between.
    extraHeaders: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    secrets,
  });
  return queued ? 'queued' : 'duplicate';
}

/**
 * The daily digest sweep, run every few minutes: for each agency whose local clock has reached
 * DIGEST_HOUR, queues today's digest for every opted-in member who has something in it. Each
 * email is its own transaction with a dedupe key per member and local date, so any number of
 * runs and instances send it once; one agency's or member's failure is logged and the rest go on.
 */
export async function runDigests(now = new Date(), { orgIds }: { orgIds?: string[] } = {}): Promise<AgencyDigestResult[]> {
  const results: AgencyDigestResult[] = [];
  const agencies = (await unsafeListAgenciesForJobs()).filter((a) => !orgIds || orgIds.includes(a.orgId));
  for (const agency of agencies) {
    const result: AgencyDigestResult = { orgId: agency.orgId, date: null, queued: 0, suppressed: 0, failed: 0 };
    results.push(result);
    let digests: ComposedDigest[];
    try {
      const day = digestDay(now, agency.timeZone);
      if (!day.due) continue;
      result.date = day.date;
      digests = await withTenant(agency.orgId, (tx) => composeDigests(jobContext(tx, agency.orgId), { agency, day, now }));
    } catch (error) {
      console.error(`[digests] agency ${agency.orgId}: composing digests failed`, error);
      result.failed += 1;
      continue;
    }
    for (const digest of digests) {
      try {
        const outcome = await withTenant(agency.orgId, (tx) => queueDigest(jobContext(tx, agency.orgId), digest));
        if (outcome === 'queued') result.queued += 1;
        if (outcome === 'suppressed') result.suppressed += 1;
      } catch (error) {
        console.error(`[digests] agency ${agency.orgId}: queueing the digest of member ${digest.userId} failed`, error);
        result.failed += 1;
      }
    }
    if (result.queued > 0 || result.failed > 0) {
      console.log(`[digests] agency ${agency.orgId}: ${result.queued} digest(s) for ${result.date}${result.failed ? `, ${result.failed} failed` : ''}`);
    }
  }
  if (results.some((r) => r.queued > 0)) kickDelivery();
  return results;
}
