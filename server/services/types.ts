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
}
