import type { Tx } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { kickDelivery } from '@/server/jobs/worker';
import { unsafeListAgenciesForJobs } from '@/server/services/org/unsafe-list-agencies-for-jobs';
import type { ServiceContext } from '@/server/services/types';
import { findDueStatusUpdates, type DueStatusUpdate } from './find-due-status-updates';
import { sendStatusUpdate } from './send-status-update';

/** Updates per agency per run: a backlog (the setting just turned on) is worked off over a few runs. */
export const STATUS_UPDATE_BATCH = 100;

export interface AgencyStatusUpdateResult {
  orgId: string;
  sent: number;
  /** Due, but the candidate's address bounced or complained before: skipped. */
  suppressed: number;
  failed: number;
  /** More were due than one run sends; the next run continues. */
  more: boolean;
}

/** A job acts for nobody: the touch has no actor and the outbox row no creator. */
function jobContext(tx: Tx, orgId: string): ServiceContext {
  return { tx, actor: { userId: '', orgId, role: 'owner' } };
}

/**
 * The "no decision yet" sweep, run every few minutes: for each agency that turned the updates on,
 * sends the due ones (see findDueStatusUpdates), each candidate in its own transaction. A failing
 * candidate is logged and counted, and the others go on.
 */
export async function runStatusUpdates(
  now = new Date(),
  { orgIds, batch = STATUS_UPDATE_BATCH }: { orgIds?: string[]; batch?: number } = {},
): Promise<AgencyStatusUpdateResult[]> {
  const results: AgencyStatusUpdateResult[] = [];
  const agencies = (await unsafeListAgenciesForJobs()).filter((a) => a.statusUpdatesEnabled && (!orgIds || orgIds.includes(a.orgId)));
  for (const agency of agencies) {
    const result: AgencyStatusUpdateResult = { orgId: agency.orgId, sent: 0, suppressed: 0, failed: 0, more: false };
    results.push(result);
    const rule = { now, everyDays: agency.statusUpdateDays };
    let due: DueStatusUpdate[];
    try {
      const found = await withTenant(agency.orgId, (tx) => findDueStatusUpdates(jobContext(tx, agency.orgId), { ...rule, limit: batch + 1 }));
      due = found.due;
      result.suppressed = found.suppressed;
    } catch (error) {
      console.error(`[status-updates] agency ${agency.orgId}: listing due updates failed`, error);
      result.failed += 1;
      continue;
    }
    result.more = due.length > batch;
    for (const { application_id: applicationId, candidate_id: candidateId } of due.slice(0, batch)) {
      try {
        const outcome = await withTenant(agency.orgId, (tx) => sendStatusUpdate(jobContext(tx, agency.orgId), { ...rule, applicationId }));
        if (outcome === 'sent') result.sent += 1;
        if (outcome === 'suppressed') result.suppressed += 1;
      } catch (error) {
        console.error(`[status-updates] agency ${agency.orgId}: the update to candidate ${candidateId} failed`, error);
        result.failed += 1;
      }
    }
    if (result.sent > 0 || result.failed > 0) {
      console.log(`[status-updates] agency ${agency.orgId}: ${result.sent} update(s) sent${result.failed ? `, ${result.failed} failed` : ''}`);
    }
  }
  if (results.some((r) => r.sent > 0)) kickDelivery();
  return results;
}
