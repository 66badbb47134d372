import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import type { Channel, TouchKind } from '@/db/schema';
import { candidateVisible, loadScope } from '@/server/services/records/visibility';
import { awaitingKinds } from '@/server/services/touches/engagement-sql';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import type { ServiceContext } from '@/server/services/types';
import { excerpt, formatDuration } from './format';
import { encodeCursor, keysetAfter, keysetOrderBy, keysetPageInput, timestampText, type SortKey } from './keyset';

export const INBOX_PAGE_SIZE = 25;
export const INBOX_PAGE_MAX = 100;

const CURSOR_TAG = 'inbox';
const WAITING_SINCE: SortKey = {
  expr: sql`ce.awaiting_reply_since`,
  text: timestampText(sql`ce.awaiting_reply_since`),
  cast: 'timestamptz',
  nullable: false,
};

export const ZListRepliesOwedInput = keysetPageInput({ tag: CURSOR_TAG, key: WAITING_SINCE, size: INBOX_PAGE_SIZE, max: INBOX_PAGE_MAX });
export type ListRepliesOwedInput = z.output<typeof ZListRepliesOwedInput>;

interface RawRow extends Record<string, unknown> {
  candidate_id: string;
  candidate_name: string;
  candidate_email: string;
  owner_name: string | null;
  awaiting_since: Date;
  sort_value: string;
  age_seconds: number;
  target_hours: number;
  pending_count: number;
  touch_id: string | null;
  touch_kind: TouchKind | null;
  touch_channel: Channel | null;
  touch_body: string | null;
  touch_at: Date | null;
  job_title: string | null;
  client_company: string | null;
}

export interface ReplyOwed {
  candidateId: string;
  candidateName: string;
  candidateEmail: string;
  ownerName: string | null;
  awaitingSince: Date;
  /** When the agency's reply target runs out for this candidate. */
  dueAt: Date;
  ageSeconds: number;
  ageLabel: string;
  targetHours: number;
  /** Age as a share of the target: 1 is due now, above 1 overdue. */
  progress: number;
  overdue: boolean;
  /** How far past the target, when overdue. */
  overdueLabel: string | null;
  /** Everything the candidate sent since the agency last answered. */
  pendingCount: number;
  touch: {
    id: string;
    kind: TouchKind;
    kindLabel: string;
    channel: Channel;
    excerpt: string | null;
    occurredAt: Date;
    jobTitle: string | null;
    clientCompany: string | null;
  } | null;
}

export interface RepliesOwedPage {
  items: ReplyOwed[];
  nextCursor: string | null;
  /** Counted on the first page only; later pages leave it null. */
  totals: { waiting: number; overdue: number } | null;
  replyTargetHours: number;
  /** The agency's time zone, for showing when the wait began. */
  timeZone: string;
}

function toItem(r: RawRow): ReplyOwed {
  const targetSeconds = r.target_hours * 3600;
  const overdue = r.age_seconds > targetSeconds;
  return {
    candidateId: r.candidate_id,
    candidateName: r.candidate_name,
    candidateEmail: r.candidate_email,
    ownerName: r.owner_name,
    awaitingSince: r.awaiting_since,
    dueAt: new Date(r.awaiting_since.getTime() + targetSeconds * 1000),
    ageSeconds: r.age_seconds,
    ageLabel: formatDuration(r.age_seconds),
    targetHours: r.target_hours,
    progress: targetSeconds > 0 ? r.age_seconds / targetSeconds : 1,
    overdue,
    overdueLabel: overdue ? formatDuration(r.age_seconds - targetSeconds) : null,
    pendingCount: r.pending_count,
    touch:
      r.touch_id && r.touch_kind && r.touch_channel && r.touch_at
        ? {
            id: r.touch_id,
            kind: r.touch_kind,
            kindLabel: TOUCH_RULES[r.touch_kind].label,
            channel: r.touch_channel,
            excerpt: excerpt(r.touch_body, 240),
            occurredAt: r.touch_at,
            jobTitle: r.job_title,
            clientCompany: r.client_company,
          }
        : null,
  };
}

