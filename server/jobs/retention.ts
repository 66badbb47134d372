import type PgBoss from 'pg-boss';
import { withTenant } from '@/db/tenant';
import { eraseInactiveCandidate } from '@/server/services/privacy/erase-inactive-candidate';
import { findInactiveCandidates } from '@/server/services/privacy/find-inactive-candidates';
import { unsafeListRetentionOrgs } from '@/server/services/privacy/unsafe-list-retention-orgs';

export const RETENTION_QUEUE = 'privacy-retention';
/** Every day at 03:00 UTC. */
export const RETENTION_CRON = '0 3 * * *';
/** Erasures per agency per run: a large backlog is worked off over a few days rather than in one long job. */
export const RETENTION_BATCH = 500;

export interface AgencyRetentionResult {
  orgId: string;
  retentionMonths: number;
  /** Candidates found inactive for longer than the agency keeps them. */
  due: number;
  erased: number;
  failed: number;
  /** More were due than one run erases; the next run continues. */
  more: boolean;
}

/**
 * The retention job: for every agency that set a retention period, erases the candidates with no
 * activity for that many months (see findInactiveCandidates), each in its own tenant transaction,
 * audited with no actor. One failure is logged and counted, and the others go on.
 */
export async function runRetention(now = new Date(), { batch = RETENTION_BATCH }: { batch?: number } = {}): Promise<AgencyRetentionResult[]> {
  const results: AgencyRetentionResult[] = [];
  for (const { orgId, retentionMonths } of await unsafeListRetentionOrgs()) {
    const result: AgencyRetentionResult = { orgId, retentionMonths, due: 0, erased: 0, failed: 0, more: false };
    results.push(result);
    const rule = { months: retentionMonths, now };
    let due: { id: string }[];
    try {
      due = await withTenant(orgId, (tx) => findInactiveCandidates({ tx, orgId }, { ...rule, limit: batch + 1 }));
    } catch (error) {
      console.error(`[retention] agency ${orgId}: listing inactive candidates failed`, error);
      result.failed += 1;
      continue;
    }
    result.more = due.length > batch;
    result.due = Math.min(due.length, batch);
    for (const { id } of due.slice(0, batch)) {
      try {
        const erased = await withTenant(orgId, (tx) => eraseInactiveCandidate({ tx, orgId }, { ...rule, candidateId: id }));
        if (erased) result.erased += 1;
      } catch (error) {
        console.error(`[retention] agency ${orgId}: erasing candidate ${id} failed`, error);
        result.failed += 1;
      }
    }
    if (result.erased > 0 || result.failed > 0) {
      console.log(`[retention] agency ${orgId}: erased ${result.erased} candidate(s) inactive for ${retentionMonths}+ months${result.failed ? `, ${result.failed} failed` : ''}`);
    }
  }
  return results;
}

/**
 * Creates the `privacy-retention` queue, schedules it daily at 03:00 UTC and works it in this
 * process. Schedules only fire on a PgBoss started with `schedule: true` (its cron monitor); any
 * number of instances may call this, pg-boss sends each scheduled run once.
 */
export async function scheduleRetention(boss: PgBoss): Promise<void> {
  if (!(await boss.getQueue(RETENTION_QUEUE))) {
    // stately: at most one run waiting and one running, whatever the number of instances.
    await boss.createQueue(RETENTION_QUEUE, { name: RETENTION_QUEUE, policy: 'stately', retryLimit: 2, retryDelay: 300, retryBackoff: true, expireInSeconds: 3600 });
  }
  await boss.schedule(RETENTION_QUEUE, RETENTION_CRON, {}, { tz: 'UTC' });
  await boss.work(RETENTION_QUEUE, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => ({ agencies: await runRetention() }));
}
