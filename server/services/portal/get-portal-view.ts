import { sql } from 'drizzle-orm';
import { queryRows } from '@/db/client';
import type { Interviewer } from '@/db/schema';
import { firstName } from '@/server/services/candidates/first-name';
import type { PortalContext, PortalQuestion, PortalThanks, PortalView } from './types';

/** Below this many answered questions a median says little; the agency's own target is shown instead. */
const MIN_MEASURED_ANSWERS = 3;
const SHOWN_MAX = 100;

export function replyTimeLabel(seconds: number): string {
  const hours = seconds / 3600;
  if (hours <= 1) return 'within an hour';
  if (hours < 36) return `within ${Math.ceil(hours)} hours`;
  return `within ${Math.ceil(hours / 24)} days`;
}

/** The portal page of one candidate's application: nothing here can name another candidate. */
export async function getPortalView({ tx, session }: PortalContext): Promise<PortalView> {
  const { orgId, candidateId, applicationId } = session;
  const [head] = await queryRows<{
    org_name: string;
    brand_color: string;
    logo_url: string | null;
    time_zone: string;
    reply_target_hours: number;
    candidate_name: string;
    job_title: string;
    client_company: string;
  }>(
    tx,
    sql`select o.name as org_name, o.brand_color, o.logo_url, o.time_zone, o.reply_target_hours, c.name as candidate_name,
          j.title as job_title, j.client_company
        from applications a
        join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
        join jobs j on j.org_id = a.org_id and j.id = a.job_id
        join organizations o on o.id = a.org_id
        where a.org_id = ${orgId} and a.id = ${applicationId} and a.candidate_id = ${candidateId}`,
  );
  if (!head) throw new Error('portal link points at a missing application');

  const [interview] = await queryRows<{ kind: 'phone' | 'video' | 'onsite'; starts_at: Date; ends_at: Date; interviewers: Interviewer[] }>(
    tx,
    session.interviewId
      ? sql`select kind, starts_at, ends_at, interviewers from interviews
            where org_id = ${orgId} and id = ${session.interviewId} and candidate_id = ${candidateId}`
      : sql`select kind, starts_at, ends_at, interviewers from interviews
            where org_id = ${orgId} and application_id = ${applicationId} and candidate_id = ${candidateId} and archived_at is null
            order by starts_at desc limit 1`,
  );

  const [measured] = await queryRows<{ median_seconds: number | null; answers: number }>(
    tx,
    sql`select percentile_cont(0.5) within group (order by extract(epoch from a.occurred_at - q.occurred_at))::float8 as median_seconds,
          count(*)::int as answers
        from touches a join touches q on q.org_id = a.org_id and q.id = a.in_reply_to
        where a.org_id = ${orgId} and a.kind = 'answer' and a.in_reply_to is not null
          and a.occurred_at > now() - interval '90 days'`,
  );
  const replyTime =
    measured && measured.answers >= MIN_MEASURED_ANSWERS && measured.median_seconds !== null
      ? { label: replyTimeLabel(measured.median_seconds), basis: 'measured' as const }
      : { label: replyTimeLabel(head.reply_target_hours * 3600), basis: 'target' as const };

  const questions = await queryRows<{
    id: string;
    body: string | null;
    occurred_at: Date;
    answer_body: string | null;
    answered_at: Date | null;
    answered_by: string | null;
  }>(
    tx,
    sql`select q.id, q.body, q.occurred_at, a.body as answer_body, a.occurred_at as answered_at, a.answered_by
        from touches q
        left join lateral (
          select x.body, x.occurred_at, u.name as answered_by from touches x left join users u on u.id = x.actor_user_id
          where x.org_id = q.org_id and x.in_reply_to = q.id order by x.occurred_at, x.id limit 1) a on true
        where q.org_id = ${orgId} and q.candidate_id = ${candidateId} and q.application_id = ${applicationId}
          and q.kind = 'question' and q.channel = 'portal'
        order by q.occurred_at desc, q.id desc limit ${SHOWN_MAX}`,
  );

  const thanks = await queryRows<{ id: string; body: string | null; occurred_at: Date; meta: { to?: unknown } }>(
    tx,
    sql`select id, body, occurred_at, meta from touches
        where org_id = ${orgId} and candidate_id = ${candidateId} and application_id = ${applicationId}
          and kind = 'thank_you' and channel = 'portal'
        order by occurred_at desc, id desc limit ${SHOWN_MAX}`,
  );

  return {
    agency: { name: head.org_name, brandColor: head.brand_color, logoUrl: head.logo_url, timeZone: head.time_zone },
    candidate: { firstName: firstName(head.candidate_name) },
    role: { title: head.job_title, clientCompany: head.client_company },
    interview: interview
      ? { kind: interview.kind, startsAt: interview.starts_at, endsAt: interview.ends_at, interviewers: interview.interviewers.map((i) => i.name) }
      : null,
    replyTime,
    questions: questions.map(
      (q): PortalQuestion => ({
        id: q.id,
        body: q.body ?? '',
        askedAt: q.occurred_at,
        answer: q.answered_at ? { body: q.answer_body ?? '', answeredAt: q.answered_at, by: q.answered_by } : null,
      }),
    ),
    thanks: thanks.map(
      (t): PortalThanks => ({
        id: t.id,
        body: t.body ?? '',
        sentAt: t.occurred_at,
        to: Array.isArray(t.meta.to) ? t.meta.to.filter((n): n is string => typeof n === 'string') : [],
      }),
    ),
    linkExpiresAt: session.expiresAt,
  };
}
