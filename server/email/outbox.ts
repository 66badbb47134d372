import { sql } from 'drizzle-orm';
import { execute, getDb, queryRows, type Executor } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { EmailSecretsError, fillEmailSecrets, openEmailSecrets, redactSecretLinks, secretsAad } from './email-secrets';
import { platformFrom } from './from-address';
import { mailTransport, type MailTransport, type OutgoingEmail, type SendResult } from './transport';
import { unsafeClaimDueAgencyEmails } from './unsafe-claim-due-agency-emails';

export const MAX_ATTEMPTS = 8;
/** How long a claimed email belongs to its worker: one that dies mid-send leaves it to be claimed again. */
export const LEASE_SECONDS = 120;

/** An outbox row: platform mail (sign-in links) or an agency's mail, which lives in its tenant. */
export type OutboxRef = { scope: 'system'; id: string } | { scope: 'agency'; orgId: string; id: string };

/** Exponential backoff with full jitter, capped at ten minutes; `retry-after` wins when longer. */
export function backoffMs(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(600_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

export function idempotencyKeyOf(ref: OutboxRef): string {
  return ref.scope === 'system' ? `system_emails/${ref.id}` : `outbound_emails/${ref.id}`;
}

/**
 * Claims due platform emails with SKIP LOCKED (several instances may sweep at once). A claim is a
 * lease: the row is `sending` until the lease runs out, then due again.
 */
async function claimDueSystemEmails(limit: number): Promise<OutboxRef[]> {
  const rows = await queryRows<{ id: string }>(
    getDb(),
    sql`update system_emails set status = 'sending', attempts = attempts + 1,
          next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
        where id in (
          select id from system_emails
          where status in ('queued', 'sending') and next_attempt_at <= now()
          order by next_attempt_at limit ${limit}
          for update skip locked)
        returning id`,
  );
  return rows.map((r) => ({ scope: 'system', id: r.id }));
}

/** Claims every due email, platform and agency, up to `limit` of each. */
export async function claimDueEmails(limit = 20): Promise<OutboxRef[]> {
  const system = await claimDueSystemEmails(limit);
  const agency = await unsafeClaimDueAgencyEmails(limit, LEASE_SECONDS);
  return [...system, ...agency];
}

interface ClaimedEmail extends Record<string, unknown> {
  from_address: string;
  to_address: string;
  reply_to: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  secrets: string | null;
  attempts: number;
  suppressed: boolean;
}

function inScope<T>(ref: OutboxRef, fn: (exec: Executor) => Promise<T>): Promise<T> {
  return ref.scope === 'system' ? fn(getDb()) : withTenant(ref.orgId, fn);
}

async function loadClaimed(ref: OutboxRef): Promise<ClaimedEmail | undefined> {
  return inScope(ref, async (exec) => {
    const [row] = await queryRows<ClaimedEmail>(
      exec,
      ref.scope === 'system'
        ? sql`select ${platformFrom()} as from_address, "to" as to_address, null as reply_to, subject, html, text, '{}'::jsonb as headers, secrets, attempts, false as suppressed
              from system_emails where id = ${ref.id} and status = 'sending'`
        : sql`select e.from_address, e.to_address, e.reply_to, e.subject, e.html, e.text, e.headers, e.secrets, e.attempts,
                exists (select 1 from suppressions s where s.org_id = e.org_id and s.email = lower(e.to_address)) as suppressed
              from outbound_emails e where e.org_id = ${ref.orgId} and e.id = ${ref.id} and e.status = 'sending'`,
    );
    return row;
  });
}

export type DeliveryOutcome = 'sent' | 'retried' | 'failed' | 'skipped';

/**
 * The stored copy as it stays once the email is done with: no sealed links, and no live link in
 * plain text either (an email queued before links were sealed carries them inline; they go now).
 */
function doneWith(ref: OutboxRef, stored: ClaimedEmail) {
  const html = redactSecretLinks(stored.html);
  const text = redactSecretLinks(stored.text);
  const headers = Object.fromEntries(Object.entries(stored.headers).map(([name, value]) => [name, redactSecretLinks(value)]));
  const changed = html !== stored.html || text !== stored.text || JSON.stringify(headers) !== JSON.stringify(stored.headers);
  if (!changed) return sql`, secrets = null`;
  const withHeaders = ref.scope === 'agency' ? sql`, headers = ${JSON.stringify(headers)}::jsonb` : sql``;
  return sql`, secrets = null, html = ${html}, text = ${text} ${withHeaders}`;
}

async function record(ref: OutboxRef, result: SendResult, stored: ClaimedEmail): Promise<DeliveryOutcome> {
  const { attempts } = stored;
  const table = sql.identifier(ref.scope === 'system' ? 'system_emails' : 'outbound_emails');
  const statusAt = ref.scope === 'agency' ? sql`, status_at = now()` : sql``;
  const where = ref.scope === 'system' ? sql`id = ${ref.id}` : sql`org_id = ${ref.orgId} and id = ${ref.id}`;
  return inScope(ref, async (exec) => {
    if (result.ok) {
      // A webhook may already have moved it further (delivered); only a row still sending becomes sent.
      await execute(exec, 
        sql`update ${table} set status = case when status = 'sending' then 'sent' else status end, provider_id = ${result.providerId},
              sent_at = coalesce(sent_at, now()), last_error = null ${statusAt} ${doneWith(ref, stored)} where ${where}`,
      );
      return 'sent';
    }
    if (result.retryable && attempts < MAX_ATTEMPTS) {
      const delay = backoffMs(attempts, result.retryAfterMs);
      await execute(exec, 
        sql`update ${table} set status = 'queued', last_error = ${result.error}, next_attempt_at = now() + make_interval(secs => ${delay / 1000}) where ${where}`,
      );
      return 'retried';
    }
    await execute(exec, sql`update ${table} set status = 'failed', last_error = ${result.error} ${statusAt} ${doneWith(ref, stored)} where ${where}`);
    console.error(`[mail] ${idempotencyKeyOf(ref)} failed for good: ${result.error}`);
    return 'failed';
  });
}

/**
 * Sends one claimed email with its outbox id as the idempotency key and records what happened:
 * sent, queued again with backoff (429, 5xx, network), or failed with the reason (4xx, too many
 * attempts, a suppressed address).
 */
export async function deliverClaimedEmail(ref: OutboxRef, transport: MailTransport = mailTransport()): Promise<DeliveryOutcome> {
  const row = await loadClaimed(ref);
  if (!row) return 'skipped';
  if (row.suppressed) {
    return record(ref, { ok: false, retryable: false, error: `suppressed: ${row.to_address} bounced or complained before; not sent` }, row);
  }
  let filled: { html: string; text: string; headers: Record<string, string> };
  try {
    // The live links are put in here, in memory, just before the send; the row keeps its placeholders.
    const links = row.secrets ? openEmailSecrets(row.secrets, secretsAad(ref)) : new Map<string, string>();
    filled = fillEmailSecrets({ html: row.html, text: row.text, headers: row.headers }, links);
  } catch (error) {
    if (!(error instanceof EmailSecretsError)) throw error;
    // Never sent with a placeholder where its link should be: the sender sends a new one instead.
    return record(ref, { ok: false, retryable: false, error: `not sent: ${error.message}; send it again to make a new link` }, row);
  }
  const email: OutgoingEmail = {
    from: row.from_address,
    to: [row.to_address],
    subject: row.subject,
    html: filled.html,
    text: filled.text,
    replyTo: row.reply_to ?? undefined,
    headers: Object.keys(filled.headers).length > 0 ? filled.headers : undefined,
  };
  const result = await transport
    .send(email, { idempotencyKey: idempotencyKeyOf(ref) })
    .catch((error: unknown): SendResult => ({ ok: false, retryable: true, error: error instanceof Error ? error.message : String(error) }));
  return record(ref, result, row);
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Claims and sends what is due, here and now: platform mail, agency mail, or one agency's mail
 * (`orgId`). The queue worker does the same through jobs; tests and operators call it directly.
 */
export async function deliverDueEmails(
  options: { limit?: number; transport?: MailTransport; scope?: OutboxRef['scope']; orgId?: string } = {},
): Promise<DeliveryReport> {
  const limit = options.limit ?? 20;
  const refs =
    options.scope === 'system'
      ? await claimDueSystemEmails(limit)
      : options.scope === 'agency' || options.orgId
        ? await unsafeClaimDueAgencyEmails(limit, LEASE_SECONDS, options.orgId)
        : await claimDueEmails(limit);
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const ref of refs) {
    const outcome = await deliverClaimedEmail(ref, options.transport);
    if (outcome !== 'skipped') report[outcome] += 1;
  }
  return report;
}
