import { sql } from 'drizzle-orm';
import { renderTemplate } from '@/emails';
import { queryRows, ts, uuidArray } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { env } from '@/server/env';
import { AppError } from '@/server/errors';
import { firstName } from '@/server/services/candidates/first-name';
import { loadMailSettings, queueOutboundEmail } from '@/server/services/email/queue-outbound-email';
import { unsafeListAgenciesForJobs, type AgencyForJobs } from '@/server/services/org/unsafe-list-agencies-for-jobs';
import type { ServiceContext } from '@/server/services/types';
import { formatWait } from './format-wait';

export interface AgencyReminderResult {
  orgId: string;
  /** Candidates whose question waits past the agency's reply target. */
  overdue: number;
  /** New in-app reminders to candidates' owners (past the target). */
  reminded: number;
  /** New in-app reminders to team leads (past twice the target). */
  escalated: number;
  emailsQueued: number;
  /** Recipients whose address bounced or complained before: they get the in-app reminder only. */
  emailsSuppressed: number;
  /** 1 when this agency's run failed (logged); its reminders come on the next run. */
  failed: number;
}

export function candidateUrl(slug: string, candidateId: string): string {
  return new URL(`/${slug}/candidates/${candidateId}`, env().APP_URL).toString();
}

export function notificationSettingsUrl(slug: string): string {
  return new URL(`/${slug}/settings`, env().APP_URL).toString();
}

interface NewReminder extends Record<string, unknown> {
  id: string;
  level: 1 | 2;
  dedupe_key: string;
  candidate_id: string;
  subject_at: Date;
  email: string;
  name: string | null;
  reminder_emails: boolean;
  team_name: string | null;
}

/**
 * One agency's reminders at `now`: every candidate (not archived, not erased) whose oldest
 * unanswered question has waited past the reply target reminds its owner; past twice the target it
 * also reminds the leads of the candidate's team (an owner who leads it is not told twice). A
 * reminder is keyed by candidate, waiting-since, level and recipient: running again adds nothing,
 * and a new question after an answer waits from a new moment, so it reminds again.
 */
