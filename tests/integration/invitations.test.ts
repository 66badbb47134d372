import { createHash, randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import * as acceptRoute from '@/app/invite/[token]/accept/route';
import { invitationReturnPath } from '@/app/invite/return-path';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import type { Role } from '@/db/schema';
import { auth } from '@/server/auth/config';
import { invitationRouter } from '@/server/routers/invitation.router';
import {
  acceptInvitation,
  checkInvitation,
  INVITATION_FAILURES_PER_WINDOW,
  invitationMessage,
  type InvitationUser,
} from '@/server/services/members/accept-invitation';
import { hashInvitationToken } from '@/server/services/members/invitation-token';
import { unsafeFindInvitationByTokenHash } from '@/server/services/members/unsafe-find-invitation';
import { createContextForUser } from '@/server/trpc/context';
import { createCallerFactory, createTRPCRouter } from '@/server/trpc/init';
import { addMember, createTenant, createUser, snapshotTenant, type TenantFixture } from '../support/fixtures';
import { revealOutboundEmail } from '../support/stored-email';

vi.mock('@/server/auth/config', () => ({ auth: vi.fn() }));

const BASE = 'http://localhost:3999';

// The router on its own, as root.ts mounts it: these tests do not depend on the app router.
const router = createTRPCRouter({ invitation: invitationRouter });
const createCaller = createCallerFactory(router);

function invitations(userId: string | null) {
  return createCaller(createContextForUser(userId)).invitation;
}

/** Calls a procedure over HTTP exactly as the browser does, to see the error a user reads. */
async function post(userId: string | null, path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router,
    req: new Request(`http://localhost/api/trpc/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) }),
    createContext: () => createContextForUser(userId),
  });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string; fieldErrors?: Record<string, string> } } } };
  return { status: response.status, error: body.error?.json };
}

function newAddress(prefix = 'invitee') {
  return `${prefix}-${randomUUID().slice(0, 8)}@example.com`;
}

interface QueuedEmail extends Record<string, unknown> {
  id: string;
  kind: string;
  candidate_id: string | null;
  conversation_id: string | null;
  to_address: string;
  reply_to: string | null;
  subject: string;
  text: string;
  html: string;
  status: string;
}

async function emailsTo(fx: TenantFixture, to: string): Promise<QueuedEmail[]> {
  return queryRows<QueuedEmail>(
    getDb(),
    sql`select id, kind, candidate_id, conversation_id, to_address, reply_to, subject, text, html, status
        from outbound_emails where org_id = ${fx.orgId} and lower(to_address) = lower(${to}) order by created_at, id`,
  );
}

/** The token in the newest invitation email to `to`, as it will be sent: only the email ever holds it. */
async function tokenSentTo(fx: TenantFixture, to: string): Promise<string> {
  const emails = await emailsTo(fx, to);
  const newest = emails.at(-1);
  const text = newest ? (await revealOutboundEmail(fx.orgId, newest.id)).text : '';
  const match = /http:\/\/localhost:3999\/invite\/([A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error(`no invitation link in ${text}`);
  return match[1];
}

async function invitationRow(fx: TenantFixture, id: string) {
  const [row] = await queryRows<{
    email: string;
    role: Role;
    team_ids: string[];
    token_hash: string;
    send_count: number;
    expires_at: Date;
    accepted_at: Date | null;
    accepted_by: string | null;
    revoked_at: Date | null;
    whole: string;
  }>(getDb(), sql`select i.*, to_jsonb(i)::text as whole from invitations i where org_id = ${fx.orgId} and id = ${id}`);
  return row!;
}

async function auditOf(fx: TenantFixture, action: string) {
  return queryRows<{ actor_user_id: string; target_id: string; before: Record<string, unknown> | null; after: Record<string, unknown> }>(
    getDb(),
    sql`select actor_user_id, target_id, before, after from audit_log where org_id = ${fx.orgId} and action = ${action} order by created_at`,
  );
}

async function membershipOf(fx: TenantFixture, userId: string) {
  const [member] = await queryRows<{ role: Role }>(getDb(), sql`select role from memberships where org_id = ${fx.orgId} and user_id = ${userId}`);
  const teams = await queryRows<{ team_id: string }>(getDb(), sql`select team_id from team_members where org_id = ${fx.orgId} and user_id = ${userId}`);
  return { role: member?.role ?? null, teamIds: teams.map((t) => t.team_id) };
}

async function addTeam(fx: TenantFixture, name: string, archived = false): Promise<string> {
  const [team] = await withTenant(fx.orgId, (tx) =>
    queryRows<{ id: string }>(tx, sql`insert into teams (org_id, name, archived_at) values (${fx.orgId}, ${name}, ${archived ? sql`now()` : sql`null`}) returning id`),
  );
  return team!.id;
}

/** Invites a fresh address as the fixture's owner; returns the invitation and its token. */
async function invite(fx: TenantFixture, options: { email?: string; role?: Role; teamIds?: string[] } = {}) {
  const email = options.email ?? newAddress();
  const sent = await invitations(fx.ownerId).create({ orgSlug: fx.slug, email, role: options.role ?? 'recruiter', teamIds: options.teamIds ?? [fx.teamId] });
  return { ...sent, token: await tokenSentTo(fx, email) };
}

function userOf(user: { id: string; email: string }): InvitationUser {
  return { id: user.id, email: user.email };
}

let a: TenantFixture;
let b: TenantFixture;
let adminId: string;
let viewerId: string;

beforeAll(async () => {
  [a, b] = await Promise.all([createTenant('InviteA'), createTenant('InviteB')]);
  const admin = await createUser(newAddress('admin'), 'Ada Admin');
  const viewer = await createUser(newAddress('viewer'));
  await addMember(a.orgId, admin.id, 'admin');
  await addMember(a.orgId, viewer.id, 'viewer');
  adminId = admin.id;
  viewerId = viewer.id;
});

beforeEach(() => {
  vi.mocked(auth).mockReset();
});

describe('inviting a member', () => {
  it('queues the invitation email with the accept link, keeps only the token’s hash, and audits it', async () => {
    const address = newAddress('New.Person');
    const before = Date.now();
    const sent = await invitations(a.ownerId).create({ orgSlug: a.slug, email: `  ${address.toUpperCase()} `, role: 'recruiter', teamIds: [a.teamId] });
    const email = address.toLowerCase();
    expect(sent).toMatchObject({ email, role: 'recruiter', teamIds: [a.teamId], sendCount: 1, resent: false, message: `Invitation sent to ${email}.` });
    expect(sent.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    expect(sent.expiresAt.getTime() - before).toBeLessThanOrEqual(7 * 86_400_000 + 5000);

    const [queued, ...more] = await emailsTo(a, email);
    expect(more).toEqual([]);
    const [owner] = await queryRows<{ email: string }>(getDb(), sql`select email from users where id = ${a.ownerId}`);
    expect(queued).toMatchObject({ kind: 'team_invitation', candidate_id: null, conversation_id: null, to_address: email, reply_to: owner!.email, status: 'queued' });
    expect(queued!.subject).toBe('InviteA Owner invited you to InviteA Agency on Afterview');
    expect(queued!.text).toContain('Fixture team');
    const token = await tokenSentTo(a, email);
    // Stored, the email holds a placeholder; the link goes in when it is sent.
    expect(queued!.text).toMatch(/Accept the invitation afterviewsecretinvite[0-9a-f]{32}/);
    expect(queued!.text + queued!.html).not.toContain(token);
    expect((await revealOutboundEmail(a.orgId, queued!.id)).text).toContain(`Accept the invitation ${BASE}/invite/${token}`);

    const row = await invitationRow(a, sent.invitationId);
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(row.whole).not.toContain(token);
    expect(row).toMatchObject({ email, role: 'recruiter', team_ids: [a.teamId], send_count: 1, accepted_at: null, revoked_at: null });

    const audit = (await auditOf(a, 'member.invite')).filter((e) => e.target_id === sent.invitationId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_user_id: a.ownerId, after: { email, role: 'recruiter', teamIds: [a.teamId] } });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it('lists open invitations newest first, pending or expired, with who invited and how often', async () => {
    const older = await invite(a, { role: 'viewer', teamIds: [] });
    const newer = await invite(a, { role: 'recruiter' });
    await withTenant(a.orgId, (tx) => tx.execute(sql`update invitations set expires_at = now() - interval '1 hour' where org_id = ${a.orgId} and id = ${older.invitationId}`));
    const revoked = await invite(a);
    await invitations(a.ownerId).revoke({ orgSlug: a.slug, invitationId: revoked.invitationId });

    const list = await invitations(adminId).list({ orgSlug: a.slug });
    const ids = list.map((i) => i.id);
    expect(ids).not.toContain(revoked.invitationId);
    expect(ids.indexOf(newer.invitationId)).toBeLessThan(ids.indexOf(older.invitationId));
    expect(list.find((i) => i.id === newer.invitationId)).toMatchObject({
      email: newer.email,
      role: 'recruiter',
      teams: [{ id: a.teamId, name: 'Fixture team', archived: false }],
      invitedByName: 'InviteA Owner',
      sendCount: 1,
      status: 'pending',
    });
    expect(list.find((i) => i.id === older.invitationId)).toMatchObject({ status: 'expired', teams: [] });
  });

  it('refuses an address that is already a member, whatever its case, and changes nothing', async () => {
    const [recruiter] = await queryRows<{ email: string }>(getDb(), sql`select email from users where id = ${a.recruiterId}`);
    const snapshot = await snapshotTenant(a.orgId);
    const { status, error } = await post(a.ownerId, 'invitation.create', { orgSlug: a.slug, email: recruiter!.email.toUpperCase(), role: 'viewer', teamIds: [] });
    expect(status).toBe(409);
    expect(error?.message).toBe(`${recruiter!.email.toLowerCase()} is already a member of this agency.`);
    expect(error?.data.fieldErrors).toEqual({ email: error?.message });
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
  });

  it.each([
    ['a malformed address', { email: 'not-an-email', role: 'recruiter' }, 'email: Enter a valid email address, like name@agency.com.'],
    ['an empty address', { email: '   ', role: 'recruiter' }, 'email: Enter the email address of the person to invite.'],
    ['a too long address', { email: `${'x'.repeat(250)}@example.com`, role: 'recruiter' }, 'email: That email address is too long.'],
    ['an unknown role', { email: 'someone@example.com', role: 'superuser' }, 'role: Choose a role: owner, admin, recruiter or viewer.'],
    ['a missing role', { email: 'someone@example.com' }, 'role: Choose a role: owner, admin, recruiter or viewer.'],
    ['a team id that is not an id', { email: 'someone@example.com', role: 'recruiter', teamIds: ['engineering'] }, 'teamIds.0: One of the chosen teams does not exist.'],
  ])('refuses %s with a clear message and changes nothing', async (_label, input, message) => {
    const snapshot = await snapshotTenant(a.orgId);
    const { status, error } = await post(a.ownerId, 'invitation.create', { orgSlug: a.slug, ...input });
    expect(status).toBe(400);
    expect(error?.message).toBe(message);
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
  });

  it('refuses teams that are unknown, archived or another agency’s', async () => {
    const archived = await addTeam(a, `Archived ${randomUUID().slice(0, 6)}`, true);
    for (const teamId of [randomUUID(), archived, b.teamId]) {
      const snapshot = await snapshotTenant(a.orgId);
      const { status, error } = await post(a.ownerId, 'invitation.create', { orgSlug: a.slug, email: newAddress(), role: 'recruiter', teamIds: [a.teamId, teamId] });
      expect(status).toBe(400);
      expect(error?.message).toBe('One of the chosen teams does not exist or was archived. Reload the page and choose again.');
      expect(error?.data.fieldErrors).toEqual({ teamIds: error?.message });
      expect(await snapshotTenant(a.orgId)).toBe(snapshot);
    }
  });

  it('refuses a suppressed address on the email field', async () => {
    const { status, error } = await post(a.ownerId, 'invitation.create', { orgSlug: a.slug, email: 'victim-suppressed@example.com', role: 'viewer', teamIds: [] });
    expect(status).toBe(400);
    expect(error?.message).toMatch(/^Email to victim-suppressed@example.com is blocked: it was bounced/);
    expect(Object.keys(error?.data.fieldErrors ?? {})).toEqual(['email']);
  });

  it('lets only owners invite owners', async () => {
    const address = newAddress('future-owner');
    const snapshot = await snapshotTenant(a.orgId);
    const { status, error } = await post(adminId, 'invitation.create', { orgSlug: a.slug, email: address, role: 'owner', teamIds: [] });
    expect(status).toBe(403);
    expect(error?.message).toBe('Only an owner can invite someone as an owner. Choose another role, or ask an owner.');
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);

    const sent = await invitations(a.ownerId).create({ orgSlug: a.slug, email: address, role: 'owner', teamIds: [] });
    expect(sent.role).toBe('owner');
    // Nor can an admin resend it, or turn it into another role by inviting the address again.
    await expect(invitations(adminId).resend({ orgSlug: a.slug, invitationId: sent.invitationId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(invitations(adminId).create({ orgSlug: a.slug, email: address, role: 'viewer', teamIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await invitationRow(a, sent.invitationId)).role).toBe('owner');
    // Admins can invite admins.
    await expect(invitations(adminId).create({ orgSlug: a.slug, email: newAddress(), role: 'admin', teamIds: [] })).resolves.toMatchObject({ role: 'admin' });
  });

  it('is for owners and admins only: recruiters and viewers are refused (FORBIDDEN)', async () => {
    const { invitationId } = await invite(a);
    const snapshot = await snapshotTenant(a.orgId);
    for (const userId of [a.recruiterId, viewerId]) {
      await expect(invitations(userId).create({ orgSlug: a.slug, email: newAddress(), role: 'viewer', teamIds: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(invitations(userId).list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(invitations(userId).resend({ orgSlug: a.slug, invitationId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(invitations(userId).revoke({ orgSlug: a.slug, invitationId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
  });

  it('sends an open invitation again when the address is invited again, and says so', async () => {
    const first = await invite(a, { role: 'viewer', teamIds: [] });
    const again = await invitations(a.ownerId).create({ orgSlug: a.slug, email: first.email.toUpperCase(), role: 'recruiter', teamIds: [a.teamId] });
    expect(again).toMatchObject({ invitationId: first.invitationId, resent: true, sendCount: 2, role: 'recruiter', teamIds: [a.teamId] });
    expect(again.message).toBe(`${first.email} already had an open invitation, so we sent it again with a new link. It is now for a recruiter.`);
    expect(await emailsTo(a, first.email)).toHaveLength(2);
    const token = await tokenSentTo(a, first.email);
    expect(token).not.toBe(first.token);
    const [count] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from invitations where org_id = ${a.orgId} and lower(email) = ${first.email}`);
    expect(count!.n).toBe(1);

    const user = await createUser(first.email);
    expect(await acceptInvitation({ user: userOf(user), token: first.token })).toEqual({ kind: 'invalid' });
    expect(await acceptInvitation({ user: userOf(user), token })).toMatchObject({ kind: 'accepted', role: 'recruiter' });
  });
});

