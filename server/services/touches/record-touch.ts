import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { execute, queryRows, ts, type Tx } from '@/db/client';
import { CHANNELS, DIRECTIONS, TOUCH_KINDS, type Direction, type TouchKind } from '@/db/schema';
import { redactSecretLinks, redactSecretLinksDeep } from '@/server/email/email-secrets';
import { AppError } from '@/server/errors';
import { awaitingKinds, followsUp, touchPoints } from './engagement-sql';
import { strengthOf, TOUCH_RULES } from './touch-kinds';

export const BODY_MAX = 5000;
const FUTURE_TOLERANCE_MS = 5 * 60_000;

export const ZRecordTouchInput = z.object({
  candidateId: z.uuid(),
  applicationId: z.uuid().optional(),
  interviewId: z.uuid().optional(),
  kind: z.enum(TOUCH_KINDS),
  direction: z.enum(DIRECTIONS),
  channel: z.enum(CHANNELS),
  occurredAt: z.date(),
  body: z.string().max(BODY_MAX, `must be at most ${BODY_MAX} characters`).optional(),
  dedupeKey: z.string().min(1).max(200),
  actorUserId: z.uuid().nullable().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
  /** The inbound touch (a question, an email) this outbound touch answers. */
  inReplyTo: z.uuid().optional(),
});
export type RecordTouchInput = z.infer<typeof ZRecordTouchInput>;

export interface TouchRow extends Record<string, unknown> {
  id: string;
  candidate_id: string;
  application_id: string | null;
  interview_id: string | null;
  kind: TouchKind;
  direction: Direction;
  channel: string;
  strength: number;
  occurred_at: Date;
  body: string | null;
  dedupe_key: string;
}

interface Attribution extends Record<string, unknown> {
  interview_id: string | null;
  application_id: string | null;
  ends_at: Date | null;
  window_days: number;
}

/**
 * Finds the interview a touch is about: the one named, or else the candidate's latest interview
 * that ended before the touch and whose follow-up window still covers it.
 */
async function attribute(tx: Tx, orgId: string, input: RecordTouchInput): Promise<Attribution> {
  const [candidate] = await queryRows<{ id: string; window_days: number }>(
    tx,
    sql`select c.id, o.follow_up_window_days as window_days from candidates c join organizations o on o.id = c.org_id
        where c.org_id = ${orgId} and c.id = ${input.candidateId}`,
  );
  if (!candidate) throw new AppError('NOT_FOUND', 'This candidate does not exist.', { field: 'candidateId' });

  if (input.interviewId) {
    const [interview] = await queryRows<Attribution>(
      tx,
      sql`select id as interview_id, application_id, ends_at, ${candidate.window_days}::int as window_days from interviews
          where org_id = ${orgId} and id = ${input.interviewId} and candidate_id = ${input.candidateId}`,
    );
    if (!interview) throw new AppError('NOT_FOUND', 'This interview does not exist for this candidate.', { field: 'interviewId' });
    if (input.applicationId && interview.application_id !== input.applicationId) {
      throw new AppError('BAD_REQUEST', 'The interview belongs to another application.', { field: 'applicationId' });
    }
    return interview;
  }
  if (input.applicationId) {
    const [application] = await queryRows<{ id: string }>(
      tx,
      sql`select id from applications where org_id = ${orgId} and id = ${input.applicationId} and candidate_id = ${input.candidateId}`,
    );
    if (!application) throw new AppError('NOT_FOUND', 'This application does not exist for this candidate.', { field: 'applicationId' });
  }
  const [latest] = await queryRows<Attribution>(
    tx,
    sql`select id as interview_id, application_id, ends_at, ${candidate.window_days}::int as window_days from interviews
        where org_id = ${orgId} and candidate_id = ${input.candidateId} and archived_at is null
          and ends_at <= ${ts(input.occurredAt)} and ends_at + make_interval(days => ${candidate.window_days}) >= ${ts(input.occurredAt)}
          ${input.applicationId ? sql`and application_id = ${input.applicationId}` : sql``}
        order by ends_at desc, id limit 1`,
  );
  return latest ?? { interview_id: null, application_id: input.applicationId ?? null, ends_at: null, window_days: candidate.window_days };
}

