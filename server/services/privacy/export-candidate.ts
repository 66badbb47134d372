import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { queryRows } from '@/db/client';
import type { Interviewer } from '@/db/schema';
import { describeSecretMarkers, redactSecretLinks } from '@/server/email/email-secrets';
import { recordAudit } from '@/server/services/audit/record-audit';
import type { ServiceContext } from '@/server/services/types';
import { loadPrivacyCandidate, ZPrivacyCandidateInput } from './privacy-candidate';

export const CANDIDATE_EXPORT_FORMAT = 'afterview.candidate-export.v1';

export const ZExportCandidateInput = ZPrivacyCandidateInput;
export type ExportCandidateInput = z.infer<typeof ZExportCandidateInput>;

// Stored emails hold placeholders where their live links went ("[portal link]" here); text from
// before they did, a quoted invitation or a tracked click may still hold a live URL: the token is a
// secret (only its hash is stored) and leaves the system nowhere else, so the export leaves it out.
const PORTAL_TOKEN = /\/p\/[A-Za-z0-9_-]{20,}/g;
const TOKEN_REMOVED = '/p/[link removed]';

function withoutPortalTokens<T>(value: T): T {
  if (typeof value === 'string') return redactSecretLinks(describeSecretMarkers(value)).replace(PORTAL_TOKEN, TOKEN_REMOVED) as T;
  if (Array.isArray(value)) return value.map((v) => withoutPortalTokens(v)) as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withoutPortalTokens(v)])) as T;
  }
  return value;
}

function portalLinkStatus(link: { revoked_at: Date | null; expires_at: Date }, now: Date): 'active' | 'expired' | 'revoked' {
  if (link.revoked_at) return 'revoked';
  return link.expires_at.getTime() <= now.getTime() ? 'expired' : 'active';
}

/**
 * Everything the agency holds about one candidate, machine-readable (GDPR access and portability):
 * the record, applications with their jobs, interviews, every touch with what was said, emails
 * sent (with their status) and received, portal links (never their hashes) and engagement. The
 * export is written to the audit log, with counts only.
 */
