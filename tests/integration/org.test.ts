import { sql } from 'drizzle-orm';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { createContextForUser } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';
import { addMember, callerFor, createUser, uniqueSlug } from '../support/fixtures';

// Counted per user: other test files create agencies at the same time on a shared server database.
async function agenciesOf(userId: string) {
  const [row] = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from memberships where user_id = ${userId}`);
  return row!.n;
}

/** Calls a procedure over HTTP exactly as the browser does, to see the error a user reads. */
async function post(userId: string, path: string, input: unknown) {
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    router: appRouter,
    req: new Request(`http://localhost/api/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ json: input }),
    }),
    createContext: () => createContextForUser(userId),
  });
  const body = (await response.json()) as { error?: { json: { message: string; data: { code: string; httpStatus: number; fieldErrors?: Record<string, string> } } } };
  return { status: response.status, error: body.error?.json };
}

describe('creating an agency', () => {
  it('makes the creator its owner and records it in the audit log', async () => {
    const user = await createUser();
    const slug = uniqueSlug('acme');
    const org = await callerFor(user.id).org.create({ name: '  Acme Recruiting ', slug: slug.toUpperCase() });
    expect(org).toMatchObject({ name: 'Acme Recruiting', slug });
    expect(await callerFor(user.id).org.mine()).toEqual([{ orgId: org.id, name: 'Acme Recruiting', slug, role: 'owner' }]);
    const overview = await callerFor(user.id).org.overview({ orgSlug: slug });
    expect(overview.members).toMatchObject([{ userId: user.id, role: 'owner' }]);
    const audit = await queryRows<{ action: string; actor_user_id: string }>(getDb(), sql`select action, actor_user_id from audit_log where org_id = ${org.id}`);
    expect(audit).toEqual([{ action: 'org.create', actor_user_id: user.id }]);
  });

  it('refuses a taken slug with a clear message and creates nothing', async () => {
    const user = await createUser();
    const slug = uniqueSlug('taken');
    await callerFor(user.id).org.create({ name: 'First', slug });
    const before = await agenciesOf(user.id);
    const { status, error } = await post(user.id, 'org.create', { name: 'Second', slug });
    expect(status).toBe(409);
    expect(error?.message).toBe(`The address "${slug}" is already taken. Please choose another.`);
    expect(error?.data.fieldErrors).toEqual({ slug: error?.message });
    expect(await agenciesOf(user.id)).toBe(before);
    const [owner] = await queryRows<{ name: string }>(getDb(), sql`select name from organizations where slug = ${slug}`);
    expect(owner?.name).toBe('First');
  });

  it.each([
    ['ab', 'slug: must be at least 3 characters'],
    ['Bad Slug!', 'slug: may contain only lowercase letters, digits and hyphens'],
    ['9lives', 'slug: must start with a letter'],
    ['trailing-', 'slug: cannot end with a hyphen or contain two in a row'],
    ['signin', 'slug: is reserved; please choose another'],
    ['x'.repeat(41), 'slug: must be at most 40 characters'],
  ])('refuses the malformed slug %j', async (slug, message) => {
    const user = await createUser();
    const { status, error } = await post(user.id, 'org.create', { name: 'Agency', slug });
    expect(status).toBe(400);
    expect(error?.message).toBe(message);
    expect(await agenciesOf(user.id)).toBe(0);
  });

  it('refuses an empty name and reports every bad field', async () => {
    const user = await createUser();
    const { error } = await post(user.id, 'org.create', { name: ' ', slug: 'ok-slug-but-name-bad' });
    expect(error?.data.fieldErrors).toEqual({ name: 'must be at least 2 characters' });
  });

  it('lets a member of several agencies see them all, each with its role', async () => {
    const user = await createUser();
    const other = await createUser();
    const mine = await callerFor(user.id).org.create({ name: 'Zeta Talent', slug: uniqueSlug('zeta') });
    const theirs = await callerFor(other.id).org.create({ name: 'Alpha Search', slug: uniqueSlug('alpha') });
    await addMember(theirs.id, user.id, 'viewer');
    const list = await callerFor(user.id).org.mine();
    expect(list.map((m) => [m.name, m.role])).toEqual([
      ['Alpha Search', 'viewer'],
      ['Zeta Talent', 'owner'],
    ]);
    await expect(callerFor(user.id).org.overview({ orgSlug: theirs.slug })).resolves.toMatchObject({ viewerRole: 'viewer' });
    await expect(callerFor(user.id).org.overview({ orgSlug: mine.slug })).resolves.toMatchObject({ viewerRole: 'owner' });
  });
});

describe('teams', () => {
  it('admins create them; recruiters and viewers are refused', async () => {
    const owner = await createUser();
    const org = await callerFor(owner.id).org.create({ name: 'Teamwork', slug: uniqueSlug('team') });
    const recruiter = await createUser();
    const viewer = await createUser();
    await addMember(org.id, recruiter.id, 'recruiter');
    await addMember(org.id, viewer.id, 'viewer');

    await callerFor(owner.id).team.create({ orgSlug: org.slug, name: 'Engineering' });
    for (const user of [recruiter, viewer]) {
      const { status, error } = await post(user.id, 'team.create', { orgSlug: org.slug, name: 'Rogue' });
      expect(status).toBe(403);
      expect(error?.message).toMatch(/does not allow team\.create/);
    }
    const { status, error } = await post(owner.id, 'team.create', { orgSlug: org.slug, name: 'engineering' });
    expect(status).toBe(409);
    expect(error?.message).toBe('A team called "engineering" already exists.');
    const overview = await callerFor(viewer.id).org.overview({ orgSlug: org.slug });
    expect(overview.teams.map((t) => t.name)).toEqual(['Engineering']);
  });

  it('rolls the whole procedure back when it fails', async () => {
    const owner = await createUser();
    const org = await callerFor(owner.id).org.create({ name: 'Rollback', slug: uniqueSlug('rb') });
    await callerFor(owner.id).team.create({ orgSlug: org.slug, name: 'Sales' });
    await expect(callerFor(owner.id).team.create({ orgSlug: org.slug, name: 'SALES' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const audit = await queryRows<{ n: number }>(getDb(), sql`select count(*)::int as n from audit_log where org_id = ${org.id} and action = 'team.create'`);
    expect(audit[0]!.n).toBe(1);
  });
});

describe('signed-out callers', () => {
  it('get UNAUTHORIZED from authed procedures', async () => {
    await expect(callerFor(null).org.mine()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    await expect(callerFor(null).org.create({ name: 'Nope', slug: 'nope-nope' })).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