async function checkAnswerable(tx: Tx, orgId: string, input: RecordTouchInput): Promise<void> {
  if (input.direction !== 'outbound') throw new AppError('BAD_REQUEST', 'Only the agency answers a touch.', { field: 'inReplyTo' });
  const [original] = await queryRows<{ kind: TouchKind; direction: Direction }>(
    tx,
    sql`select kind, direction from touches where org_id = ${orgId} and id = ${input.inReplyTo ?? null} and candidate_id = ${input.candidateId}`,
  );
  if (!original) throw new AppError('NOT_FOUND', 'The message being answered does not exist for this candidate.', { field: 'inReplyTo' });
  if (original.direction !== 'inbound' || !TOUCH_RULES[original.kind].awaitsReply) {
    throw new AppError('BAD_REQUEST', `A ${TOUCH_RULES[original.kind].label.toLowerCase()} does not wait for an answer.`, { field: 'inReplyTo' });
  }
}

export interface RecordedTouch {
  touch: TouchRow;
  created: boolean;
}

/**
 * The one way a touch enters the ledger, for every feature. Idempotent on the dedupe key: the
 * second call returns the first touch and changes nothing. Engagement is updated in the same
 * transaction, by merging this touch into the running figures.
 */
export async function recordTouch({ tx, orgId }: { tx: Tx; orgId: string }, raw: RecordTouchInput): Promise<RecordedTouch> {
  const parsed = ZRecordTouchInput.parse(raw);
  // A live link (a pasted portal link, a quoted invitation, a tracked click) is a secret the ledger never keeps.
  const input = { ...parsed, body: parsed.body && redactSecretLinks(parsed.body), meta: parsed.meta && redactSecretLinksDeep(parsed.meta) };
  if (!TOUCH_RULES[input.kind].directions.includes(input.direction)) {
    throw new AppError('BAD_REQUEST', `A ${TOUCH_RULES[input.kind].label.toLowerCase()} cannot be ${input.direction}.`, { field: 'direction' });
  }
  // Touches record what happened; other clocks (webhooks, browsers) may run a little ahead.
  if (input.occurredAt.getTime() > Date.now() + FUTURE_TOLERANCE_MS) {
    throw new AppError('BAD_REQUEST', 'A touch cannot happen in the future.', { field: 'occurredAt' });
  }
  const at = await attribute(tx, orgId, input);
  if (input.inReplyTo) await checkAnswerable(tx, orgId, input);
  const strength = strengthOf(input.kind, input.direction);

  const [inserted] = await queryRows<TouchRow>(
    tx,
    sql`insert into touches (org_id, candidate_id, application_id, interview_id, kind, direction, channel, strength, actor_user_id, occurred_at, body, dedupe_key, meta, in_reply_to)
        values (${orgId}, ${input.candidateId}, ${at.application_id}, ${at.interview_id}, ${input.kind}, ${input.direction}, ${input.channel},
                ${strength}, ${input.actorUserId ?? null}, ${ts(input.occurredAt)}, ${input.body ?? null}, ${input.dedupeKey}, ${JSON.stringify(input.meta ?? {})}::jsonb,
                ${input.inReplyTo ?? null})
        on conflict (org_id, dedupe_key) do nothing
        returning *`,
  );
  if (!inserted) {
    const [existing] = await queryRows<TouchRow>(tx, sql`select * from touches where org_id = ${orgId} and dedupe_key = ${input.dedupeKey}`);
    if (!existing) throw new Error('touch vanished between conflict and read');
    return { touch: existing, created: false };
  }
  await mergeIntoEngagement(tx, orgId, inserted, at);
  return { touch: inserted, created: true };
}

