import type { AnyProcedure } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/db/schema';
import { can, PERMISSIONS, type Permission } from '@/server/auth/permissions';
import { appRouter } from '@/server/trpc/root';
import { addMember, callerFor, createTenant, createUser, snapshotTenant } from '../support/fixtures';
import { attackInputs } from '../support/procedure-inputs';

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)
  .map(([path, p]) => ({ path, permission: (p._def.meta as { permission?: Permission } | undefined)?.permission }))
  .filter((p): p is { path: string; permission: Permission } => Boolean(p.permission));

function call(userId: string, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerFor(userId);
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  return (target as (i: unknown) => Promise<unknown>)(input);
}

/** One agency with a member in every role; the recruiter and viewer are in the fixture's team. */
async function agencyWithEveryRole() {
  const fx = await createTenant('Matrix');
  const admin = await createUser(undefined, 'Matrix Admin');
  const viewer = await createUser(undefined, 'Matrix Viewer');
  await addMember(fx.orgId, admin.id, 'admin');
  await addMember(fx.orgId, viewer.id, 'viewer');
  const users: Record<Role, string> = { owner: fx.ownerId, admin: admin.id, recruiter: fx.recruiterId, viewer: viewer.id };
  return { fx, users };
}

describe('the role matrix, generated from the permission map', () => {
  it('covers every permission-checked procedure and uses only permissions of the map', () => {
    expect(procedures.length).toBeGreaterThan(20);
    for (const p of procedures) expect(Object.keys(PERMISSIONS), p.path).toContain(p.permission);
  });

  it.each(procedures.map((p) => [p.path, p.permission] as const))('%s (%s): allowed roles get through, the others are refused and change nothing', async (path, permission) => {
    const { fx, users } = await agencyWithEveryRole();
    const input = attackInputs(fx)[path];
    expect(input, `no input for ${path} in tests/support/procedure-inputs.ts`).toBeDefined();
    // Refused roles first, so an allowed call that changes the agency cannot hide a leak.
    const order = [...ROLES].sort((a, b) => Number(can(a, permission)) - Number(can(b, permission)));
    for (const role of order) {
      const before = await snapshotTenant(fx.orgId);
      const outcome = await call(users[role], path, input).then(
        () => ({ code: 'OK' }),
        (error: { code?: string; message?: string }) => ({ code: error.code ?? 'UNKNOWN', message: error.message }),
      );
      if (can(role, permission)) {
        expect(outcome.code, `${role} may ${permission} but ${path} said ${JSON.stringify(outcome)}`).not.toBe('FORBIDDEN');
      } else {
        expect(outcome.code, `${role} may not ${permission}`).toBe('FORBIDDEN');
        expect(await snapshotTenant(fx.orgId), `${role} changed the agency through ${path}`).toBe(before);
      }
    }
  });
});
