import { sql } from 'drizzle-orm';
import { getDb, queryRows, type Executor } from '@/db/client';
import { systemEmails } from '@/db/schema';
import { env } from '@/server/env';
import { mailTransport, type MailTransport } from './transport';

export const MAX_ATTEMPTS = 8;
const LEASE_SECONDS = 120;

export interface SystemEmailInput {
  kind: string;
  to: string;
  subject: string;
  html: string;
  text: string;
}

/** Writes the email as an outbox row; nothing is sent in the caller's request. */
export async function enqueueSystemEmail(exec: Executor, input: SystemEmailInput): Promise<string> {
  const [row] = await exec.insert(systemEmails).values(input).returning({ id: systemEmails.id });
  if (!row) throw new Error('system email not enqueued');
  return row.id;
}

/** Exponential backoff with full jitter, capped at ten minutes; `retry-after` wins when longer. */
export function backoffMs(attempt: number, retryAfterMs?: number, random: () => number = Math.random): number {
  const ceiling = Math.min(600_000, 1_000 * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
  return Math.max(jittered, retryAfterMs ?? 0);
}

interface ClaimedRow extends Record<string, unknown> {
  id: string;
  to: string;
  subject: string;
  html: string;
  text: string;
  attempts: number;
}

export interface DeliveryReport {
  sent: number;
  retried: number;
  failed: number;
}

/**
 * Claims due rows with SKIP LOCKED, so several instances can run it at once. A claim is a lease:
 * a process that dies mid-send leaves the row to be claimed again once the lease runs out, and the
 * outbox id as idempotency key keeps the provider from sending it twice.
 */
export async function deliverDueSystemEmails(options: { limit?: number; transport?: MailTransport } = {}): Promise<DeliveryReport> {
  const db = getDb();
  const transport = options.transport ?? mailTransport();
  const claimed = await queryRows<ClaimedRow>(
    db,
    sql`update system_emails set status = 'sending', attempts = attempts + 1,
          next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
        where id in (
          select id from system_emails
          where status in ('queued', 'sending') and next_attempt_at <= now()
          order by next_attempt_at
          limit ${options.limit ?? 20}
          for update skip locked)
        returning id, "to", subject, html, text, attempts`,
  );
  const report: DeliveryReport = { sent: 0, retried: 0, failed: 0 };
  for (const row of claimed) {
    const result = await transport
      .send({ from: env().MAIL_FROM, to: [row.to], subject: row.subject, html: row.html, text: row.text }, { idempotencyKey: `system_emails/${row.id}` })
      .catch((error: unknown) => ({ ok: false as const, retryable: true, error: error instanceof Error ? error.message : String(error) }));
    if (result.ok) {
      await db.execute(sql`update system_emails set status = 'sent', provider_id = ${result.providerId}, sent_at = now(), last_error = null where id = ${row.id}`);
      report.sent++;
    } else if (result.retryable && row.attempts < MAX_ATTEMPTS) {
      const delay = backoffMs(row.attempts, 'retryAfterMs' in result ? result.retryAfterMs : undefined);
      await db.execute(
        sql`update system_emails set status = 'queued', last_error = ${result.error}, next_attempt_at = now() + make_interval(secs => ${delay / 1000}) where id = ${row.id}`,
      );
      report.retried++;
    } else {
      await db.execute(sql`update system_emails set status = 'failed', last_error = ${result.error} where id = ${row.id}`);
      console.error(`[mail] system email ${row.id} failed for good: ${result.error}`);
      report.failed++;
    }
  }
  return report;
}

const state = globalThis as unknown as { __afterviewMailLoop?: { running: boolean; again: boolean; timer?: NodeJS.Timeout } };

function loopState() {
  state.__afterviewMailLoop ??= { running: false, again: false };
  return state.__afterviewMailLoop;
}

/** Runs delivery soon, outside the caller's request; overlapping calls coalesce into one more pass. */
export function kickSystemEmailDelivery(): void {
  const s = loopState();
  if (s.running) {
    s.again = true;
    return;
  }
  s.running = true;
  setImmediate(async () => {
    try {
      do {
        s.again = false;
        await deliverDueSystemEmails();
      } while (s.again);
    } catch (error) {
      console.error('[mail] delivery pass failed; it will be retried', error);
    } finally {
      s.running = false;
    }
  });
}

/** Picks up retries and anything a crashed process left behind. */
export function startSystemEmailPoller(intervalMs = env().MAIL_POLL_MS): void {
  const s = loopState();
  if (s.timer) return;
  s.timer = setInterval(kickSystemEmailDelivery, intervalMs);
  s.timer.unref();
  kickSystemEmailDelivery();
}

export function stopSystemEmailPoller(): void {
  const s = loopState();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
}
