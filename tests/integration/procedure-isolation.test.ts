import { beforeAll, describe, expect, it } from 'vitest';
import type { AnyProcedure } from '@trpc/server';
import { appRouter } from '@/server/trpc/root';
import { ZOrgScopedInput } from '@/server/trpc/init';
import { callerFor, createTenant, snapshotTenant, type TenantFixture } from '../support/fixtures';
import { attackInputs } from '../support/procedure-inputs';

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>);
const isOrgScoped = (p: AnyProcedure) => (p._def.inputs as unknown[]).includes(ZOrgScopedInput);

function call(userId: string, path: string, input: unknown): Promise<unknown> {
  let target: unknown = callerFor(userId);
  for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
  return (target as (i: unknown) => Promise<unknown>)(input);
}

let victim: TenantFixture;
let attacker: TenantFixture;

beforeAll(async () => {
  victim = await createTenant('Victim');
  attacker = await createTenant('Attacker');
});

describe('every procedure of the app router', () => {
  it('either runs in the org builder or says why it is safe across tenants', () => {
    expect(procedures.length).toBeGreaterThan(0);
    for (const [path, procedure] of procedures) {
      const tenantFree = (procedure._def.meta as { tenantFree?: string } | undefined)?.tenantFree;
      expect(isOrgScoped(procedure) || Boolean(tenantFree), `${path} is neither org-scoped nor marked tenantFree`).toBe(true);
    }
  });

  it('has an attack input for every org-scoped procedure', () => {
    const inputs = attackInputs(victim);
    for (const [path, procedure] of procedures) if (isOrgScoped(procedure)) expect(inputs, path).toHaveProperty([path]);
  });

  it.each(procedures.filter(([, p]) => isOrgScoped(p)).map(([path]) => path))(
    '%s, called by members of another agency with its ids, is refused and changes nothing',
    async (path) => {
      const input = attackInputs(victim)[path];
      const before = await snapshotTenant(victim.orgId);
      for (const userId of [attacker.ownerId, attacker.recruiterId]) {
        await expect(call(userId, path, input)).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
      }
      expect(await snapshotTenant(victim.orgId)).toBe(before);
    },
  );

  it.each(procedures.filter(([, p]) => isOrgScoped(p)).map(([path]) => path))(
    '%s, called in the attacker’s own agency with the other agency’s ids, reveals and changes nothing',
    async (path) => {
      const input = { ...attackInputs(victim)[path], orgSlug: attacker.slug };
      const before = await snapshotTenant(victim.orgId);
      const secrets = [victim.orgId, victim.candidateId, victim.candidateName, victim.jobId, victim.applicationId, victim.interviewId, victim.touchId, victim.teamId];
      for (const userId of [attacker.ownerId, attacker.recruiterId]) {
        const outcome = await call(userId, path, input).then(
          (result) => ({ ok: true as const, body: JSON.stringify(result ?? null) }),
          (error: { code?: string; message?: string }) => ({ ok: false as const, code: error.code, body: error.message ?? '' }),
        );
        if (!outcome.ok) expect(outcome.code, `${path}: ${outcome.body}`).toMatch(/^(NOT_FOUND|FORBIDDEN|BAD_REQUEST|CONFLICT)$/);
        for (const secret of secrets) expect(outcome.body, `${path} leaked ${secret}`).not.toContain(secret);
      }
      expect(await snapshotTenant(victim.orgId)).toBe(before);
    },
  );

  it.each(procedures.filter(([, p]) => isOrgScoped(p)).map(([path]) => path))('%s refuses anonymous callers', async (path) => {
    let target: unknown = callerFor(null);
    for (const key of path.split('.')) target = (target as Record<string, unknown>)[key];
    await expect((target as (i: unknown) => Promise<unknown>)(attackInputs(victim)[path])).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('answers a missing agency exactly like a foreign one, so slugs cannot be probed', async () => {
    const foreign = await call(attacker.ownerId, 'org.overview', { orgSlug: victim.slug }).catch((e: Error) => e.message);
    const missing = await call(attacker.ownerId, 'org.overview', { orgSlug: 'no-such-agency' }).catch((e: Error) => e.message);
    expect(foreign).toBe(missing);
  });
});
