import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '@/db/client';
import { decodeCursor, encodeCursor, keysetAfter, keysetOrderBy, timestampText, ZCursor, type SortKey } from '@/server/services/dashboard/keyset';
import type { ServiceContext } from '@/server/services/types';
import { ZCalendarDay } from '@/server/services/records/storable-dates';

export const AUDIT_PAGE_SIZE = 50;
export const AUDIT_PAGE_MAX = 100;
export const AUDIT_ACTION_MAX = 100;

const CURSOR_TAG = 'audit';
const CREATED: SortKey = {
  expr: sql`a.created_at`,
  text: timestampText(sql`a.created_at`),
  cast: 'timestamptz',
  nullable: false,
};

export const auditFilterShape = {
  action: z
    .string({ error: 'must be an action name' })
    .trim()
    .min(1, 'must not be empty')
    .max(AUDIT_ACTION_MAX, `must be at most ${AUDIT_ACTION_MAX} characters`)
    .optional(),
  actorUserId: z.uuid({ error: 'must be a member id' }).optional(),
  from: ZCalendarDay.optional(),
  to: ZCalendarDay.optional(),
};

export const ZListAuditLogInput = z
  .object({
    ...auditFilterShape,
    cursor: ZCursor.nullish(),
    limit: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(AUDIT_PAGE_MAX, `must be at most ${AUDIT_PAGE_MAX}`)
      .default(AUDIT_PAGE_SIZE),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: 'must be on or after the start date (from)', path: ['to'] })
  .transform(({ cursor, ...rest }, ctx) => {
    if (!cursor) return { ...rest, after: null };
    const after = decodeCursor(cursor, CURSOR_TAG, CREATED);
    if ('error' in after) {
      ctx.addIssue({ code: 'custom', message: after.error, path: ['cursor'] });
      return z.NEVER;
    }
    return { ...rest, after };
  });
export type ListAuditLogInput = z.output<typeof ZListAuditLogInput>;

interface RawRow extends Record<string, unknown> {
  id: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  before: unknown;
  after: unknown;
  created_at: Date;
  sort_value: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_email: string | null;
}

export interface AuditEntryView {
  id: string;
  action: string;
  targetType: string;
  targetId: string | null;
  /** The target's current name where Afterview can still find it (a team, a member, a candidate…). */
  targetLabel: string | null;
  before: unknown;
  after: unknown;
  createdAt: Date;
  /**
   * Who acted. Null when nobody did (a system job); `name` and `email` are null when the person has
   * since left the agency (their account is no longer visible to it).
   */
  actor: { userId: string; name: string | null; email: string | null } | null;
}

export interface AuditLogPage {
  items: AuditEntryView[];
  nextCursor: string | null;
  /** The agency's time zone, for showing when each entry was written. */
  timeZone: string;
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.source;

/** target_id is text; only a uuid-shaped one is cast, so an email or a free-form id never errors. */
const targetUuid = sql`(case when page.target_id ~ ${UUID_TEXT} then page.target_id::uuid end)`;

/**
 * The agency's audit log, newest first, with keyset pages: filters on the exact action, on who
 * acted, and on days in the agency's time zone (both inclusive). Read-only: the log is append-only.
 */
export async function listAuditLog(ctx: ServiceContext, input: ListAuditLogInput): Promise<AuditLogPage> {
  const { tx, actor } = ctx;
  const where: SQL[] = [sql`a.org_id = ${actor.orgId}`];
  if (input.action) where.push(sql`a.action = ${input.action}`);
  if (input.actorUserId) where.push(sql`a.actor_user_id = ${input.actorUserId}`);
  // Days are the agency's calendar days, as on the dashboard.
  if (input.from) where.push(sql`a.created_at >= (${input.from}::date)::timestamp at time zone o.time_zone`);
  if (input.to) where.push(sql`a.created_at < (${input.to}::date + 1)::timestamp at time zone o.time_zone`);
  if (input.after) where.push(keysetAfter(CREATED, 'desc', sql`a.id`, input.after));

  const [org] = await queryRows<{ time_zone: string }>(tx, sql`select time_zone from organizations where id = ${actor.orgId}`);

  const rows = await queryRows<RawRow>(
    tx,
    sql`
      with page as (
        select a.id, a.org_id, a.action, a.target_type, a.target_id, a.before, a.after, a.created_at, a.actor_user_id,
          ${CREATED.text} as sort_value
        from audit_log a
        join organizations o on o.id = a.org_id
        where ${sql.join(where, sql` and `)}
        order by ${keysetOrderBy(CREATED, 'desc', sql`a.id`)}
        limit ${input.limit + 1})
      select page.id, page.action, page.target_type, page.target_id, page.before, page.after, page.created_at, page.sort_value,
        page.actor_user_id, u.name as actor_name, u.email as actor_email,
        case page.target_type
          when 'member' then (select coalesce(tu.name, tu.email) from users tu where tu.id = ${targetUuid})
          when 'team' then (select t.name from teams t where t.org_id = page.org_id and t.id = ${targetUuid})
          when 'candidate' then (select c.name from candidates c where c.org_id = page.org_id and c.id = ${targetUuid} and c.erased_at is null)
          when 'job' then (select j.title || ' — ' || j.client_company from jobs j where j.org_id = page.org_id and j.id = ${targetUuid})
          when 'invitation' then (select i.email from invitations i where i.org_id = page.org_id and i.id = ${targetUuid})
          when 'suppression' then page.target_id
        end as target_label
      from page
      left join users u on u.id = page.actor_user_id
      order by page.created_at desc, page.id desc`,
  );

  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  const nextCursor = rows.length > input.limit && last ? encodeCursor(CURSOR_TAG, { value: last.sort_value, id: last.id }) : null;
  return {
    items: items.map((r) => ({
      id: r.id,
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      targetLabel: r.target_label,
      before: r.before ?? null,
      after: r.after ?? null,
      createdAt: r.created_at,
      actor: r.actor_user_id ? { userId: r.actor_user_id, name: r.actor_name, email: r.actor_email } : null,
    })),
    nextCursor,
    timeZone: org?.time_zone ?? 'UTC',
  };
}
