import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import { inactiveSince, retentionCutoff, type RetentionRule } from './find-inactive-candidates';
import { loadCandidateForSystem } from './privacy-candidate';
import { scrubCandidate } from './scrub-candidate';

/**
 * Erases one candidate under the agency's retention rule, on behalf of no one (the daily job): the
 * same erasure as an admin's, audited with no actor. It checks again, under the row lock, that the
 * candidate is still inactive and not erased (a recruiter may have acted since the list was made);
 * if not, it changes nothing and returns null.
 */
export async function eraseInactiveCandidate({ tx, orgId }: { tx: Tx; orgId: string }, { candidateId, ...rule }: RetentionRule & { candidateId: string }) {
  const candidate = await loadCandidateForSystem({ tx, orgId }, candidateId);
  if (!candidate || candidate.erasedAt) return null;
  const [due] = await queryRows<{ id: string }>(
    tx,
    sql`select c.id from candidates c where c.org_id = ${orgId} and c.id = ${candidateId} and ${inactiveSince(orgId, retentionCutoff(rule))}`,
  );
  if (!due) return null;

  const { before, after } = await scrubCandidate({ tx, orgId }, candidate, { actorUserId: null });
  // recordAudit takes a member as actor; the system has none, and audit_log.actor_user_id is nullable.
  await tx.insert(auditLog).values({
    orgId,
    actorUserId: null,
    action: 'candidate.erase',
    targetType: 'candidate',
    targetId: candidate.id,
    before,
    after: { ...after, reason: 'retention', retentionMonths: rule.months },
  });
  return { candidateId: candidate.id, ...after };
}
