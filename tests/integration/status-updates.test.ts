import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@/db/client';
import { applications, candidates, interviews, type TouchKind } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { runStatusUpdates } from '@/server/services/status-updates/run-status-updates';
import { recordTouch } from '@/server/services/touches/record-touch';
import { callerFor, createTenant, type TenantFixture } from '../support/fixtures';

const DAY = 86_400_000;
/** The interviews of these tests ended here; every clock below counts from it (all in the past, as touches must be). */
const T0 = new Date('2026-10-01T10:00:00Z');
const at = (days: number, hours = 0) => new Date(T0.getTime() + days * DAY + hours * 3_600_000);

interface Sent extends Record<string, unknown> {
  touch_id: string;
  occurred_at: Date;
  application_id: string | null;
  interview_id: string | null;
  channel: string;
  direction: string;
  actor_user_id: string | null;
  dedupe_key: string;
  email_id: string | null;
  to_address: string | null;
  subject: string | null;
  text: string | null;
  conversation_id: string | null;
  created_by: string | null;
  status: string | null;
}

async function updatesOf(fx: TenantFixture, candidateId: string): Promise<Sent[]> {
  return withTenant(fx.orgId, (tx) =>
    queryRows<Sent>(
      tx,
      sql`select t.id as touch_id, t.occurred_at, t.application_id, t.interview_id, t.channel, t.direction, t.actor_user_id, t.dedupe_key,
            e.id as email_id, e.to_address, e.subject, e.text, e.conversation_id, e.created_by, e.status
          from touches t left join outbound_emails e on e.org_id = t.org_id and e.touch_id = t.id
          where t.org_id = ${fx.orgId} and t.candidate_id = ${candidateId} and t.kind = 'status_update'
          order by t.occurred_at`,
    ),
  );
}

