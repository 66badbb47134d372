import type PgBoss from 'pg-boss';
import { env } from '@/server/env';
import { claimDueEmails, deliverClaimedEmail, idempotencyKeyOf, LEASE_SECONDS, type OutboxRef } from '@/server/email/outbox';
import { releaseClaimedEmails } from '@/server/email/release-claimed-emails';
import { processWebhookEvent } from '@/server/services/email/process-webhook-event';
import { unsafeClaimPendingEmailEvents } from '@/server/services/email/unsafe-email-lookups';
import { currentLogContext, withLogContext } from '@/server/log';
import { boss, QUEUES, stopBoss } from './boss';
import { beatWorkerHeartbeat, clearWorkerHeartbeat } from './heartbeat';
import { scheduleFollowUps } from './follow-ups';
import { scheduleRetention } from './retention';

interface WorkerState {
  timer?: NodeJS.Timeout;
  sweeping: boolean;
  again: boolean;
  instance?: PgBoss;
  /**
   * Emails this process claimed and queued but has not sent, by idempotency key, with when. Any
   * instance's worker may take the job; past the lease the claim is void anyway, so older
   * entries are forgotten.
   */
  held: Map<string, { ref: OutboxRef; at: number }>;
}

const holder = globalThis as unknown as { __afterviewWorker?: WorkerState };

function state(): WorkerState {
  holder.__afterviewWorker ??= { sweeping: false, again: false, held: new Map() };
  return holder.__afterviewWorker;
}

/** The request a job came from, for its log lines. */
interface Traced {
  requestId?: string;
}

const BATCH = 50;
const EVENT_LEASE_SECONDS = 120;

/**
 * Turns due outbox rows and stored webhook events into queue jobs. The claim (a lease) comes
 * first, so a lost job, or a worker that dies mid-send, only delays the work until the lease runs out.
 */
async function sweep(instance: PgBoss): Promise<void> {
  const { requestId } = currentLogContext();
  for (;;) {
    const refs = await claimDueEmails(BATCH);
    const events = await unsafeClaimPendingEmailEvents(EVENT_LEASE_SECONDS, BATCH);
    const jobs = [
      // The request that kicked this sweep (usually the one that queued the email or stored the
      // webhook) follows its jobs into the log; a timer's sweep has none.
      ...refs.map((ref) => ({ name: QUEUES.emailSend, data: { ...ref, requestId } })),
      ...events.map((svixId) => ({ name: QUEUES.webhookProcess, data: { svixId, requestId } })),
    ];
    if (jobs.length === 0) return;
    const held = state().held;
    const now = Date.now();
    for (const [key, claim] of held) if (now - claim.at > LEASE_SECONDS * 1000) held.delete(key);
    for (const ref of refs) held.set(idempotencyKeyOf(ref), { ref, at: now });
    await instance.insert(jobs);
    if (refs.length < BATCH && events.length < BATCH) return;
  }
}

/** Looks for due work now rather than at the next tick; overlapping calls coalesce into one more pass. */
export function kickDelivery(): void {
  const s = state();
  const instance = s.instance;
  if (!instance) return;
  if (s.sweeping) {
    s.again = true;
    return;
  }
  s.sweeping = true;
  setImmediate(async () => {
    try {
      do {
        s.again = false;
        await sweep(instance);
        // Not for a worker stopped meanwhile: its heartbeat is gone on purpose.
        if (s.instance === instance) beatWorkerHeartbeat(env().MAIL_POLL_MS);
      } while (s.again);
    } catch (error) {
      console.error('[jobs] outbox sweep failed; the next one retries', error);
    } finally {
      s.sweeping = false;
    }
  });
}

/**
 * Starts the queue workers in this process: email delivery and webhook processing, and the
 * outbox sweep every MAIL_POLL_MS. Runs inside the app (instrumentation) or alone (`npm run worker`).
 */
export async function startWorker(): Promise<void> {
  const s = state();
  if (s.instance) return;
  const instance = await boss();
  s.instance = instance;
  try {
    await registerWork(instance);
  } catch (error) {
    // Half a worker would never be completed: stop it, so the next start begins again.
    s.instance = undefined;
    await stopBoss().catch(() => {});
    throw error;
  }
  s.timer = setInterval(kickDelivery, env().MAIL_POLL_MS);
  s.timer.unref();
  kickDelivery();
}

async function registerWork(instance: PgBoss): Promise<void> {
  await instance.work<OutboxRef & Traced>(QUEUES.emailSend, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) {
      await withLogContext({ requestId: job.data.requestId, jobId: job.id }, () => deliverClaimedEmail(job.data));
      state().held.delete(idempotencyKeyOf(job.data));
    }
  });
  await instance.work<{ svixId: string } & Traced>(QUEUES.webhookProcess, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) await withLogContext({ requestId: job.data.requestId, jobId: job.id }, () => processWebhookEvent(job.data.svixId));
  });
  await scheduleRetention(instance);
  await scheduleFollowUps(instance);
}

/**
 * Starts the worker, and keeps trying (backing off to a minute) while it cannot: the database may
 * still be starting, or another instance may be installing the queue's schema at the same moment.
 */
export async function startWorkerWithRetry(attempt = 0): Promise<void> {
  try {
    await startWorker();
  } catch (error) {
    const delay = Math.min(60_000, 2_000 * 2 ** attempt);
    console.error(`[jobs] the worker did not start; retrying in ${delay / 1000} s (emails wait in the outbox)`, error);
    setTimeout(() => void startWorkerWithRetry(attempt + 1), delay).unref();
  }
}

/** After stopWorker: the claims this process made and did not send go back to the outbox. */
export async function releaseHeldEmails(): Promise<number> {
  const s = state();
  const fresh = Date.now() - LEASE_SECONDS * 1000;
  const refs = [...s.held.values()].filter((c) => c.at > fresh).map((c) => c.ref);
  s.held.clear();
  return refs.length ? releaseClaimedEmails(refs) : 0;
}

export async function stopWorker(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  s.instance = undefined;
  clearWorkerHeartbeat();
  await stopBoss();
}
