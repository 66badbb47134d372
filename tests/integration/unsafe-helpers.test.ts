import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { unsafeWithMemberTenant } from '@/db/tenant';
import { unsafeFindMembershipBySlug } from '@/server/services/org/unsafe-find-membership-by-slug';
import { unsafeListUserMemberships } from '@/server/services/org/unsafe-list-user-memberships';
import { addMember, createTenant, createUser } from '../support/fixtures';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('the cross-tenant helpers', () => {
  it('are the only code that takes the system role, each in a file named unsafe-…', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const users = ['app', 'server', 'db', 'emails']
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => readFileSync(file, 'utf8').includes('unsafeWithSystemRole('))
      .map((file) => path.relative(root, file));
    expect(users.length).toBeGreaterThan(0);
    for (const file of users) expect(file, file).toMatch(/^db\/tenant\.ts$|\/unsafe-[a-z-]+\.ts$/);
  });

  it('find an agency by slug for its members only', async () => {
    const a = await createTenant('Slug');
    const outsider = await createUser();
    expect(await unsafeFindMembershipBySlug({ userId: a.ownerId, slug: a.slug.toUpperCase() })).toMatchObject({ orgId: a.orgId, role: 'owner' });
    expect(await unsafeFindMembershipBySlug({ userId: a.recruiterId, slug: a.slug })).toMatchObject({ orgId: a.orgId, role: 'recruiter' });
    expect(await unsafeFindMembershipBySlug({ userId: outsider.id, slug: a.slug })).toBeNull();
    expect(await unsafeFindMembershipBySlug({ userId: a.ownerId, slug: 'missing-agency' })).toBeNull();
  });

  it('enter an agency by slug for its members only, as its tenant, in the same transaction', async () => {
    const a = await createTenant('EnterA');
    const b = await createTenant('EnterB');
    const outsider = await createUser();
    const entered = await unsafeWithMemberTenant({ userId: a.recruiterId, slug: a.slug.toUpperCase() }, async (tx, membership) => {
      const [who] = await queryRows<{ role: string; org: string }>(tx, sql`select current_user as role, current_setting('app.org_id') as org`);
      const seen = await queryRows<{ id: string }>(tx, sql`select id from candidates where id in (${a.candidateId}, ${b.candidateId})`);
      return { membership, who, seen: seen.map((r) => r.id) };
    });
    expect(entered).toEqual({
      member: true,
      value: { membership: { orgId: a.orgId, name: expect.any(String), slug: a.slug, role: 'recruiter' }, who: { role: 'afterview_tenant', org: a.orgId }, seen: [a.candidateId] },
    });
    let ran = false;
    const refuse = async () => {
      ran = true;
    };
    expect(await unsafeWithMemberTenant({ userId: outsider.id, slug: a.slug }, refuse)).toEqual({ member: false });
    expect(await unsafeWithMemberTenant({ userId: a.ownerId, slug: b.slug }, refuse)).toEqual({ member: false });
    expect(await unsafeWithMemberTenant({ userId: a.ownerId, slug: 'missing-agency' }, refuse)).toEqual({ member: false });
    expect(ran).toBe(false);
    // Nothing of it outlives the transaction.
    const [after] = await queryRows<{ role: string; org: string | null }>(getDb(), sql`select current_user as role, current_setting('app.org_id', true) as org`);
    expect(after!.role).not.toMatch(/^afterview_/);
    expect(after!.org ?? '').toBe('');
  });

  it('list one user’s memberships and nobody else’s', async () => {
    const a = await createTenant('ListA');
    const b = await createTenant('ListB');
    await addMember(b.orgId, a.recruiterId, 'viewer');
    const list = await unsafeListUserMemberships({ userId: a.recruiterId });
    expect(list.map((m) => [m.orgId, m.role]).sort()).toEqual([[a.orgId, 'recruiter'], [b.orgId, 'viewer']].sort());
    expect(await unsafeListUserMemberships({ userId: (await createUser()).id })).toEqual([]);
  });
});