describe('resending and revoking', () => {
  it('resend rotates the token: the old link stops working, a new email goes out, the expiry starts again', async () => {
    const sent = await invite(a);
    await withTenant(a.orgId, (tx) => tx.execute(sql`update invitations set expires_at = now() - interval '1 day' where org_id = ${a.orgId} and id = ${sent.invitationId}`));
    const before = Date.now();
    const resent = await invitations(adminId).resend({ orgSlug: a.slug, invitationId: sent.invitationId });
    expect(resent).toMatchObject({ invitationId: sent.invitationId, sendCount: 2, resent: true, email: sent.email });
    expect(resent.message).toBe(`Invitation sent again to ${sent.email}, with a new link. The previous link no longer works.`);
    expect(resent.expiresAt.getTime() - before).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);

    const emails = await emailsTo(a, sent.email);
    expect(emails).toHaveLength(2);
    const token = await tokenSentTo(a, sent.email);
    expect(token).not.toBe(sent.token);
    const row = await invitationRow(a, sent.invitationId);
    expect(row.token_hash).toBe(hashInvitationToken(token));
    expect(row.send_count).toBe(2);
    expect((await auditOf(a, 'invitation.resend')).filter((e) => e.target_id === sent.invitationId)).toMatchObject([{ actor_user_id: adminId }]);

    const user = userOf(await createUser(sent.email));
    expect(await checkInvitation({ user, token: sent.token })).toEqual({ kind: 'invalid' });
    expect(await acceptInvitation({ user, token })).toMatchObject({ kind: 'accepted' });
  });

  it('drops teams archived since the invitation when it is sent again', async () => {
    const extra = await addTeam(a, `Soon archived ${randomUUID().slice(0, 6)}`);
    const sent = await invite(a, { teamIds: [a.teamId, extra] });
    await withTenant(a.orgId, (tx) => tx.execute(sql`update teams set archived_at = now() where org_id = ${a.orgId} and id = ${extra}`));
    const resent = await invitations(a.ownerId).resend({ orgSlug: a.slug, invitationId: sent.invitationId });
    expect(resent.teamIds).toEqual([a.teamId]);
  });

  it('revoke stops the link at once, is audited, and a revoked invitation cannot be resent', async () => {
    const sent = await invite(a);
    const revoked = await invitations(adminId).revoke({ orgSlug: a.slug, invitationId: sent.invitationId });
    expect(revoked).toMatchObject({ changed: true, message: `The invitation to ${sent.email} was revoked. Its link no longer works.` });
    expect((await auditOf(a, 'invitation.revoke')).filter((e) => e.target_id === sent.invitationId)).toMatchObject([{ actor_user_id: adminId }]);
    expect(await invitations(adminId).revoke({ orgSlug: a.slug, invitationId: sent.invitationId })).toMatchObject({ changed: false });

    const snapshot = await snapshotTenant(a.orgId);
    const { status, error } = await post(a.ownerId, 'invitation.resend', { orgSlug: a.slug, invitationId: sent.invitationId });
    expect(status).toBe(400);
    expect(error?.message).toBe(`The invitation to ${sent.email} was revoked. Invite them again instead.`);

    const user = userOf(await createUser(sent.email));
    const outcome = await acceptInvitation({ user, token: sent.token });
    expect(outcome).toEqual({ kind: 'invalid' });
    expect(invitationMessage(outcome)).toMatch(/^This invitation is not valid\./);
    expect(await membershipOf(a, user.id)).toEqual({ role: null, teamIds: [] });
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);

    // The address can be invited afresh: a new invitation, a new link.
    const fresh = await invitations(a.ownerId).create({ orgSlug: a.slug, email: sent.email, role: 'viewer', teamIds: [] });
    expect(fresh.resent).toBe(false);
    expect(fresh.invitationId).not.toBe(sent.invitationId);
  });

  it('an accepted invitation can be neither resent nor revoked', async () => {
    const sent = await invite(a);
    await acceptInvitation({ user: userOf(await createUser(sent.email)), token: sent.token });
    const resend = await post(a.ownerId, 'invitation.resend', { orgSlug: a.slug, invitationId: sent.invitationId });
    expect(resend.error?.message).toBe(`${sent.email} already accepted this invitation and is a member of the agency.`);
    const revoke = await post(a.ownerId, 'invitation.revoke', { orgSlug: a.slug, invitationId: sent.invitationId });
    expect(revoke.error?.message).toBe(`${sent.email} already accepted this invitation. To take their access away, remove them from the agency.`);
  });

  it('an invitation of agency A can be neither resent nor revoked from agency B (NOT_FOUND), nor listed there', async () => {
    const sent = await invite(a);
    const snapshot = await snapshotTenant(a.orgId);
    for (const orgSlug of [b.slug, a.slug]) {
      await expect(invitations(b.ownerId).resend({ orgSlug, invitationId: sent.invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(invitations(b.ownerId).revoke({ orgSlug, invitationId: sent.invitationId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(invitations(b.ownerId).list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const theirs = await invitations(b.ownerId).list({ orgSlug: b.slug });
    expect(JSON.stringify(theirs)).not.toContain(sent.email);
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
  });

  it('refuses anonymous callers', async () => {
    await expect(invitations(null).list({ orgSlug: a.slug })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});

describe('accepting an invitation', () => {
  it('shows the invitee who invited them, to what and as what, and changes nothing until they join', async () => {
    const sent = await invite(a, { role: 'admin' });
    const user = userOf(await createUser(sent.email));
    const snapshot = await snapshotTenant(a.orgId);
    const check = await checkInvitation({ user, token: sent.token });
    expect(check).toEqual({ kind: 'acceptable', agencyName: 'InviteA Agency', role: 'admin', email: sent.email, inviterName: 'InviteA Owner' });
    expect(invitationMessage(check)).toBe('InviteA Owner invited you to join InviteA Agency as an admin.');
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
    expect((await invitationRow(a, sent.invitationId)).accepted_at).toBeNull();
  });

  it('makes a new user a member with the role and teams, marks it accepted and audits it', async () => {
    const second = await addTeam(a, `Second ${randomUUID().slice(0, 6)}`);
    const sent = await invite(a, { role: 'viewer', teamIds: [a.teamId, second] });
    // Signing in by magic link creates the user with the address it was sent to.
    const user = userOf(await createUser(sent.email));
    const outcome = await acceptInvitation({ user, token: sent.token });
    expect(outcome).toEqual({ kind: 'accepted', orgSlug: a.slug, agencyName: 'InviteA Agency', role: 'viewer' });
    const membership = await membershipOf(a, user.id);
    expect(membership.role).toBe('viewer');
    expect(membership.teamIds.sort()).toEqual([a.teamId, second].sort());
    const row = await invitationRow(a, sent.invitationId);
    expect(row.accepted_by).toBe(user.id);
    expect(row.accepted_at).toBeInstanceOf(Date);
    expect((await auditOf(a, 'invitation.accept')).filter((e) => e.target_id === sent.invitationId)).toMatchObject([
      { actor_user_id: user.id, after: { email: sent.email, role: 'viewer', invitedRole: 'viewer', alreadyMember: false } },
    ]);
    // It no longer shows as pending, and opening the link again just leads to the agency.
    expect((await invitations(a.ownerId).list({ orgSlug: a.slug })).map((i) => i.id)).not.toContain(sent.invitationId);
    expect(await acceptInvitation({ user, token: sent.token })).toEqual({ kind: 'already_accepted', orgSlug: a.slug, agencyName: 'InviteA Agency' });
    // Someone else with the same link gets nothing.
    const other = userOf(await createUser(newAddress('other')));
    expect(await acceptInvitation({ user: other, token: sent.token })).toEqual({ kind: 'invalid' });
  });

  it('lets an existing user of another agency join, with the address in any case', async () => {
    const sent = await invite(b, { role: 'admin', teamIds: [b.teamId] });
    const user = userOf(await createUser(sent.email.toUpperCase()));
    await addMember(a.orgId, user.id, 'recruiter');
    expect(await acceptInvitation({ user, token: sent.token })).toMatchObject({ kind: 'accepted', orgSlug: b.slug, role: 'admin' });
    expect(await membershipOf(b, user.id)).toEqual({ role: 'admin', teamIds: [b.teamId] });
    expect((await membershipOf(a, user.id)).role).toBe('recruiter');
  });

  it('keeps the role of someone who became a member meanwhile, and says so', async () => {
    const sent = await invite(a, { role: 'admin', teamIds: [a.teamId] });
    const user = userOf(await createUser(sent.email));
    await addMember(a.orgId, user.id, 'viewer');
    const outcome = await acceptInvitation({ user, token: sent.token });
    expect(outcome).toEqual({ kind: 'already_member', orgSlug: a.slug, agencyName: 'InviteA Agency', role: 'viewer', invitedRole: 'admin' });
    expect(invitationMessage(outcome)).toBe('You are already a member of InviteA Agency, as a viewer. Your role stays the same; ask an owner or admin if it should change.');
    expect(await membershipOf(a, user.id)).toEqual({ role: 'viewer', teamIds: [a.teamId] });
    expect((await invitationRow(a, sent.invitationId)).accepted_by).toBe(user.id);
  });

  it('refuses a user signed in with another address, names both, and changes nothing', async () => {
    const sent = await invite(a);
    const wrong = userOf(await createUser(newAddress('wrong')));
    const snapshot = await snapshotTenant(a.orgId);
    const outcome = await acceptInvitation({ user: wrong, token: sent.token });
    expect(outcome).toEqual({ kind: 'wrong_account', invitedEmail: sent.email, signedInEmail: wrong.email });
    expect(invitationMessage(outcome)).toBe(
      `This invitation is for ${sent.email}. You are signed in as ${wrong.email}. Sign out and open the link again, or ask for an invitation to ${wrong.email}.`,
    );
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
    expect(await membershipOf(a, wrong.id)).toEqual({ role: null, teamIds: [] });
    // The right person can still accept it.
    expect(await acceptInvitation({ user: userOf(await createUser(sent.email)), token: sent.token })).toMatchObject({ kind: 'accepted' });
  });

  it('refuses an expired invitation and says whom to ask', async () => {
    const sent = await invite(a);
    await withTenant(a.orgId, (tx) => tx.execute(sql`update invitations set expires_at = now() - interval '1 minute' where org_id = ${a.orgId} and id = ${sent.invitationId}`));
    const user = userOf(await createUser(sent.email));
    const snapshot = await snapshotTenant(a.orgId);
    const outcome = await acceptInvitation({ user, token: sent.token });
    expect(outcome).toEqual({ kind: 'expired', agencyName: 'InviteA Agency', inviterName: 'InviteA Owner' });
    expect(invitationMessage(outcome)).toBe('This invitation has expired. Ask InviteA Owner to send a new one.');
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
  });

  it('answers unknown, malformed and revoked tokens alike', async () => {
    const user = userOf(await createUser(newAddress('prober')));
    const revoked = await invite(a, { email: user.email });
    await invitations(a.ownerId).revoke({ orgSlug: a.slug, invitationId: revoked.invitationId });
    for (const token of ['A'.repeat(43), 'short', revoked.token]) {
      expect(await acceptInvitation({ user, token })).toEqual({ kind: 'invalid' });
    }
  });

  it('limits failed links per user', async () => {
    const user = userOf(await createUser(newAddress('guesser')));
    for (let i = 0; i < INVITATION_FAILURES_PER_WINDOW; i += 1) {
      expect(await acceptInvitation({ user, token: randomUUID().replaceAll('-', '').padEnd(43, 'x') })).toEqual({ kind: 'invalid' });
    }
    const outcome = await acceptInvitation({ user, token: 'B'.repeat(43) });
    expect(outcome.kind).toBe('rate_limited');
    expect(invitationMessage(outcome)).toMatch(/^Too many invitation links that did not work\. Try again in \d+ minutes?\.$/);
  });
});

describe('joining: POST /invite/[token]/accept', () => {
  function join(token: string, headers: Record<string, string> = { 'sec-fetch-site': 'same-origin' }) {
    const request = new Request(`${BASE}/invite/${token}/accept`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
    return acceptRoute.POST(request, { params: Promise.resolve({ token }) });
  }
  function signIn(user: { id: string; email: string } | null) {
    vi.mocked(auth).mockResolvedValue((user ? { user: { id: user.id, email: user.email }, expires: new Date(Date.now() + 86_400_000).toISOString() } : null) as never);
  }

  it('has no GET: opening a link (a mail scanner, a preview, a prefetch) never accepts', () => {
    expect(Object.keys(acceptRoute)).not.toContain('GET');
  });

  it('sends a signed-out visitor to sign in, coming back to the invitation page afterwards', async () => {
    const sent = await invite(a);
    signIn(null);
    const response = await join(sent.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/signin?callbackUrl=${encodeURIComponent(`/invite/${sent.token}`)}`);
    expect((await invitationRow(a, sent.invitationId)).accepted_at).toBeNull();
    // A new user comes back from the magic link to "/?callbackUrl=<absolute link>" (next-auth's newUser page).
    expect(invitationReturnPath(`${BASE}/invite/${sent.token}`)).toBe(`/invite/${sent.token}`);
    expect(invitationReturnPath(`https://evil.example/invite/${sent.token}`)).toBe(`/invite/${sent.token}`);
    expect(invitationReturnPath(`${BASE}/northwind`)).toBeNull();
    expect(invitationReturnPath('/invite/short')).toBeNull();
    expect(invitationReturnPath(undefined)).toBeNull();
  });

  it('accepts for the signed-in invitee and sends them to the agency, without the token', async () => {
    const sent = await invite(a);
    const user = await createUser(sent.email);
    signIn(user);
    const response = await join(sent.token);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/${a.slug}`);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect((await membershipOf(a, user.id)).role).toBe('recruiter');
    // Joining again just leads there.
    expect((await join(sent.token)).headers.get('location')).toBe(`/${a.slug}`);
  });

  it('refuses a post from another site and changes nothing', async () => {
    const sent = await invite(a);
    const user = await createUser(sent.email);
    signIn(user);
    const snapshot = await snapshotTenant(a.orgId);
    const foreign: Record<string, string>[] = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }];
    for (const headers of foreign) {
      const response = await join(sent.token, headers);
      expect(response.status).toBe(403);
      expect(await response.text()).toBe('This request came from another site and was refused.');
    }
    expect(await snapshotTenant(a.orgId)).toBe(snapshot);
    expect((await invitationRow(a, sent.invitationId)).accepted_at).toBeNull();
  });

  it('sends refusals back to the invitation page, which explains them', async () => {
    const sent = await invite(a);
    signIn(await createUser(newAddress('someone-else')));
    const wrong = await join(sent.token);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get('location')).toBe(`/invite/${sent.token}`);
    expect((await invitationRow(a, sent.invitationId)).accepted_at).toBeNull();
    const unknown = await join('C'.repeat(43));
    expect(unknown.headers.get('location')).toBe(`/invite/${'C'.repeat(43)}?reason=invalid`);
    signIn(null);
    expect((await join('not a token')).headers.get('location')).toBe(`/invite/${encodeURIComponent('not a token')}?reason=invalid`);
  });

  it('sends a member invited meanwhile to the page that says their role is kept', async () => {
    const sent = await invite(a, { role: 'admin' });
    const user = await createUser(sent.email);
    await addMember(a.orgId, user.id, 'recruiter');
    signIn(user);
    const response = await join(sent.token);
    expect(response.headers.get('location')).toBe(`/invite/joined?agency=${a.slug}`);
    expect((await membershipOf(a, user.id)).role).toBe('recruiter');
  });
});

describe('unsafeFindInvitationByTokenHash', () => {
  it('finds one invitation by its hash across agencies, and nothing for an unknown hash', async () => {
    const sent = await invite(b);
    const found = await unsafeFindInvitationByTokenHash(hashInvitationToken(sent.token), b.ownerId);
    expect(found).toMatchObject({ orgId: b.orgId, invitationId: sent.invitationId, email: sent.email, role: 'recruiter', agency: { slug: b.slug, name: 'InviteB Agency' }, inviterName: 'InviteB Owner', isMember: true });
    expect((await unsafeFindInvitationByTokenHash(hashInvitationToken(sent.token), a.ownerId))?.isMember).toBe(false);
    expect(await unsafeFindInvitationByTokenHash(hashInvitationToken('D'.repeat(43)), a.ownerId)).toBeNull();
  });
});
