import { sql } from 'drizzle-orm';
import type { DailyDigestEmailProps, DigestFollowUp, DigestReplyOwed } from '@/emails/daily-digest';
import { queryRows, textArray, ts, uuidArray } from '@/db/client';
import type { Role, TouchKind } from '@/db/schema';
import { env } from '@/server/env';
import { firstName } from '@/server/services/candidates/first-name';
import { FOLLOW_UP_MIN_STRENGTH } from '@/server/services/touches/touch-kinds';
import type { ServiceContext } from '@/server/services/types';
import type { DigestDay } from './digest-day';
import { digestUnsubscribeUrl } from './digest-token';
import { followUpSignal, spelledDuration } from './digest-lines';

/** Lines per section: an email, not a report. The dashboard and the inbox have the rest. */
export const DIGEST_LIST_MAX = 50;

/** Members who act on candidates; viewers only read, so they get no digest. */
const DIGEST_ROLES: readonly Role[] = ['owner', 'admin', 'recruiter'];

export interface DigestAgency {
  name: string;
  slug: string;
  timeZone: string;
  replyTargetHours: number;
}

export interface ComposedDigest {
  userId: string;
  to: string;
  dedupeKey: string;
  props: DailyDigestEmailProps;
}

/** One digest per member and agency-local day, however many runs and instances try. */
export function digestDedupeKey(userId: string, date: string): string {
  return `daily_digest:${userId}:${date}`;
}

interface Recipient extends Record<string, unknown> {
  user_id: string;
  email: string;
  name: string | null;
}

interface FollowUpRow extends Record<string, unknown> {
  candidate_id: string;
  candidate_name: string;
  owner_id: string;
  kind: TouchKind;
  occurred_at: Date;
  ends_at: Date | null;
  job_title: string | null;
  client_company: string | null;
}

interface OwedRow extends Record<string, unknown> {
  candidate_id: string;
  candidate_name: string;
  owner_id: string;
  since: Date;
}

/** Opted-in members who act on candidates and have not had today's digest yet. */
async function pendingRecipients(ctx: ServiceContext, day: DigestDay): Promise<Recipient[]> {
  const { tx, actor } = ctx;
  const members = await queryRows<Recipient>(
    tx,
    sql`select m.user_id, u.email, u.name from memberships m join users u on u.id = m.user_id
        where m.org_id = ${actor.orgId} and m.digest_enabled and m.role in (${sql.join(DIGEST_ROLES.map((r) => sql`${r}`), sql`, `)})
        order by m.created_at, m.user_id`,
  );
  if (members.length === 0) return [];
  // Checked before composing: runs every few minutes would otherwise rebuild every digest all day long.
  const keys = members.map((m) => digestDedupeKey(m.user_id, day.date));
  const sent = await queryRows<{ dedupe_key: string }>(
    tx,
    sql`select dedupe_key from outbound_emails where org_id = ${actor.orgId} and dedupe_key = any(${textArray(keys)})`,
  );
  const done = new Set(sent.map((s) => s.dedupe_key));
  return members.filter((_, i) => !done.has(keys[i]!));
}

/** Per candidate of these owners, the strongest follow-up of the agency's yesterday (the earliest of equals). */
async function followUps(ctx: ServiceContext, ownerIds: string[], day: DigestDay): Promise<FollowUpRow[]> {
  return queryRows<FollowUpRow>(
    ctx.tx,
    sql`select distinct on (c.id) c.id as candidate_id, c.name as candidate_name, c.owner_user_id as owner_id, t.kind, t.occurred_at, i.ends_at,
          coalesce(j.title, latest.title) as job_title, coalesce(j.client_company, latest.client_company) as client_company
        from candidates c
        join touches t on t.org_id = c.org_id and t.candidate_id = c.id
        left join interviews i on i.org_id = t.org_id and i.id = t.interview_id
        left join applications a on a.org_id = t.org_id and a.id = t.application_id
        left join jobs j on j.org_id = a.org_id and j.id = a.job_id
        left join lateral (
          select j2.title, j2.client_company from applications a2 join jobs j2 on j2.org_id = a2.org_id and j2.id = a2.job_id
          where a2.org_id = c.org_id and a2.candidate_id = c.id and a2.archived_at is null
          order by a2.updated_at desc limit 1) latest on true
        where c.org_id = ${ctx.actor.orgId} and c.owner_user_id = any(${uuidArray(ownerIds)})
          and c.archived_at is null and c.erased_at is null
          and t.direction = 'inbound' and t.strength >= ${FOLLOW_UP_MIN_STRENGTH}
          and t.occurred_at >= ${ts(day.yesterdayFrom)} and t.occurred_at < ${ts(day.yesterdayTo)}
        order by c.id, t.strength desc, t.occurred_at, t.id`,
  );
}

