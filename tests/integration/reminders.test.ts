import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { candidates, teamMembers } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { recordTouch } from '@/server/services/touches/record-touch';
import { runReminders } from '@/server/services/notifications/run-reminders';
import { addMember, callerFor, createTenant, createUser, type TenantFixture } from '../support/fixtures';

// One agency's reminders can be made to fail, to show the others still get theirs.
const failing = vi.hoisted(() => ({ orgIds: new Set<string>() }));
vi.mock('@/server/services/email/queue-outbound-email', async (importOriginal) => {
  const original = await importOriginal<typeof import('@/server/services/email/queue-outbound-email')>();
  return {
    ...original,
    queueOutboundEmail: (...args: Parameters<typeof original.queueOutboundEmail>) => {
      if (failing.orgIds.has(args[0].actor.orgId)) throw new Error('the outbox is down');
      return original.queueOutboundEmail(...args);
    },
  };
});

const HOUR = 3_600_000;
const TARGET = 48;

/**
 * An agency (reply target 48 h) with a candidate owned by a recruiter who does not lead the team,
 * whose lead is the fixture's recruiter. The clock starts `T0`, far enough in the past that every
 * moment the tests use has already happened.
 */
interface Agency extends TenantFixture {
  ownerRecruiter: { id: string; email: string };
  leadEmail: string;
  bystanderId: string;
  candidateId: string;
}

async function agency(label: string): Promise<Agency> {
  const fx = await createTenant(label);
  const ownerRecruiter = await createUser(`${label.toLowerCase()}-owner-rec-${randomUUID().slice(0, 8)}@example.com`, `${label} Owner-Recruiter`);
  const bystander = await createUser(undefined, `${label} Bystander`);
  await addMember(fx.orgId, ownerRecruiter.id, 'recruiter');
  await addMember(fx.orgId, bystander.id, 'admin');
  const candidateId = await withTenant(fx.orgId, async (tx) => {
    await tx.insert(teamMembers).values({ orgId: fx.orgId, teamId: fx.teamId, userId: ownerRecruiter.id });
    // The fixture's own candidate asked a question yesterday and has a reminder; both stay out of these tests' way.
    await tx.execute(sql`update candidates set archived_at = now() where org_id = ${fx.orgId} and id = ${fx.candidateId}`);
    await tx.execute(sql`delete from notifications where org_id = ${fx.orgId}`);
    await tx.execute(sql`update organizations set reply_target_hours = ${TARGET} where id = ${fx.orgId}`);
    return addCandidate(tx, fx, ownerRecruiter.id);
  });
  const [lead] = await queryRows<{ email: string }>(getDb(), sql`select email from users where id = ${fx.recruiterId}`);
  return { ...fx, ownerRecruiter: { id: ownerRecruiter.id, email: ownerRecruiter.email }, leadEmail: lead!.email, bystanderId: bystander.id, candidateId };
}

async function addCandidate(tx: Parameters<Parameters<typeof withTenant>[1]>[0], fx: TenantFixture, ownerUserId: string | null): Promise<string> {
  const [c] = await tx
    .insert(candidates)
    .values({ orgId: fx.orgId, name: `Waiting Candidate ${randomUUID().slice(0, 4)}`, email: `${randomUUID().slice(0, 8)}@candidate.example`, teamId: fx.teamId, ownerUserId })
    .returning({ id: candidates.id });
  return c!.id;
}

async function ask(fx: TenantFixture, candidateId: string, at: Date): Promise<string> {
  return withTenant(fx.orgId, async (tx) => {
    const { touch } = await recordTouch(
      { tx, orgId: fx.orgId },
      { candidateId, kind: 'question', direction: 'inbound', channel: 'portal', occurredAt: at, body: 'Is the role hybrid?', dedupeKey: `test:${randomUUID()}` },
    );
    return touch.id;
  });
}

async function answer(fx: TenantFixture, candidateId: string, questionId: string, at: Date, actorUserId: string): Promise<void> {
  await withTenant(fx.orgId, (tx) =>
    recordTouch(
      { tx, orgId: fx.orgId },
      { candidateId, kind: 'answer', direction: 'outbound', channel: 'portal', occurredAt: at, body: 'Yes, two days a week.', dedupeKey: `answer:${questionId}`, inReplyTo: questionId, actorUserId },
    ),
  );
}

interface NotificationRow extends Record<string, unknown> {
  id: string;
  user_id: string;
  level: number;
  candidate_id: string;
  read_at: Date | null;
}

