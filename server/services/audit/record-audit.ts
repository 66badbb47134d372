import type { Tx } from '@/db/client';
import { auditLog } from '@/db/schema';
import type { Actor } from '@/server/services/types';

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

/** Appends to the audit log in the caller's transaction, so the entry exists exactly when the change does. */
export async function recordAudit({ tx, actor }: { tx: Tx; actor: Pick<Actor, 'orgId' | 'userId'> }, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
    orgId: actor.orgId,
    actorUserId: actor.userId,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    before: entry.before ?? null,
    after: entry.after ?? null,
  });
}