/** An agency with "no decision yet" updates on (every `days` days, through the settings procedure). */
async function agency(label: string, days = 7, enabled = true) {
  const fx = await createTenant(label);
  // The fixture candidate's interview and question happen in real time; these tests run on their own clock.
  await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set archived_at = now() where org_id = ${fx.orgId} and id = ${fx.candidateId}`));
  if (enabled) await callerFor(fx.ownerId).org.updateStatusUpdates({ orgSlug: fx.slug, statusUpdatesEnabled: true, statusUpdateDays: days });
  return fx;
}

/** A candidate of the fixture recruiter, in the interview stage, interviewed until T0. */
async function waitingCandidate(fx: TenantFixture, name = `Cara ${randomUUID().slice(0, 4)}`) {
  const email = `${randomUUID().slice(0, 8)}@candidate.example`;
  return withTenant(fx.orgId, async (tx) => {
    const [c] = await tx
      .insert(candidates)
      .values({ orgId: fx.orgId, name, email, teamId: fx.teamId, ownerUserId: fx.recruiterId })
      .returning({ id: candidates.id });
    const [a] = await tx.insert(applications).values({ orgId: fx.orgId, candidateId: c!.id, jobId: fx.jobId, stage: 'interview' }).returning({ id: applications.id });
    const [i] = await tx
      .insert(interviews)
      .values({ orgId: fx.orgId, applicationId: a!.id, candidateId: c!.id, startsAt: new Date(T0.getTime() - 3_600_000), endsAt: T0, kind: 'video', interviewers: [] })
      .returning({ id: interviews.id });
    return { candidateId: c!.id, applicationId: a!.id, interviewId: i!.id, email, name };
  });
}

function inbound(fx: TenantFixture, candidateId: string, kind: TouchKind, when: Date) {
  return withTenant(fx.orgId, (tx) =>
    recordTouch({ tx, orgId: fx.orgId }, { candidateId, kind, direction: 'inbound', channel: 'email', occurredAt: when, body: 'Thank you!', dedupeKey: `test:${randomUUID()}` }),
  );
}

const run = (fx: TenantFixture, now: Date) => runStatusUpdates(now, { orgIds: [fx.orgId] }).then((r) => r.find((x) => x.orgId === fx.orgId));

describe('"no decision yet" status updates', () => {
  it('are off by default: nothing is sent', async () => {
    const fx = await agency('Off', 7, false);
    const c = await waitingCandidate(fx);
    expect(await runStatusUpdates(at(30), { orgIds: [fx.orgId] })).toEqual([]);
    expect(await updatesOf(fx, c.candidateId)).toEqual([]);
  });

  it('go out N days after the interview, on the timeline and by email, then every N days of silence', async () => {
    const fx = await agency('Every');
    const c = await waitingCandidate(fx, 'Priya Nair');

    expect(await run(fx, at(6, 23))).toMatchObject({ sent: 0, failed: 0 });
    expect(await updatesOf(fx, c.candidateId)).toEqual([]);

    expect(await run(fx, at(7))).toMatchObject({ sent: 1, failed: 0, suppressed: 0 });
    // Any number of runs at the same time send it once.
    expect(await run(fx, at(7, 1))).toMatchObject({ sent: 0 });
    const [first] = (await updatesOf(fx, c.candidateId)) as [Sent];
    expect(first).toMatchObject({
      occurred_at: at(7),
      application_id: c.applicationId,
      interview_id: c.interviewId,
      channel: 'email',
      direction: 'outbound',
      actor_user_id: null,
      dedupe_key: `status-update:${c.applicationId}:1`,
      to_address: c.email,
      subject: 'Your Fixture Engineer application: no decision yet',
      created_by: null,
      status: 'queued',
    });
    expect(first.conversation_id).not.toBeNull();
    expect(first.text).toContain('Hi Priya, no decision yet');
    expect(first.text).toContain('We haven’t forgotten you. It has been a while since your video interview on Thursday 1 October, and there is no decision yet on your application for the Fixture Engineer role at Fixture Co.');
    expect(first.text).toContain('Just reply to this email: it reaches Every Recruiter at Every Agency.');

    // The recruiter sees it on the candidate's timeline, with its delivery status.
    const timeline = await callerFor(fx.recruiterId).touch.timeline({ orgSlug: fx.slug, candidateId: c.candidateId });
    const item = timeline.items.find((t) => t.kind === 'status_update');
    expect(item).toMatchObject({ direction: 'outbound', channel: 'email', email: { status: 'queued', to: c.email } });

    // Not again until N more days of silence.
    expect(await run(fx, at(13, 23))).toMatchObject({ sent: 0 });
    expect(await run(fx, at(14))).toMatchObject({ sent: 1 });
    const updates = await updatesOf(fx, c.candidateId);
    expect(updates.map((u) => u.dedupe_key)).toEqual([`status-update:${c.applicationId}:1`, `status-update:${c.applicationId}:2`]);
    // The second continues the conversation the first one started.
    expect(updates[1]).toMatchObject({ subject: 'Re: Fixture Engineer: your follow-up', conversation_id: first.conversation_id });
  });

  it('wait for N days after the agency last wrote, before the first update', async () => {
    const fx = await agency('Wrote');
    const c = await waitingCandidate(fx);
    await callerFor(fx.recruiterId).touch.log({ orgSlug: fx.slug, candidateId: c.candidateId, kind: 'call', direction: 'outbound', occurredAt: at(5).toISOString(), clientRequestId: randomUUID() });
    expect(await run(fx, at(11, 23))).toMatchObject({ sent: 0 });
    expect(await run(fx, at(12))).toMatchObject({ sent: 1 });
  });

  it('stop for good with a decision', async () => {
    const fx = await agency('Decided');
    const c = await waitingCandidate(fx);
    expect(await run(fx, at(7))).toMatchObject({ sent: 1 });
    await callerFor(fx.recruiterId).application.update({ orgSlug: fx.slug, applicationId: c.applicationId, stage: 'rejected' });
    expect(await run(fx, at(14))).toMatchObject({ sent: 0 });
    expect(await run(fx, at(45))).toMatchObject({ sent: 0 });
    expect(await updatesOf(fx, c.candidateId)).toHaveLength(1);
  });

  it('stop for good once the candidate replies', async () => {
    const fx = await agency('Replied');
    const c = await waitingCandidate(fx);
    const other = await waitingCandidate(fx);
    expect(await run(fx, at(7))).toMatchObject({ sent: 2 });
    await inbound(fx, c.candidateId, 'thank_you', at(8));
    expect(await run(fx, at(14))).toMatchObject({ sent: 1 });
    expect(await run(fx, at(45))).toMatchObject({ sent: 1 });
    expect(await updatesOf(fx, c.candidateId)).toHaveLength(1);
    expect(await updatesOf(fx, other.candidateId)).toHaveLength(3);
  });

  it('stop for good once a recruiter writes personally', async () => {
    const fx = await agency('Personal');
    const c = await waitingCandidate(fx);
    expect(await run(fx, at(7))).toMatchObject({ sent: 1 });
    await callerFor(fx.recruiterId).touch.log({ orgSlug: fx.slug, candidateId: c.candidateId, kind: 'message', direction: 'outbound', occurredAt: at(9).toISOString(), body: 'Any news on your side?', clientRequestId: randomUUID() });
    expect(await run(fx, at(16))).toMatchObject({ sent: 0 });
    expect(await run(fx, at(45))).toMatchObject({ sent: 0 });
    expect(await updatesOf(fx, c.candidateId)).toHaveLength(1);
  });

  it('are not sent while the candidate waits on a reply', async () => {
    const fx = await agency('Owed');
    const c = await waitingCandidate(fx);
    await inbound(fx, c.candidateId, 'question', at(1));
    expect(await run(fx, at(20))).toMatchObject({ sent: 0 });
    expect(await updatesOf(fx, c.candidateId)).toEqual([]);
  });

  it('skip a suppressed address, and the others still get theirs', async () => {
    const fx = await agency('Bounced');
    const c = await waitingCandidate(fx);
    const other = await waitingCandidate(fx);
    await withTenant(fx.orgId, (tx) => tx.execute(sql`insert into suppressions (org_id, email, reason) values (${fx.orgId}, ${c.email}, 'bounced')`));
    expect(await run(fx, at(7))).toMatchObject({ sent: 1, suppressed: 1, failed: 0 });
    expect(await updatesOf(fx, c.candidateId)).toEqual([]);
    expect(await updatesOf(fx, other.candidateId)).toHaveLength(1);
  });

  it('skip archived candidates and archived applications, and respect the batch limit', async () => {
    const fx = await agency('Batch');
    const archived = await waitingCandidate(fx);
    const closed = await waitingCandidate(fx);
    await withTenant(fx.orgId, async (tx) => {
      await tx.execute(sql`update candidates set archived_at = now() where org_id = ${fx.orgId} and id = ${archived.candidateId}`);
      await tx.execute(sql`update applications set archived_at = now() where org_id = ${fx.orgId} and id = ${closed.applicationId}`);
    });
    await waitingCandidate(fx);
    await waitingCandidate(fx);
    await waitingCandidate(fx);
    const [first] = await runStatusUpdates(at(7), { orgIds: [fx.orgId], batch: 2 });
    expect(first).toMatchObject({ sent: 2, more: true });
    const [second] = await runStatusUpdates(at(7, 1), { orgIds: [fx.orgId], batch: 2 });
    expect(second).toMatchObject({ sent: 1, more: false });
    expect(await updatesOf(fx, archived.candidateId)).toEqual([]);
    expect(await updatesOf(fx, closed.candidateId)).toEqual([]);
  });
});

describe('the status update setting', () => {
  it('is off by default, validated, audited and shown on the agency page', async () => {
    const fx = await createTenant('Setting');
    const owner = callerFor(fx.ownerId);
    expect((await owner.org.overview({ orgSlug: fx.slug })).statusUpdates).toMatchObject({ statusUpdatesEnabled: false, statusUpdateDays: 7 });

    for (const [days, message] of [
      [0, 'Send updates at most once a day: enter 1 day or more.'],
      [61, 'Send updates at least every 60 days: enter 60 or fewer.'],
      [2.5, 'Use a whole number of days.'],
    ] as const) {
      await expect(owner.org.updateStatusUpdates({ orgSlug: fx.slug, statusUpdatesEnabled: true, statusUpdateDays: days })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringContaining(message),
      });
    }
    expect((await owner.org.overview({ orgSlug: fx.slug })).statusUpdates).toMatchObject({ statusUpdatesEnabled: false, statusUpdateDays: 7 });

    await expect(owner.org.updateStatusUpdates({ orgSlug: fx.slug, statusUpdatesEnabled: true, statusUpdateDays: 10 })).resolves.toEqual({
      statusUpdatesEnabled: true,
      statusUpdateDays: 10,
    });
    expect((await owner.org.overview({ orgSlug: fx.slug })).statusUpdates).toMatchObject({ statusUpdatesEnabled: true, statusUpdateDays: 10 });
    const [audit] = await withTenant(fx.orgId, (tx) =>
      queryRows<{ before: unknown; after: unknown; actor_user_id: string }>(
        tx,
        sql`select before, after, actor_user_id from audit_log where org_id = ${fx.orgId} and action = 'settings.update' order by created_at desc limit 1`,
      ),
    );
    expect(audit).toEqual({ actor_user_id: fx.ownerId, before: { statusUpdatesEnabled: false, statusUpdateDays: 7 }, after: { statusUpdatesEnabled: true, statusUpdateDays: 10 } });
  });

  it('cannot be changed by a recruiter', async () => {
    const fx = await createTenant('NoRecruiter');
    await expect(callerFor(fx.recruiterId).org.updateStatusUpdates({ orgSlug: fx.slug, statusUpdatesEnabled: true, statusUpdateDays: 3 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await callerFor(fx.recruiterId).org.overview({ orgSlug: fx.slug })).statusUpdates).toMatchObject({ statusUpdatesEnabled: false, statusUpdateDays: 7 });
  });
});