const notificationsOf = (fx: TenantFixture, candidateId: string) =>
  withTenant(fx.orgId, (tx) =>
    queryRows<NotificationRow>(tx, sql`select id, user_id, level, candidate_id, read_at from notifications where org_id = ${fx.orgId} and candidate_id = ${candidateId} order by created_at, level`),
  );

interface ReminderEmail extends Record<string, unknown> {
  id: string;
  to_address: string;
  subject: string;
  text: string;
  candidate_id: string | null;
  conversation_id: string | null;
  touch_id: string | null;
  dedupe_key: string;
  created_by: string | null;
}

const reminderEmailsOf = (fx: TenantFixture) =>
  withTenant(fx.orgId, async (tx) => {
    // Other files' agencies share the outbox on a server database: this file's emails must not be due.
    await tx.execute(sql`update outbound_emails set next_attempt_at = now() + interval '1 day' where org_id = ${fx.orgId} and status = 'queued'`);
    return queryRows<ReminderEmail>(
      tx,
      sql`select id, to_address, subject, text, candidate_id, conversation_id, touch_id, dedupe_key, created_by from outbound_emails
          where org_id = ${fx.orgId} and kind = 'reply_reminder' order by created_at, subject`,
    );
  });

const run = async (fx: TenantFixture, at: Date) => {
  const [summary] = await runReminders(at, { orgIds: [fx.orgId] });
  return summary!;
};

