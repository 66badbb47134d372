import type { Tx } from '@/db/client';
import type { Role } from '@/db/schema';

export interface Actor {
  userId: string;
  orgId: string;
  role: Role;
}

/** What every tenant service receives: the tenant transaction and who acts. */
export interface ServiceContext {
  tx: Tx;
  actor: Actor;
  /** Runs once the transaction has committed (nothing runs when it rolls back): wakes the mail queue. */
  afterCommit?: (fn: () => void) => void;
}
