import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { NotificationKind } from '@/db/schema';
import { encodeCursor, keysetAfter, keysetOrderBy, keysetPageInput, timestampText, type SortKey } from '@/server/services/dashboard/keyset';
import type { ServiceContext } from '@/server/services/types';
import { formatWait } from './format-wait';
import { NOTIFICATION_CANDIDATE_JOIN, ownNotificationsWhere } from './notification-scope';

export const NOTIFICATIONS_PAGE_SIZE = 20;
export const NOTIFICATIONS_PAGE_MAX = 50;

const CURSOR_TAG = 'notifications';
const CREATED: SortKey = { expr: sql`n.created_at`, text: timestampText(sql`n.created_at`), cast: 'timestamptz', nullable: false };

export const ZListNotificationsInput = keysetPageInput({ tag: CURSOR_TAG, key: CREATED, size: NOTIFICATIONS_PAGE_SIZE, max: NOTIFICATIONS_PAGE_MAX });
export type ListNotificationsInput = z.output<typeof ZListNotificationsInput>;

export interface NotificationItem {
  id: string;
  kind: NotificationKind;
  /** 1: past the reply target (to the owner); 2: past twice the target (escalated to the team lead). */
  level: 1 | 2;
  candidateId: string | null;
  candidateName: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** When the question started waiting. */
  waitingSince: Date | null;
  /** The question still waits (nobody answered since the reminder). */
  stillWaiting: boolean;
  /** Still waiting: how long until now; answered since: how long it had waited when the reminder came. */
  waitedSeconds: number;
  waitedLabel: string;
}

interface Row extends Record<string, unknown> {
  id: string;
  kind: NotificationKind;
  level: number;
  candidate_id: string | null;
  candidate_name: string | null;
  created_at: Date;
  read_at: Date | null;
  subject_at: Date | null;
  still_waiting: boolean;
  waited_seconds: number;
  sort_value: string;
}

/** The actor's own notifications in this agency, newest first, a page at a time (keyset). */
export async function listNotifications(ctx: ServiceContext, { limit, after }: ListNotificationsInput): Promise<{ items: NotificationItem[]; nextCursor: string | null }> {
  const where = await ownNotificationsWhere(ctx);
  const rows = await queryRows<Row>(
    ctx.tx,
    sql`select n.id, n.kind, n.level, n.candidate_id, c.name as candidate_name, n.created_at, n.read_at, n.subject_at,
          coalesce(ce.awaiting_reply_since = n.subject_at, false) as still_waiting,
          greatest(0, extract(epoch from (case when ce.awaiting_reply_since = n.subject_at then now() else n.created_at end) - n.subject_at))::float8 as waited_seconds,
          ${CREATED.text} as sort_value
        from notifications n ${NOTIFICATION_CANDIDATE_JOIN}
        left join candidate_engagement ce on ce.org_id = n.org_id and ce.candidate_id = n.candidate_id
        where ${where} ${after ? sql`and ${keysetAfter(CREATED, 'desc', sql`n.id`, after)}` : sql``}
        order by ${keysetOrderBy(CREATED, 'desc', sql`n.id`)}
        limit ${limit + 1}`,
  );
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map((r) => ({
      id: r.id,
      kind: r.kind,
      level: r.level === 2 ? 2 : 1,
      candidateId: r.candidate_id,
      candidateName: r.candidate_name,
      createdAt: r.created_at,
      readAt: r.read_at,
      waitingSince: r.subject_at,
      stillWaiting: r.still_waiting,
      waitedSeconds: Math.round(Number(r.waited_seconds) || 0),
      waitedLabel: formatWait(Number(r.waited_seconds) || 0),
    })),
    nextCursor: rows.length > limit && last ? encodeCursor(CURSOR_TAG, { value: last.sort_value, id: last.id }) : null,
  };
}
