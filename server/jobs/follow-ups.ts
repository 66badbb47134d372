import type PgBoss from 'pg-boss';
import { runDigests } from '@/server/services/digests/run-digests';
import { runReminders } from '@/server/services/notifications/run-reminders';
import { runStatusUpdates } from '@/server/services/status-updates/run-status-updates';

export const FOLLOW_UPS_QUEUE = 'follow-ups';
/**
 * Every five minutes. pg-boss 10 keeps one schedule per queue, so one sweep serves every agency:
 * each job decides what is due from the time and the agency's own time zone (digests at 08:00
 * local), and dedupe keys make a second run, in this instance or another, send nothing twice.
 */
export const FOLLOW_UPS_CRON = '*/5 * * * *';

export interface FollowUpSweepResult {
  reminders: Awaited<ReturnType<typeof runReminders>>;
  digests: Awaited<ReturnType<typeof runDigests>>;
  statusUpdates: Awaited<ReturnType<typeof runStatusUpdates>>;
}

/** One pass of the three follow-up jobs; one failing does not stop the others, the next pass retries it. */
export async function runFollowUpSweep(now = new Date()): Promise<Partial<FollowUpSweepResult>> {
  const result: Partial<FollowUpSweepResult> = {};
  const steps = [
    ['reminders', () => runReminders(now)],
    ['digests', () => runDigests(now)],
    ['statusUpdates', () => runStatusUpdates(now)],
  ] as const;
  for (const [name, step] of steps) {
    try {
      (result as Record<string, unknown>)[name] = await step();
    } catch (error) {
      console.error(`[follow-ups] ${name} failed; the next sweep retries`, error);
    }
  }
  return result;
}

/**
 * Creates the queue, schedules the sweep and works it in this process; also runs one pass at
 * start, so reminders due while the app was down appear at once. `stately`: at most one sweep
 * waiting and one running, whatever the number of instances.
 */
export async function scheduleFollowUps(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(FOLLOW_UPS_QUEUE))) {
    await boss.createQueue(FOLLOW_UPS_QUEUE, { name: FOLLOW_UPS_QUEUE, policy: 'stately', retryLimit: 1, retryDelay: 60, expireInSeconds: 600 });
  }
  await boss.schedule(FOLLOW_UPS_QUEUE, FOLLOW_UPS_CRON, {}, { tz: 'UTC' });
  await boss.work(FOLLOW_UPS_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
    await runFollowUpSweep();
  });
  await boss.send(FOLLOW_UPS_QUEUE, {});
}