describe('reply reminders, with a controlled clock', () => {
  let a: Agency;
  let t0: number;
  let questionId: string;
  const at = (hours: number) => new Date(t0 + hours * HOUR);

  beforeAll(async () => {
    a = await agency('Remind');
    t0 = Date.now() - 400 * HOUR;
    questionId = await ask(a, a.candidateId, at(0));
  });

  it('does nothing before the reply target', async () => {
    const summary = await run(a, at(47.9));
    expect(summary).toMatchObject({ orgId: a.orgId, overdue: 0, reminded: 0, escalated: 0, emailsQueued: 0, failed: 0 });
    expect(await notificationsOf(a, a.candidateId)).toEqual([]);
    expect(await reminderEmailsOf(a)).toEqual([]);
  });

  it('past the target, tells the owner in the app and by one email to their address', async () => {
    const summary = await run(a, at(49));
    expect(summary).toMatchObject({ overdue: 1, reminded: 1, escalated: 0, emailsQueued: 1, failed: 0 });
    const rows = await notificationsOf(a, a.candidateId);
    expect(rows.map((r) => [r.user_id, r.level])).toEqual([[a.ownerRecruiter.id, 1]]);

    const emails = await reminderEmailsOf(a);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.to_address).toBe(a.ownerRecruiter.email);
    expect(emails[0]!.subject).toBe('A candidate has waited 2 days for your reply');
    expect(emails[0]!.text).toContain(`http://localhost:3999/${a.slug}/candidates/${a.candidateId}`);
    expect(emails[0]!.text).toContain(`http://localhost:3999/${a.slug}/settings`);
    expect(emails[0]!.created_by).toBeNull();

    const list = await callerFor(a.ownerRecruiter.id).notification.list({ orgSlug: a.slug });
    expect(list.items[0]).toMatchObject({ level: 1, candidateId: a.candidateId, stillWaiting: true, readAt: null });
    expect(list.items[0]!.candidateName).toMatch(/^Waiting Candidate/);
    expect(await callerFor(a.ownerRecruiter.id).notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: 1 });
  });

  it('past twice the target, tells the team lead too, and not the owner a second time', async () => {
    const summary = await run(a, at(97));
    expect(summary).toMatchObject({ reminded: 0, escalated: 1, emailsQueued: 1 });
    const rows = await notificationsOf(a, a.candidateId);
    expect(rows.map((r) => [r.user_id, r.level])).toEqual([
      [a.ownerRecruiter.id, 1],
      [a.recruiterId, 2],
    ]);
    const emails = await reminderEmailsOf(a);
    expect(emails.map((e) => e.to_address).sort()).toEqual([a.ownerRecruiter.email, a.leadEmail].sort());
    const toLead = emails.find((e) => e.to_address === a.leadEmail)!;
    expect(toLead.subject).toBe('Escalated: a candidate has waited 4 days for a reply');
    expect(toLead.text).toContain('A candidate of your team, Fixture team, has waited 4 days');
  });

  it('adds nothing when it runs again', async () => {
    const summary = await run(a, at(98));
    expect(summary).toMatchObject({ overdue: 1, reminded: 0, escalated: 0, emailsQueued: 0 });
    expect(await notificationsOf(a, a.candidateId)).toHaveLength(2);
    expect(await reminderEmailsOf(a)).toHaveLength(2);
  });

  it('keeps the reminder email off the candidate: not on the timeline, not in the conversation, filed under no candidate', async () => {
    const emails = await reminderEmailsOf(a);
    for (const e of emails) expect(e).toMatchObject({ candidate_id: null, conversation_id: null, touch_id: null });
    const timeline = await callerFor(a.ownerId).touch.timeline({ orgSlug: a.slug, candidateId: a.candidateId });
    expect(timeline.items.map((t) => t.kind)).toEqual(['question']);
    expect(timeline.items.every((t) => t.email === null)).toBe(true);
    const conversations = await withTenant(a.orgId, (tx) => queryRows(tx, sql`select id from conversations where org_id = ${a.orgId} and candidate_id = ${a.candidateId}`));
    expect(conversations).toEqual([]);
    // The email names no candidate: the outbox keeps it after the candidate is erased.
    const [candidate] = await withTenant(a.orgId, (tx) => queryRows<{ name: string; email: string }>(tx, sql`select name, email from candidates where id = ${a.candidateId}`));
    for (const e of emails) {
      expect(e.text).not.toContain(candidate!.name);
      expect(e.text).not.toContain(candidate!.email);
    }
  });

  it('stops once the question is answered, and reminds again for a new question later', async () => {
    await answer(a, a.candidateId, questionId, at(100), a.ownerRecruiter.id);
    expect(await run(a, at(150))).toMatchObject({ overdue: 0, reminded: 0, escalated: 0 });
    expect(await notificationsOf(a, a.candidateId)).toHaveLength(2);

    await ask(a, a.candidateId, at(160));
    expect(await run(a, at(200))).toMatchObject({ reminded: 0 });
    expect(await run(a, at(209))).toMatchObject({ overdue: 1, reminded: 1, escalated: 0, emailsQueued: 1 });
    const rows = await notificationsOf(a, a.candidateId);
    expect(rows.filter((r) => r.user_id === a.ownerRecruiter.id)).toHaveLength(2);

    // The first reminder now reads as answered since; the new one still waits.
    const list = await callerFor(a.ownerRecruiter.id).notification.list({ orgSlug: a.slug });
    expect(list.items.map((i) => i.stillWaiting)).toEqual([true, false]);
    expect(list.items[1]!.waitedLabel).toBe('2 days');
    expect(list.items[1]!.waitedSeconds).toBe(49 * 3600);
  });

  it('sends no email to a member who turned reminder emails off: the reminder shows in the app only', async () => {
    const fx = await agency('Quiet');
    const t = Date.now() - 100 * HOUR;
    await callerFor(fx.ownerRecruiter.id).notification.updatePreferences({ orgSlug: fx.slug, reminderEmails: false });
    await ask(fx, fx.candidateId, new Date(t));
    expect(await run(fx, new Date(t + 97 * HOUR))).toMatchObject({ reminded: 1, escalated: 1, emailsQueued: 1 });
    expect((await reminderEmailsOf(fx)).map((e) => e.to_address)).toEqual([fx.leadEmail]);
    expect(await callerFor(fx.ownerRecruiter.id).notification.unreadCount({ orgSlug: fx.slug })).toEqual({ count: 1 });
  });

  it('reminds nobody about an archived or erased candidate', async () => {
    const fx = await agency('Gone');
    const t = Date.now() - 100 * HOUR;
    const erased = await withTenant(fx.orgId, (tx) => addCandidate(tx, fx, fx.ownerRecruiter.id));
    await ask(fx, fx.candidateId, new Date(t));
    await ask(fx, erased, new Date(t));
    await withTenant(fx.orgId, async (tx) => {
      await tx.execute(sql`update candidates set archived_at = now() where org_id = ${fx.orgId} and id = ${fx.candidateId}`);
      await tx.execute(sql`update candidates set erased_at = now() where org_id = ${fx.orgId} and id = ${erased}`);
    });
    expect(await run(fx, new Date(t + 97 * HOUR))).toMatchObject({ overdue: 0, reminded: 0, escalated: 0, emailsQueued: 0 });
    expect(await notificationsOf(fx, fx.candidateId)).toEqual([]);
    expect(await notificationsOf(fx, erased)).toEqual([]);
  });

  it('skips an email to a suppressed address but keeps the reminder in the app', async () => {
    const fx = await agency('Bounced');
    const t = Date.now() - 100 * HOUR;
    await withTenant(fx.orgId, (tx) => tx.execute(sql`insert into suppressions (org_id, email, reason) values (${fx.orgId}, ${fx.ownerRecruiter.email}, 'bounced')`));
    await ask(fx, fx.candidateId, new Date(t));
    expect(await run(fx, new Date(t + 50 * HOUR))).toMatchObject({ reminded: 1, emailsQueued: 0, emailsSuppressed: 1, failed: 0 });
    expect(await reminderEmailsOf(fx)).toEqual([]);
  });

  it('logs and counts one agency’s failure, and the others still get their reminders', async () => {
    const broken = await agency('Broken');
    const fine = await agency('Fine');
    const t = Date.now() - 100 * HOUR;
    await ask(broken, broken.candidateId, new Date(t));
    await ask(fine, fine.candidateId, new Date(t));
    failing.orgIds.add(broken.orgId);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const results = await runReminders(new Date(t + 50 * HOUR), { orgIds: [broken.orgId, fine.orgId] });
      expect(results.find((r) => r.orgId === broken.orgId)).toMatchObject({ failed: 1, reminded: 0 });
      expect(results.find((r) => r.orgId === fine.orgId)).toMatchObject({ failed: 0, reminded: 1, emailsQueued: 1 });
      expect(errors).toHaveBeenCalledWith(expect.stringContaining(broken.orgId), expect.any(Error));
    } finally {
      failing.orgIds.delete(broken.orgId);
      errors.mockRestore();
    }
    // Nothing of the failed run was kept, so the next run reminds.
    expect(await notificationsOf(broken, broken.candidateId)).toEqual([]);
    expect(await run(broken, new Date(t + 51 * HOUR))).toMatchObject({ reminded: 1, failed: 0 });
  });
});

