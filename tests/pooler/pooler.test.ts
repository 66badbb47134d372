import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { SYSTEM_ROLE, TENANT_ROLE, withTenant } from '@/db/tenant';
import { callerFor, createTenant, type TenantFixture } from '../support/fixtures';

/**
 * Runs only through pgbouncer in transaction mode (`npm run test:pooler`, tests/pooler/run.sh).
 * The app's pool is bigger than pgbouncer's server pool, so one server connection serves both
 * agencies in turn: whatever a transaction set must be gone when the next one starts there.
 */
const APP_POOL = 24;
const REQUESTS = 1_000;
const IN_FLIGHT = 48;
process.env.DATABASE_POOL_SIZE = String(APP_POOL);

const databaseUrl = inject('databaseUrl');

interface Agency {
  tag: 'A' | 'B';
  fx: TenantFixture;
  created: Set<string>;
  tenantPids: Set<number>;
}

let admin: postgres.Sql | undefined;
let serverPool = 0;
let a: Agency;
let b: Agency;

/** pgbouncer's admin console: simple protocol only, no type lookup. */
async function adminConsole(command: string): Promise<Record<string, unknown>[]> {
  return [...((await admin!.unsafe(command)) as unknown as Record<string, unknown>[])];
}

beforeAll(async () => {
  if (!databaseUrl) throw new Error('The pooler test needs DATABASE_URL through pgbouncer: run `npm run test:pooler`.');
  const url = new URL(databaseUrl);
  url.pathname = '/pgbouncer';
  admin = postgres(url.toString(), { max: 1, prepare: false, fetch_types: false, onnotice: () => {} });
  const config = new Map((await adminConsole('SHOW CONFIG')).map((r) => [r.key, String(r.value)]));
  expect(config.get('pool_mode'), 'DATABASE_URL must go through pgbouncer in transaction mode').toBe('transaction');
  serverPool = Number(config.get('default_pool_size'));
  expect(serverPool).toBeLessThan(APP_POOL);

  const [fa, fb] = await Promise.all([createTenant('PoolA'), createTenant('PoolB')]);
  a = { tag: 'A', fx: fa!, created: new Set([fa!.candidateId]), tenantPids: new Set() };
  b = { tag: 'B', fx: fb!, created: new Set([fb!.candidateId]), tenantPids: new Set() };
});

afterAll(async () => {
  await admin?.end({ timeout: 5 });
});

const nameOf = (agency: Agency, i: number) => `${agency.fx.candidateName.split(' ')[0]} pooled ${i}`;

/** What a statement outside any transaction sees on whichever server connection pgbouncer lends. */
async function plainProbe() {
  const [row] = await queryRows<{ pid: number; org: string | null; role: string; login: string }>(
    getDb(),
    sql`select pg_backend_pid() as pid, current_setting('app.org_id', true) as org, current_user as role, session_user as login`,
  );
  return row!;
}