/**
 * Candidates who wait on the agency, longest wait first, each with the touch that started the
 * clock (the oldest unanswered question or reply) and its age against the agency's reply target.
 */
export async function listRepliesOwed(ctx: ServiceContext, input: ListRepliesOwedInput): Promise<RepliesOwedPage> {
  const { tx, actor } = ctx;
  const scope = await loadScope(ctx);
  const waiting = sql`
    from candidate_engagement ce
    join candidates c on c.org_id = ce.org_id and c.id = ce.candidate_id
    where ce.org_id = ${actor.orgId} and ce.awaiting_reply_since is not null and c.archived_at is null
      and ${candidateVisible('c', scope)}`;
  const after = input.after ? sql`and ${keysetAfter(WAITING_SINCE, 'asc', sql`ce.candidate_id`, input.after)}` : sql``;

  const [org] = await queryRows<{ reply_target_hours: number; time_zone: string }>(
    tx,
    sql`select reply_target_hours, time_zone from organizations where id = ${actor.orgId}`,
  );
  const targetHours = org?.reply_target_hours ?? 48;

  const rows = await queryRows<RawRow>(
    tx,
    sql`
      with page as (
        select ce.candidate_id, c.name as candidate_name, c.email as candidate_email, c.owner_user_id,
          ce.awaiting_reply_since as awaiting_since, ${WAITING_SINCE.text} as sort_value
        ${waiting} ${after}
        order by ${keysetOrderBy(WAITING_SINCE, 'asc', sql`ce.candidate_id`)}
        limit ${input.limit + 1})
      select page.candidate_id, page.candidate_name, page.candidate_email, coalesce(u.name, u.email) as owner_name,
        page.awaiting_since, page.sort_value,
        extract(epoch from (now() - page.awaiting_since))::float8 as age_seconds,
        ${targetHours}::int as target_hours,
        (select count(*)::int from touches p
          where p.org_id = ${actor.orgId} and p.candidate_id = page.candidate_id and p.direction = 'inbound'
            and p.kind in ${awaitingKinds} and p.occurred_at >= page.awaiting_since) as pending_count,
        w.id as touch_id, w.kind as touch_kind, w.channel as touch_channel, left(w.body, 600) as touch_body, w.occurred_at as touch_at,
        j.title as job_title, j.client_company
      from page
      left join users u on u.id = page.owner_user_id
      left join lateral (
        select t.id, t.kind, t.channel, t.body, t.occurred_at, t.application_id from touches t
        where t.org_id = ${actor.orgId} and t.candidate_id = page.candidate_id and t.direction = 'inbound'
          and t.kind in ${awaitingKinds} and t.occurred_at >= page.awaiting_since
        order by t.occurred_at, t.id limit 1) w on true
      left join applications a on a.org_id = ${actor.orgId} and a.id = w.application_id
      left join jobs j on j.org_id = a.org_id and j.id = a.job_id
      order by page.awaiting_since, page.candidate_id`,
  );

  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor(CURSOR_TAG, { value: last.sort_value, id: last.candidate_id }) : null;

  let totals: RepliesOwedPage['totals'] = null;
  if (!input.after) {
    const [count] = await queryRows<{ waiting: number; overdue: number }>(
      tx,
      sql`select count(*)::int as waiting,
            count(*) filter (where ce.awaiting_reply_since + make_interval(hours => ${targetHours}::int) < now())::int as overdue
          ${waiting}`,
    );
    totals = { waiting: count?.waiting ?? 0, overdue: count?.overdue ?? 0 };
  }
  return { items: items.map(toItem), nextCursor, totals, replyTargetHours: targetHours, timeZone: org?.time_zone ?? 'UTC' };
}
