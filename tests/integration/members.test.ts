import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { addMember, callerFor, createTenant, createUser, snapshotTenant } from '../support/fixtures';

async function agency() {
  const fx = await createTenant('Members');
  const admin = await createUser(undefined, 'Members Admin');
  const viewer = await createUser(undefined, 'Members Viewer');
  await addMember(fx.orgId, admin.id, 'admin');
  await addMember(fx.orgId, viewer.id, 'viewer');
  return { fx, adminId: admin.id, viewerId: viewer.id };
}

async function roleOf(orgId: string, userId: string) {
  const [row] = await withTenant(orgId, (tx) => queryRows<{ role: string }>(tx, sql`select role from memberships where user_id = ${userId}`));
  return row?.role ?? null;
}

async function auditActions(orgId: string) {
  const rows = await withTenant(orgId, (tx) => queryRows<{ action: string }>(tx, sql`select action from audit_log order by created_at`));
  return rows.map((r) => r.action);
}

describe('roles', () => {
  it('an admin changes a recruiter to viewer and back; the audit log keeps before and after', async () => {
    const { fx, adminId } = await agency();
    await callerFor(adminId).member.changeRole({ orgSlug: fx.slug, userId: fx.recruiterId, role: 'viewer' });
    expect(await roleOf(fx.orgId, fx.recruiterId)).toBe('viewer');
    const [entry] = await withTenant(fx.orgId, (tx) =>
      queryRows<{ before: unknown; after: unknown; actor_user_id: string }>(tx, sql`select before, after, actor_user_id from audit_log where action = 'member.role_change'`),
    );
    expect(entry).toEqual({ before: { role: 'recruiter' }, after: { role: 'viewer' }, actor_user_id: adminId });
  });

  it('the last owner can be neither demoted nor removed, not even by themselves', async () => {
    const { fx } = await agency();
    const owner = callerFor(fx.ownerId);
    const before = await snapshotTenant(fx.orgId);
    await expect(owner.member.changeRole({ orgSlug: fx.slug, userId: fx.ownerId, role: 'admin' })).rejects.toThrow(/is the last owner/);
    await expect(owner.member.remove({ orgSlug: fx.slug, userId: fx.ownerId, transferToUserId: fx.recruiterId })).rejects.toThrow('You are the last owner');
    expect(await snapshotTenant(fx.orgId)).toBe(before);
    // With a second owner, the first may step down.
    await owner.member.changeRole({ orgSlug: fx.slug, userId: fx.recruiterId, role: 'owner' });
    await owner.member.changeRole({ orgSlug: fx.slug, userId: fx.ownerId, role: 'admin' });
    expect(await roleOf(fx.orgId, fx.ownerId)).toBe('admin');
  });

  it('only an owner makes owners or touches an owner; a role that does not exist is refused', async () => {
    const { fx, adminId } = await agency();
    const admin = callerFor(adminId);
    await expect(admin.member.changeRole({ orgSlug: fx.slug, userId: fx.recruiterId, role: 'owner' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.member.changeRole({ orgSlug: fx.slug, userId: fx.ownerId, role: 'viewer' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.member.remove({ orgSlug: fx.slug, userId: fx.ownerId, transferToUserId: adminId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(admin.member.changeRole({ orgSlug: fx.slug, userId: fx.recruiterId, role: 'superuser' as never })).rejects.toThrow('Choose owner, admin, recruiter or viewer.');
    expect(await roleOf(fx.orgId, fx.recruiterId)).toBe('recruiter');
  });
});

describe('removing a member', () => {
  it('hands their candidates (and so their open conversations) to the chosen member; nothing is orphaned', async () => {
    const { fx, adminId } = await agency();
    const [{ owned } = { owned: 0 }] = await withTenant(fx.orgId, (tx) =>
      queryRows<{ owned: number }>(tx, sql`select count(*)::int as owned from candidates where owner_user_id = ${fx.recruiterId}`),
    );
    expect(owned).toBeGreaterThan(0);
    await expect(callerFor(adminId).member.remove({ orgSlug: fx.slug, userId: fx.recruiterId, transferToUserId: null })).rejects.toThrow(/Choose who takes them over/);
    const result = await callerFor(adminId).member.remove({ orgSlug: fx.slug, userId: fx.recruiterId, transferToUserId: adminId });
    expect(result.transferred).toBe(owned);
    expect(await roleOf(fx.orgId, fx.recruiterId)).toBeNull();
    const orphans = await withTenant(fx.orgId, (tx) =>
      queryRows(tx, sql`select id from candidates c where c.owner_user_id is not null and not exists (select 1 from memberships m where m.user_id = c.owner_user_id)`),
    );
    expect(orphans).toEqual([]);
    const inbox = await callerFor(adminId).dashboard.inbox({ orgSlug: fx.slug });
    for (const item of inbox.items) expect(item.ownerName).not.toBe('Members Recruiter');
    expect(await auditActions(fx.orgId)).toContain('member.remove');
  });

  it('refuses a viewer or the leaver as heir, and someone outside the agency', async () => {
    const { fx, adminId, viewerId } = await agency();
    const outsider = await createUser();
    const admin = callerFor(adminId);
    const before = await snapshotTenant(fx.orgId);
    await expect(admin.member.remove({ orgSlug: fx.slug, userId: fx.recruiterId, transferToUserId: viewerId })).rejects.toThrow('A viewer cannot own candidates');
    await expect(admin.member.remove({ orgSlug: fx.slug, userId: fx.recruiterId, transferToUserId: fx.recruiterId })).rejects.toThrow('Choose someone other');
    await expect(admin.member.remove({ orgSlug: fx.slug, userId: fx.recruiterId, transferToUserId: outsider.id })).rejects.toThrow('not a member');
    expect(await snapshotTenant(fx.orgId)).toBe(before);
  });
});

describe('teams', () => {
  it('are renamed (names stay unique), archived and restored, with one lead at most', async () => {
    const { fx, adminId, viewerId } = await agency();
    const admin = callerFor(adminId);
    const other = await admin.team.create({ orgSlug: fx.slug, name: 'Sales' });
    await expect(admin.team.rename({ orgSlug: fx.slug, teamId: other.id, name: 'fixture TEAM' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await admin.team.rename({ orgSlug: fx.slug, teamId: other.id, name: 'Sales & Marketing' });

    await admin.team.setMembership({ orgSlug: fx.slug, teamId: other.id, userId: viewerId, membership: 'lead' });
    await admin.team.setMembership({ orgSlug: fx.slug, teamId: other.id, userId: adminId, membership: 'lead' });
    const leads = await withTenant(fx.orgId, (tx) => queryRows<{ user_id: string }>(tx, sql`select user_id from team_members where team_id = ${other.id} and is_lead`));
    expect(leads).toEqual([{ user_id: adminId }]);

    await admin.team.archive({ orgSlug: fx.slug, teamId: fx.teamId, archived: true });
    await expect(admin.team.setMembership({ orgSlug: fx.slug, teamId: fx.teamId, userId: viewerId, membership: 'member' })).rejects.toThrow('This team is archived');
    // Still readable to admins: its candidates are listed.
    const list = await admin.candidate.list({ orgSlug: fx.slug, teamId: fx.teamId });
    expect(list.items.length).toBeGreaterThan(0);
    await admin.team.archive({ orgSlug: fx.slug, teamId: fx.teamId, archived: false });
    expect(await auditActions(fx.orgId)).toEqual(expect.arrayContaining(['team.rename', 'team.membership', 'team.archive', 'team.restore']));
  });
});