export async function remindAgency(ctx: ServiceContext, { agency, now }: { agency: AgencyForJobs; now: Date }): Promise<Omit<AgencyReminderResult, 'orgId' | 'failed'>> {
  const { tx, actor } = ctx;
  const orgId = actor.orgId;
  const target = agency.replyTargetHours;
  const result = { overdue: 0, reminded: 0, escalated: 0, emailsQueued: 0, emailsSuppressed: 0 };

  // The overdue candidates, counted first: most runs find none and stop there.
  const overdue = sql`from candidate_engagement ce join candidates c on c.org_id = ce.org_id and c.id = ce.candidate_id
    where ce.org_id = ${orgId} and ce.awaiting_reply_since <= ${ts(now)} - make_interval(hours => ${target}::int)
      and c.archived_at is null and c.erased_at is null`;
  const [counted] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n ${overdue}`);
  result.overdue = counted?.n ?? 0;
  if (result.overdue === 0) return result;

  // The key carries the waiting-since moment to the microsecond, as text independent of the session time zone.
  const inserted = await queryRows<{ id: string }>(
    tx,
    sql`with due as (
          select c.id as candidate_id, c.owner_user_id, c.team_id, ce.awaiting_reply_since as since,
            to_char(ce.awaiting_reply_since at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as since_text,
            ce.awaiting_reply_since <= ${ts(now)} - make_interval(hours => ${2 * target}::int) as escalate
          ${overdue}
        ), recipients as (
          select d.candidate_id, d.since, d.since_text, 1 as level, m.user_id
          from due d join memberships m on m.org_id = ${orgId} and m.user_id = d.owner_user_id
          union
          select d.candidate_id, d.since, d.since_text, 2 as level, tm.user_id
          from due d join team_members tm on tm.org_id = ${orgId} and tm.team_id = d.team_id and tm.is_lead
          join teams t on t.org_id = tm.org_id and t.id = tm.team_id and t.archived_at is null
          where d.escalate and tm.user_id is distinct from d.owner_user_id
        )
        insert into notifications (org_id, user_id, kind, level, candidate_id, subject_at, dedupe_key, created_at)
        select ${orgId}, r.user_id, 'reply_overdue', r.level, r.candidate_id, r.since,
          'reply_overdue:' || r.candidate_id || ':' || r.since_text || ':' || r.level || ':' || r.user_id, ${ts(now)}
        from recipients r
        on conflict (org_id, dedupe_key) do nothing
        returning id`,
  );
  if (inserted.length === 0) return result;

  const reminders = await queryRows<NewReminder>(
    tx,
    sql`select n.id, n.level, n.dedupe_key, n.candidate_id, n.subject_at, u.email, u.name, m.reminder_emails, t.name as team_name
        from notifications n
        join memberships m on m.org_id = n.org_id and m.user_id = n.user_id
        join users u on u.id = n.user_id
        join candidates c on c.org_id = n.org_id and c.id = n.candidate_id
        left join teams t on t.org_id = c.org_id and t.id = c.team_id
        where n.org_id = ${orgId} and n.id = any(${uuidArray(inserted.map((r) => r.id))})
        order by n.subject_at, n.level, u.email`,
  );
  for (const r of reminders) {
    if (r.level === 2) result.escalated += 1;
    else result.reminded += 1;
  }

  const emailed = reminders.filter((r) => r.reminder_emails);
  if (emailed.length === 0) return result;
  const org = await loadMailSettings(ctx);
  for (const r of emailed) {
    const level = r.level === 2 ? 2 : 1;
    const rendered = await renderTemplate('reply-reminder', {
      recipientFirstName: (r.name && firstName(r.name)) || 'there',
      agencyName: org.name,
      level,
      waitingFor: formatWait((now.getTime() - r.subject_at.getTime()) / 1000),
      targetHours: target,
      teamName: r.team_name,
      candidateUrl: candidateUrl(agency.slug, r.candidate_id),
      settingsUrl: notificationSettingsUrl(agency.slug),
    });
    try {
      // Filed under no candidate: the recruiter's own mail must not show in the candidate's timeline, export or
      // erasure, and the recruiter opening it must not count as the candidate's touch (open tracking keys on candidate_id).
      const email = await queueOutboundEmail(ctx, {
        kind: 'reply_reminder',
        candidateId: null,
        to: r.email,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        org,
        fallbackReplyTo: null,
        dedupeKey: r.dedupe_key,
        createdBy: null,
      });
      if (email.queued) result.emailsQueued += 1;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      result.emailsSuppressed += 1;
    }
  }
  return result;
}

/**
 * The reminders job: every agency (or only `orgIds`), each in its own tenant transaction. One
 * agency's failure is logged and counted, and the others go on; its reminders come on the next run,
 * since nothing of the failed transaction was kept.
 */
export async function runReminders(now = new Date(), { orgIds }: { orgIds?: string[] } = {}): Promise<AgencyReminderResult[]> {
  const only = orgIds ? new Set(orgIds) : null;
  const results: AgencyReminderResult[] = [];
  for (const agency of await unsafeListAgenciesForJobs()) {
    if (only && !only.has(agency.orgId)) continue;
    const committed: (() => void)[] = [];
    try {
      const outcome = await withTenant(agency.orgId, (tx) =>
        remindAgency({ tx, actor: { userId: '', orgId: agency.orgId, role: 'owner' }, afterCommit: (fn) => committed.push(fn) }, { agency, now }),
      );
      results.push({ orgId: agency.orgId, ...outcome, failed: 0 });
      for (const fn of committed) fn();
      if (outcome.reminded + outcome.escalated > 0) {
        console.log(
          `[reminders] agency ${agency.orgId}: ${outcome.reminded} reminder(s), ${outcome.escalated} escalation(s), ${outcome.emailsQueued} email(s) queued${outcome.emailsSuppressed ? `, ${outcome.emailsSuppressed} suppressed` : ''}`,
        );
      }
    } catch (error) {
      console.error(`[reminders] agency ${agency.orgId}: failed`, error);
      results.push({ orgId: agency.orgId, overdue: 0, reminded: 0, escalated: 0, emailsQueued: 0, emailsSuppressed: 0, failed: 1 });
    }
  }
  return results;
}