describe('through pgbouncer in transaction mode', () => {
  it(`${REQUESTS} interleaved requests from two agencies each see only their own rows, and no tenant setting outlives its transaction`, async () => {
    const plainPids = new Set<number>();
    const leaks: string[] = [];

    // Agencies alternate request by request; six kinds of request cycle so each agency gets each kind.
    const request = async (i: number) => {
      const [me, other] = i % 2 === 0 ? [a, b] : [b, a];
      const caller = callerFor(me.fx.ownerId);
      const orgSlug = me.fx.slug;
      switch (Math.floor(i / 2) % 6) {
        case 0: {
          const created = await caller.candidate.create({ orgSlug, name: nameOf(me, i), email: `pooled-${i}-${randomUUID().slice(0, 8)}@candidate.example` });
          me.created.add(created.id);
          return;
        }
        case 1: {
          const { items } = await caller.candidate.list({ orgSlug, limit: 100 });
          for (const item of items) {
            if (other.created.has(item.id) || !item.name.startsWith(me.fx.candidateName.split(' ')[0]!)) leaks.push(`${me.tag} listed ${item.name}`);
          }
          return;
        }
        case 2: {
          const { candidate } = await caller.candidate.get({ orgSlug, candidateId: me.fx.candidateId });
          expect(candidate.name).toBe(me.fx.candidateName);
          // The other agency's candidate, asked for by id from this agency: as if it did not exist.
          await expect(caller.candidate.get({ orgSlug, candidateId: other.fx.candidateId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
          return;
        }
        case 3: {
          // A query that forgets its WHERE still sees one agency: the one this transaction set.
          const [row] = await withTenant(me.fx.orgId, (tx) =>
            queryRows<{ pid: number; org: string; role: string; orgs: string[] }>(
              tx,
              sql`select pg_backend_pid() as pid, current_setting('app.org_id') as org, current_user as role,
                         (select coalesce(array_agg(distinct org_id), '{}') from candidates) as orgs`,
            ),
          );
          me.tenantPids.add(row!.pid);
          if (row!.org !== me.fx.orgId || row!.role !== TENANT_ROLE) leaks.push(`${me.tag} tenant transaction ran as ${row!.role} for ${row!.org}`);
          if (row!.orgs.some((org) => org !== me.fx.orgId)) leaks.push(`${me.tag} saw rows of ${row!.orgs.join(', ')}`);
          return;
        }
        case 4: {
          // A transaction that fails after setting the tenant is rolled back, settings and all.
          await expect(
            withTenant(me.fx.orgId, async (tx) => {
              const [row] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
              me.tenantPids.add(row!.pid);
              throw new Error('rolled back on purpose');
            }),
          ).rejects.toThrow('rolled back on purpose');
          return;
        }
        default: {
          const row = await plainProbe();
          plainPids.add(row.pid);
          if (row.org || row.role !== row.login) leaks.push(`a plain query on server connection ${row.pid} ran as ${row.role} with app.org_id "${row.org}"`);
        }
      }
    };

    let next = 0;
    await Promise.all(
      Array.from({ length: IN_FLIGHT }, async () => {
        while (next < REQUESTS) await request(next++);
      }),
    );

    expect(leaks).toEqual([]);
    // The server connections really were shared: far fewer than the app's, each serving both agencies
    // and the plain queries after them.
    const allPids = new Set([...a.tenantPids, ...b.tenantPids, ...plainPids]);
    expect(allPids.size).toBeLessThanOrEqual(serverPool);
    expect([...a.tenantPids].filter((pid) => b.tenantPids.has(pid)).length).toBeGreaterThan(0);
    expect([...plainPids].filter((pid) => a.tenantPids.has(pid) || b.tenantPids.has(pid)).length).toBeGreaterThan(0);

    // In the end each agency lists exactly what it created (and its fixture candidate), nothing more.
    for (const me of [a, b]) {
      const { items } = await callerFor(me.fx.ownerId).candidate.list({ orgSlug: me.fx.slug, limit: 100 });
      expect(new Set(items.map((item) => item.id))).toEqual(me.created);
    }
  });

  it('after the transactions end, every pooled server connection is back to the login role with no agency set', async () => {
    const rows = await Promise.all(Array.from({ length: APP_POOL * 3 }, () => plainProbe()));
    for (const row of rows) {
      expect(row.org ?? '').toBe('');
      expect(row.role).toBe(row.login);
      expect([TENANT_ROLE, SYSTEM_ROLE]).not.toContain(row.role);
    }
    // The probes reached every server connection pgbouncer holds for this database.
    const database = new URL(databaseUrl!).pathname.slice(1);
    const servers = (await adminConsole('SHOW SERVERS')).filter((r) => r.database === database).map((r) => Number(r.remote_pid));
    expect(servers.length).toBeGreaterThan(1);
    expect(new Set(rows.map((row) => row.pid))).toEqual(new Set(servers));
  });
});