/** Candidates of these owners who wait on the agency now, oldest wait first. */
async function repliesOwed(ctx: ServiceContext, ownerIds: string[], now: Date): Promise<OwedRow[]> {
  return queryRows<OwedRow>(
    ctx.tx,
    sql`select c.id as candidate_id, c.name as candidate_name, c.owner_user_id as owner_id, e.awaiting_reply_since as since
        from candidate_engagement e join candidates c on c.org_id = e.org_id and c.id = e.candidate_id
        where e.org_id = ${ctx.actor.orgId} and e.awaiting_reply_since is not null and e.awaiting_reply_since <= ${ts(now)}
          and c.owner_user_id = any(${uuidArray(ownerIds)}) and c.archived_at is null and c.erased_at is null
        order by e.awaiting_reply_since, c.id`,
  );
}

/**
 * Today's digests of one agency, for the members still due one: who followed up during the
 * agency's yesterday and who waits on a reply now, for the candidates each member owns. A member
 * with nothing in either list gets no digest.
 */
export async function composeDigests(ctx: ServiceContext, { agency, day, now }: { agency: DigestAgency; day: DigestDay; now: Date }): Promise<ComposedDigest[]> {
  const recipients = await pendingRecipients(ctx, day);
  if (recipients.length === 0) return [];
  const ownerIds = recipients.map((r) => r.user_id);
  const [followed, owed] = [await followUps(ctx, ownerIds, day), await repliesOwed(ctx, ownerIds, now)];

  const base = env().APP_URL;
  const candidateUrl = (id: string) => new URL(`/${agency.slug}/candidates/${id}`, base).toString();
  const targetMs = agency.replyTargetHours * 3_600_000;

  return recipients.flatMap((r): ComposedDigest[] => {
    const followedUp: DigestFollowUp[] = followed
      .filter((f) => f.owner_id === r.user_id)
      .sort((a, b) => a.occurred_at.getTime() - b.occurred_at.getTime())
      .slice(0, DIGEST_LIST_MAX)
      .map((f) => ({
        candidateName: f.candidate_name,
        jobTitle: f.job_title ? (f.client_company ? `${f.job_title} at ${f.client_company}` : f.job_title) : 'no application on file',
        signal: followUpSignal({ kind: f.kind, occurredAt: f.occurred_at, interviewEndedAt: f.ends_at }, agency.timeZone),
        url: candidateUrl(f.candidate_id),
      }));
    const repliesOwedLines: DigestReplyOwed[] = owed
      .filter((o) => o.owner_id === r.user_id)
      .slice(0, DIGEST_LIST_MAX)
      .map((o) => {
        const waited = now.getTime() - o.since.getTime();
        return { candidateName: o.candidate_name, waitingFor: spelledDuration(waited), overdue: waited > targetMs, url: candidateUrl(o.candidate_id) };
      });
    if (followedUp.length === 0 && repliesOwedLines.length === 0) return [];
    return [
      {
        userId: r.user_id,
        to: r.email,
        dedupeKey: digestDedupeKey(r.user_id, day.date),
        props: {
          recipientFirstName: firstName(r.name?.trim() || r.email.split('@')[0]!),
          agencyName: agency.name,
          dateLabel: day.label,
          followedUp,
          repliesOwed: repliesOwedLines,
          dashboardUrl: new URL(`/${agency.slug}`, base).toString(),
          unsubscribeUrl: digestUnsubscribeUrl({ orgId: ctx.actor.orgId, userId: r.user_id }),
        },
      },
    ];
  });
}