describe('notifications through tRPC', () => {
  let a: Agency;
  let other: Agency;
  let ownerNotificationIds: string[];

  beforeAll(async () => {
    a = await agency('Mine');
    other = await agency('Outsider');
    const t = Date.now() - 200 * HOUR;
    await ask(a, a.candidateId, new Date(t));
    await runReminders(new Date(t + 97 * HOUR), { orgIds: [a.orgId] });
    ownerNotificationIds = (await notificationsOf(a, a.candidateId)).filter((r) => r.user_id === a.ownerRecruiter.id).map((r) => r.id);
    expect(ownerNotificationIds).toHaveLength(1);
  });

  it('shows each member only their own notifications', async () => {
    const own = await callerFor(a.ownerRecruiter.id).notification.list({ orgSlug: a.slug });
    expect(own.items.map((i) => i.id)).toEqual(ownerNotificationIds);
    const lead = await callerFor(a.recruiterId).notification.list({ orgSlug: a.slug });
    expect(lead.items.map((i) => i.level)).toEqual([2]);
    expect(lead.items[0]).toMatchObject({ candidateId: a.candidateId, stillWaiting: true });
    expect(lead.items[0]!.waitedLabel).toMatch(/^\d+ days$/);
    // An admin sees every candidate, but not other members' reminders.
    expect((await callerFor(a.bystanderId).notification.list({ orgSlug: a.slug })).items).toEqual([]);
    expect(await callerFor(a.bystanderId).notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: 0 });
  });

  it('pages newest first with a cursor', async () => {
    const t = Date.now() - 300 * HOUR;
    const more = await withTenant(a.orgId, async (tx) => [await addCandidate(tx, a, a.ownerRecruiter.id), await addCandidate(tx, a, a.ownerRecruiter.id)]);
    await ask(a, more[0]!, new Date(t));
    await ask(a, more[1]!, new Date(t));
    await runReminders(new Date(t + 49 * HOUR), { orgIds: [a.orgId] });
    const caller = callerFor(a.ownerRecruiter.id);
    const first = await caller.notification.list({ orgSlug: a.slug, limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await caller.notification.list({ orgSlug: a.slug, limit: 2, cursor: first.nextCursor });
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((i) => i.id)).size).toBe(3);
    expect(all.map((i) => i.createdAt.getTime())).toEqual([...all.map((i) => i.createdAt.getTime())].sort((x, y) => y - x));
  });

  it('does not let a member mark another member’s notifications as read', async () => {
    const lead = callerFor(a.recruiterId);
    expect(await lead.notification.markRead({ orgSlug: a.slug, ids: ownerNotificationIds })).toEqual({ updated: 0 });
    const rows = await notificationsOf(a, a.candidateId);
    expect(rows.find((r) => r.id === ownerNotificationIds[0])!.read_at).toBeNull();
  });

  it('marks the member’s own as read, one by one or all at once', async () => {
    const owner = callerFor(a.ownerRecruiter.id);
    const before = (await owner.notification.unreadCount({ orgSlug: a.slug })).count;
    expect(await owner.notification.markRead({ orgSlug: a.slug, ids: ownerNotificationIds })).toEqual({ updated: 1 });
    expect(await owner.notification.markRead({ orgSlug: a.slug, ids: ownerNotificationIds })).toEqual({ updated: 0 });
    expect(await owner.notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: before - 1 });
    expect(await owner.notification.markAllRead({ orgSlug: a.slug })).toEqual({ updated: before - 1 });
    expect(await owner.notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: 0 });
    // The lead's stays unread.
    expect(await callerFor(a.recruiterId).notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: 1 });
  });

  it('refuses another agency: it can neither read nor change them', async () => {
    const outsider = callerFor(other.ownerId);
    await expect(outsider.notification.list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(outsider.notification.markAllRead({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(outsider.notification.updatePreferences({ orgSlug: a.slug, reminderEmails: false })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const leadIds = (await notificationsOf(a, a.candidateId)).filter((r) => r.user_id === a.recruiterId).map((r) => r.id);
    expect(await outsider.notification.markRead({ orgSlug: other.slug, ids: leadIds })).toEqual({ updated: 0 });
    expect(await callerFor(a.recruiterId).notification.unreadCount({ orgSlug: a.slug })).toEqual({ count: 1 });
  });

  it('hides a reminder about a candidate the member can no longer see', async () => {
    const fx = await agency('Moved');
    const t = Date.now() - 100 * HOUR;
    await ask(fx, fx.candidateId, new Date(t));
    await runReminders(new Date(t + 50 * HOUR), { orgIds: [fx.orgId] });
    const owner = callerFor(fx.ownerRecruiter.id);
    expect(await owner.notification.unreadCount({ orgSlug: fx.slug })).toEqual({ count: 1 });
    await withTenant(fx.orgId, (tx) => tx.execute(sql`update candidates set owner_user_id = ${fx.recruiterId}, team_id = null where org_id = ${fx.orgId} and id = ${fx.candidateId}`));
    expect(await owner.notification.unreadCount({ orgSlug: fx.slug })).toEqual({ count: 0 });
    expect((await owner.notification.list({ orgSlug: fx.slug })).items).toEqual([]);
  });

  it('changes only the caller’s own preferences', async () => {
    const lead = callerFor(a.recruiterId);
    expect(await lead.notification.preferences({ orgSlug: a.slug })).toEqual({ digestEnabled: true, reminderEmails: true, email: a.leadEmail });
    expect(await lead.notification.updatePreferences({ orgSlug: a.slug, digestEnabled: false })).toEqual({ digestEnabled: false, reminderEmails: true, email: a.leadEmail });
    const rows = await withTenant(a.orgId, (tx) =>
      queryRows<{ user_id: string; digest_enabled: boolean; reminder_emails: boolean }>(tx, sql`select user_id, digest_enabled, reminder_emails from memberships where org_id = ${a.orgId}`),
    );
    for (const row of rows) {
      expect(row, row.user_id).toMatchObject(row.user_id === a.recruiterId ? { digest_enabled: false, reminder_emails: true } : { digest_enabled: true, reminder_emails: true });
    }
    // The same member's choices in another agency are their own too.
    await addMember(other.orgId, a.recruiterId, 'viewer');
    expect(await lead.notification.preferences({ orgSlug: other.slug })).toMatchObject({ digestEnabled: true, reminderEmails: true });
  });

  it('answers bad input with a clear error and changes nothing', async () => {
    const owner = callerFor(a.ownerRecruiter.id);
    const tooMany = Array.from({ length: 101 }, () => randomUUID());
    await expect(owner.notification.markRead({ orgSlug: a.slug, ids: tooMany })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Mark at most 100 notifications as read at once.') });
    await expect(owner.notification.markRead({ orgSlug: a.slug, ids: ['not-a-uuid'] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('One of the notifications does not exist.') });
    await expect(owner.notification.markRead({ orgSlug: a.slug, ids: [] })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Choose at least one notification to mark as read.') });
    await expect(owner.notification.list({ orgSlug: a.slug, cursor: 'garbage' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('not a valid page cursor') });
    await expect(owner.notification.list({ orgSlug: a.slug, limit: 500 })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('must be at most 50') });
    await expect(owner.notification.updatePreferences({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('Choose at least one setting to change.') });
    await expect(owner.notification.updatePreferences({ orgSlug: a.slug, reminderEmails: 'no' as unknown as boolean })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('Choose whether to receive reminder emails.'),
    });
    expect(await owner.notification.preferences({ orgSlug: a.slug })).toMatchObject({ reminderEmails: true });
  });
});
