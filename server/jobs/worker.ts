import type PgBoss from 'pg-boss';
import { env } from '@/server/env';
import { claimDueEmails, deliverClaimedEmail, type OutboxRef } from '@/server/email/outbox';
import { processWebhookEvent } from '@/server/services/email/process-webhook-event';
import { unsafeClaimPendingEmailEvents } from '@/server/services/email/unsafe-email-lookups';
import { boss, QUEUES, stopBoss } from './boss';
import { scheduleFollowUps } from './follow-ups';
import { scheduleRetention } from './retention';

interface WorkerState {
  timer?: NodeJS.Timeout;
  sweeping: boolean;
  again: boolean;
  instance?: PgBoss;
}

const holder = globalThis as unknown as { __afterviewWorker?: WorkerState };

function state(): WorkerState {
  holder.__afterviewWorker ??= { sweeping: false, again: false };
  return holder.__afterviewWorker;
}

const BATCH = 50;
const EVENT_LEASE_SECONDS = 120;

/**
 * Turns due outbox rows and stored webhook events into queue jobs. The claim (a lease) comes
 * first, so a lost job, or a worker that dies mid-send, only delays the work until the lease runs out.
 */
async function sweep(instance: PgBoss): Promise<void> {
  for (;;) {
    const refs = await claimDueEmails(BATCH);
    const events = await unsafeClaimPendingEmailEvents(EVENT_LEASE_SECONDS, BATCH);
    const jobs = [
      ...refs.map((ref) => ({ name: QUEUES.emailSend, data: ref })),
      ...events.map((svixId) => ({ name: QUEUES.webhookProcess, data: { svixId } })),
    ];
    if (jobs.length === 0) return;
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
  await instance.work<OutboxRef>(QUEUES.emailSend, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) await deliverClaimedEmail(job.data);
  });
  await instance.work<{ svixId: string }>(QUEUES.webhookProcess, { batchSize: 5, pollingIntervalSeconds: 0.5 }, async (jobs) => {
    for (const job of jobs) await processWebhookEvent(job.data.svixId);
  });
  await scheduleRetention(instance);
  await scheduleFollowUps(instance);
  s.timer = setInterval(kickDelivery, env().MAIL_POLL_MS);
  s.timer.unref();
  kickDelivery();
}

export async function stopWorker(): Promise<void> {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = undefined;
  s.instance = undefined;
  await stopBoss();
}