async function mergeIntoEngagement(tx: Tx, orgId: string, touch: TouchRow, at: Attribution): Promise<void> {
  const t = ts(touch.occurred_at);
  const s = sql`${touch.strength}::int`;
  const endsAt = ts(at.ends_at);
  const inbound = touch.direction === 'inbound';
  const awaits = inbound && TOUCH_RULES[touch.kind].awaitsReply === true;
  const answers = !inbound && TOUCH_RULES[touch.kind].answers === true;
  const points = touchPoints(s, t, endsAt);
  const followedUpAt = inbound ? sql`(case when ${followsUp(s, t, endsAt, sql`${at.window_days}::int`)} then ${t} end)` : sql`null::timestamptz`;
  const tiers = sql`${inbound && touch.strength >= 5 ? 1 : 0}, ${inbound && touch.strength === 4 ? 1 : 0}, ${inbound && touch.strength >= 1 && touch.strength < 4 ? 1 : 0}`;
  const inOut = sql`${inbound ? 1 : 0}, ${inbound ? 0 : 1}`;
  const lastIn = inbound ? t : sql`null::timestamptz`;
  const lastOut = inbound ? sql`null::timestamptz` : t;

  await execute(tx, sql`
    insert into candidate_engagement as e (org_id, candidate_id, inbound_count, outbound_count, strong_count, medium_count, weak_count,
        max_strength, followed_up_at, first_inbound_at, last_inbound_at, last_outbound_at, last_reply_at, awaiting_reply_since, score_points)
    values (${orgId}, ${touch.candidate_id}, ${inOut}, ${tiers}, ${s}, ${followedUpAt}, ${lastIn}, ${lastIn}, ${lastOut},
        ${answers ? t : sql`null::timestamptz`}, ${awaits ? t : sql`null::timestamptz`}, ${points})
    on conflict (org_id, candidate_id) do update set
      inbound_count = e.inbound_count + excluded.inbound_count,
      outbound_count = e.outbound_count + excluded.outbound_count,
      strong_count = e.strong_count + excluded.strong_count,
      medium_count = e.medium_count + excluded.medium_count,
      weak_count = e.weak_count + excluded.weak_count,
      max_strength = greatest(e.max_strength, excluded.max_strength),
      followed_up_at = least(e.followed_up_at, excluded.followed_up_at),
      first_inbound_at = least(e.first_inbound_at, excluded.first_inbound_at),
      last_inbound_at = greatest(e.last_inbound_at, excluded.last_inbound_at),
      last_outbound_at = greatest(e.last_outbound_at, excluded.last_outbound_at),
      last_reply_at = greatest(e.last_reply_at, excluded.last_reply_at),
      awaiting_reply_since = case
        when excluded.awaiting_reply_since is not null and (e.last_reply_at is null or excluded.awaiting_reply_since > e.last_reply_at)
          then least(e.awaiting_reply_since, excluded.awaiting_reply_since)
        else e.awaiting_reply_since end,
      score_points = e.score_points + excluded.score_points`);

  if (answers) {
    // An answer clears what it answers; anything asked after it still waits. Only the ledger knows what that is.
    await execute(tx, sql`
      update candidate_engagement e set awaiting_reply_since = (
        select min(x.occurred_at) from touches x
        where x.org_id = e.org_id and x.candidate_id = e.candidate_id and x.direction = 'inbound'
          and x.kind in ${awaitingKinds} and x.occurred_at > e.last_reply_at)
      where e.org_id = ${orgId} and e.candidate_id = ${touch.candidate_id}`);
  }

  if (at.interview_id) {
    await execute(tx, sql`
      insert into interview_engagement as e (org_id, interview_id, candidate_id, inbound_count, outbound_count, strong_count, medium_count, weak_count,
          max_strength, followed_up_at, last_inbound_at, last_outbound_at, score_points, follow_up_seconds)
      values (${orgId}, ${at.interview_id}, ${touch.candidate_id}, ${inOut}, ${tiers}, ${s}, ${followedUpAt}, ${lastIn}, ${lastOut}, ${points},
          extract(epoch from (${followedUpAt} - ${endsAt})))
      on conflict (org_id, interview_id) do update set
        follow_up_seconds = case when e.followed_up_at is null or excluded.followed_up_at < e.followed_up_at
          then coalesce(excluded.follow_up_seconds, e.follow_up_seconds) else e.follow_up_seconds end,
        inbound_count = e.inbound_count + excluded.inbound_count,
        outbound_count = e.outbound_count + excluded.outbound_count,
        strong_count = e.strong_count + excluded.strong_count,
        medium_count = e.medium_count + excluded.medium_count,
        weak_count = e.weak_count + excluded.weak_count,
        max_strength = greatest(e.max_strength, excluded.max_strength),
        followed_up_at = least(e.followed_up_at, excluded.followed_up_at),
        last_inbound_at = greatest(e.last_inbound_at, excluded.last_inbound_at),
        last_outbound_at = greatest(e.last_outbound_at, excluded.last_outbound_at),
        score_points = e.score_points + excluded.score_points`);
  }
}