export async function exportCandidate(ctx: ServiceContext, input: ExportCandidateInput, now = new Date()) {
  const { tx, actor } = ctx;
  const orgId = actor.orgId;
  const candidate = await loadPrivacyCandidate(ctx, input.candidateId);
  const id = candidate.id;
  const email = candidate.email.trim().toLowerCase();

  const [context] = await queryRows<{ agency_name: string; owner_name: string | null; team_name: string | null }>(
    tx,
    sql`select o.name as agency_name, coalesce(u.name, u.email) as owner_name, t.name as team_name
        from candidates c join organizations o on o.id = c.org_id
        left join users u on u.id = c.owner_user_id
        left join teams t on t.org_id = c.org_id and t.id = c.team_id
        where c.org_id = ${orgId} and c.id = ${id}`,
  );

  const applications = await queryRows<{
    id: string;
    job_id: string;
    job_title: string;
    client_company: string;
    stage: string;
    created_at: Date;
    updated_at: Date;
    archived_at: Date | null;
  }>(
    tx,
    sql`select a.id, a.job_id, j.title as job_title, j.client_company, a.stage, a.created_at, a.updated_at, a.archived_at
        from applications a join jobs j on j.org_id = a.org_id and j.id = a.job_id
        where a.org_id = ${orgId} and a.candidate_id = ${id} order by a.created_at, a.id`,
  );

  const interviews = await queryRows<{
    id: string;
    application_id: string;
    kind: string;
    starts_at: Date;
    ends_at: Date;
    interviewers: Interviewer[];
    created_at: Date;
    archived_at: Date | null;
    followed_up_at: Date | null;
    inbound_count: number | null;
    outbound_count: number | null;
    strong_count: number | null;
    medium_count: number | null;
    weak_count: number | null;
    max_strength: number | null;
    score_points: number | null;
  }>(
    tx,
    sql`select i.id, i.application_id, i.kind, i.starts_at, i.ends_at, i.interviewers, i.created_at, i.archived_at,
          e.followed_up_at, e.inbound_count, e.outbound_count, e.strong_count, e.medium_count, e.weak_count, e.max_strength, e.score_points
        from interviews i left join interview_engagement e on e.org_id = i.org_id and e.interview_id = i.id
        where i.org_id = ${orgId} and i.candidate_id = ${id} order by i.starts_at, i.id`,
  );

  const touches = await queryRows<{
    id: string;
    application_id: string | null;
    interview_id: string | null;
    kind: string;
    direction: string;
    channel: string;
    strength: number;
    occurred_at: Date;
    recorded_at: Date;
    body: string | null;
    meta: Record<string, unknown>;
    in_reply_to: string | null;
    actor_name: string | null;
  }>(
    tx,
    sql`select t.id, t.application_id, t.interview_id, t.kind, t.direction, t.channel, t.strength, t.occurred_at, t.recorded_at,
          t.body, t.meta, t.in_reply_to, coalesce(u.name, u.email) as actor_name
        from touches t left join users u on u.id = t.actor_user_id
        where t.org_id = ${orgId} and t.candidate_id = ${id} order by t.occurred_at, t.id`,
  );

  const [conversation] = await queryRows<{ id: string; subject: string; created_at: Date; updated_at: Date }>(
    tx,
    sql`select id, subject, created_at, updated_at from conversations where org_id = ${orgId} and candidate_id = ${id}`,
  );
  const conversationIds = sql`(select cv.id from conversations cv where cv.org_id = ${orgId} and cv.candidate_id = ${id})`;

  const sent = await queryRows<{
    id: string;
    kind: string;
    touch_id: string | null;
    from_address: string;
    to_address: string;
    reply_to: string | null;
    subject: string;
    text: string;
    html: string;
    status: string;
    last_error: string | null;
    created_at: Date;
    sent_at: Date | null;
    status_at: Date;
  }>(
    tx,
    sql`select e.id, e.kind, e.touch_id, e.from_address, e.to_address, e.reply_to, e.subject, e.text, e.html, e.status, e.last_error,
          e.created_at, e.sent_at, e.status_at
        from outbound_emails e
        where e.org_id = ${orgId} and (e.candidate_id = ${id} or e.conversation_id in ${conversationIds})
        order by e.created_at, e.id`,
  );

  const received = await queryRows<{
    id: string;
    touch_id: string | null;
    from_address: string;
    to_addresses: string[];
    subject: string;
    text: string;
    full_text: string;
    received_at: Date;
    routed: boolean;
  }>(
    tx,
    sql`select r.id, r.touch_id, r.from_address, r.to_addresses, r.subject, r.text, r.full_text, r.received_at,
          r.conversation_id is not null as routed
        from inbound_emails r
        where r.org_id = ${orgId} and (
          r.conversation_id in ${conversationIds}
          or r.touch_id in (select t.id from touches t where t.org_id = ${orgId} and t.candidate_id = ${id})
          or (${email} <> '' and lower(trim(coalesce(substring(r.from_address from '<([^<>]+)>'), r.from_address))) = ${email}))
        order by r.received_at, r.id`,
  );

  // Only what a recruiter sees of a link: never its token hash.
  const links = await queryRows<{
    id: string;
    application_id: string;
    interview_id: string | null;
    created_at: Date;
    expires_at: Date;
    revoked_at: Date | null;
    last_used_at: Date | null;
  }>(
    tx,
    sql`select id, application_id, interview_id, created_at, expires_at, revoked_at, last_used_at
        from portal_links where org_id = ${orgId} and candidate_id = ${id} order by created_at, id`,
  );

  const [engagement] = await queryRows<{
    inbound_count: number;
    outbound_count: number;
    strong_count: number;
    medium_count: number;
    weak_count: number;
    max_strength: number;
    followed_up_at: Date | null;
    first_inbound_at: Date | null;
    last_inbound_at: Date | null;
    last_outbound_at: Date | null;
    last_reply_at: Date | null;
    awaiting_reply_since: Date | null;
    score_points: number;
  }>(
    tx,
    sql`select inbound_count, outbound_count, strong_count, medium_count, weak_count, max_strength, followed_up_at, first_inbound_at,
          last_inbound_at, last_outbound_at, last_reply_at, awaiting_reply_since, score_points
        from candidate_engagement where org_id = ${orgId} and candidate_id = ${id}`,
  );

  const [suppression] = await queryRows<{ email: string; reason: string; created_at: Date }>(
    tx,
    sql`select email, reason, created_at from suppressions where org_id = ${orgId} and email = ${email}`,
  );

  const document = withoutPortalTokens({
    format: CANDIDATE_EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    agency: { name: context?.agency_name ?? null },
    candidate: {
      id,
      name: candidate.name,
      email: candidate.email,
      phone: candidate.phone,
      tags: candidate.tags,
      source: candidate.source,
      owner: context?.owner_name ?? null,
      team: context?.team_name ?? null,
      createdAt: candidate.createdAt,
      updatedAt: candidate.updatedAt,
      archivedAt: candidate.archivedAt,
      erasedAt: candidate.erasedAt,
    },
    applications: applications.map((a) => ({
      id: a.id,
      jobId: a.job_id,
      jobTitle: a.job_title,
      clientCompany: a.client_company,
      stage: a.stage,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      archivedAt: a.archived_at,
    })),
    interviews: interviews.map((i) => ({
      id: i.id,
      applicationId: i.application_id,
      kind: i.kind,
      startsAt: i.starts_at,
      endsAt: i.ends_at,
      interviewers: i.interviewers,
      createdAt: i.created_at,
      archivedAt: i.archived_at,
    })),
    touches: touches.map((t) => ({
      id: t.id,
      kind: t.kind,
      direction: t.direction,
      channel: t.channel,
      strength: t.strength,
      occurredAt: t.occurred_at,
      recordedAt: t.recorded_at,
      applicationId: t.application_id,
      interviewId: t.interview_id,
      inReplyTo: t.in_reply_to,
      by: t.actor_name,
      body: t.body,
      meta: t.meta,
    })),
    conversation: conversation
      ? { id: conversation.id, subject: conversation.subject, createdAt: conversation.created_at, updatedAt: conversation.updated_at }
      : null,
    emailsSent: sent.map((e) => ({
      id: e.id,
      kind: e.kind,
      touchId: e.touch_id,
      from: e.from_address,
      to: e.to_address,
      replyTo: e.reply_to,
      subject: e.subject,
      status: e.status,
      error: e.last_error,
      createdAt: e.created_at,
      sentAt: e.sent_at,
      statusAt: e.status_at,
      text: e.text,
      html: e.html,
    })),
    emailsReceived: received.map((r) => ({
      id: r.id,
      touchId: r.touch_id,
      from: r.from_address,
      to: r.to_addresses,
      subject: r.subject,
      receivedAt: r.received_at,
      routed: r.routed,
      text: r.text,
      fullText: r.full_text,
    })),
    portalLinks: links.map((l) => ({
      id: l.id,
      applicationId: l.application_id,
      interviewId: l.interview_id,
      status: portalLinkStatus(l, now),
      createdAt: l.created_at,
      expiresAt: l.expires_at,
      revokedAt: l.revoked_at,
      lastUsedAt: l.last_used_at,
    })),
    engagement: {
      candidate: engagement
        ? {
            inboundCount: engagement.inbound_count,
            outboundCount: engagement.outbound_count,
            strongCount: engagement.strong_count,
            mediumCount: engagement.medium_count,
            weakCount: engagement.weak_count,
            maxStrength: engagement.max_strength,
            followedUpAt: engagement.followed_up_at,
            firstInboundAt: engagement.first_inbound_at,
            lastInboundAt: engagement.last_inbound_at,
            lastOutboundAt: engagement.last_outbound_at,
            lastReplyAt: engagement.last_reply_at,
            awaitingReplySince: engagement.awaiting_reply_since,
            scorePoints: engagement.score_points,
          }
        : null,
      interviews: interviews.map((i) => ({
        interviewId: i.id,
        followedUpAt: i.followed_up_at,
        inboundCount: i.inbound_count ?? 0,
        outboundCount: i.outbound_count ?? 0,
        strongCount: i.strong_count ?? 0,
        mediumCount: i.medium_count ?? 0,
        weakCount: i.weak_count ?? 0,
        maxStrength: i.max_strength ?? 0,
        scorePoints: i.score_points ?? 0,
      })),
    },
    suppression: suppression ? { email: suppression.email, reason: suppression.reason, since: suppression.created_at } : null,
  });

  // Personal data leaves the system here, so the export is on the audit trail (counts, not content).
  await recordAudit(ctx, {
    action: 'candidate.export',
    targetType: 'candidate',
    targetId: id,
    after: {
      format: CANDIDATE_EXPORT_FORMAT,
      applications: applications.length,
      interviews: interviews.length,
      touches: touches.length,
      emailsSent: sent.length,
      emailsReceived: received.length,
      portalLinks: links.length,
    },
  });
  return document;
}

export type CandidateExport = Awaited<ReturnType<typeof exportCandidate>>;
