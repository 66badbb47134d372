import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { AppError } from '@/server/errors';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import type { ServiceContext } from '@/server/services/types';

/** What an erased candidate is called from then on. */
export const ERASED_NAME = 'Erased candidate';
/** Subjects of erased emails and conversations. */
export const ERASED_SUBJECT = '(erased)';

/** A unique, undeliverable address (RFC 2606 `.invalid`), so the per-agency email index still holds. */
export function erasedEmailOf(candidateId: string): string {
  return `erased-${candidateId}@erased.invalid`;
}

export const ZPrivacyCandidateInput = z.object({ candidateId: z.uuid('This candidate does not exist.') });

export interface PrivacyCandidate {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  tags: string[];
  source: string | null;
  ownerUserId: string | null;
  teamId: string | null;
  archivedAt: Date | null;
  erasedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

interface Row extends Record<string, unknown> {
  id: string;
  name: string;
  email: string;
  phone: string | null;
  tags: string[];
  source: string | null;
  owner_user_id: string | null;
  team_id: string | null;
  archived_at: Date | null;
  erased_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function toCandidate(r: Row): PrivacyCandidate {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    phone: r.phone,
    tags: r.tags,
    source: r.source,
    ownerUserId: r.owner_user_id,
    teamId: r.team_id,
    archivedAt: r.archived_at,
    erasedAt: r.erased_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

const COLUMNS = sql`c.id, c.name, c.email, c.phone, c.tags, c.source, c.owner_user_id, c.team_id, c.archived_at, c.erased_at, c.created_at, c.updated_at`;

/**
 * The candidate if the actor may see it (erasure state included); NOT_FOUND otherwise, so ids of
 * other agencies and teams reveal nothing. `lock` takes the row for the rest of the transaction,
 * so two erasures of one candidate cannot interleave.
 */
export async function loadPrivacyCandidate(ctx: ServiceContext, candidateId: string, { lock = false }: { lock?: boolean } = {}): Promise<PrivacyCandidate> {
  const scope = await loadScope(ctx);
  const [row] = await queryRows<Row>(
    ctx.tx,
    sql`select ${COLUMNS} from candidates c
        where c.org_id = ${ctx.actor.orgId} and c.id = ${candidateId} and ${candidateVisible('c', scope)}
        ${lock ? sql`for update` : sql``}`,
  );
  if (!row) throw new AppError('NOT_FOUND', 'This candidate does not exist.');
  return toCandidate(row);
}

/** The same row for platform jobs (retention), which act for the agency as a whole and see every team. */
export async function loadCandidateForSystem({ tx, orgId }: { tx: ServiceContext['tx']; orgId: string }, candidateId: string): Promise<PrivacyCandidate | null> {
  const [row] = await queryRows<Row>(tx, sql`select ${COLUMNS} from candidates c where c.org_id = ${orgId} and c.id = ${candidateId} for update`);
  return row ? toCandidate(row) : null;
}
