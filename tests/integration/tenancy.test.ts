import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, queryRows, type Tx } from '@/db/client';
import { SYSTEM_ROLE, TENANT_ROLE, withTenant } from '@/db/tenant';
import { createTenant, snapshotTenant, TENANT_TABLE_FIXTURES, tenantTables, type TenantFixture } from '../support/fixtures';

let a: TenantFixture;
let b: TenantFixture;
let tables: string[];

beforeAll(async () => {
  a = await createTenant('Alpha');
  b = await createTenant('Bravo');
  tables = await tenantTables();
});

async function errorOf(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (error) {
    const messages: string[] = [];
    for (let e: unknown = error; e instanceof Error; e = e.cause) messages.push(e.message);
    return messages.join(' | ');
  }
  return 'no error';
}

const asTenantWithoutOrg = <T>(fn: (tx: Tx) => Promise<T>) =>
  getDb().transaction(async (tx) => {
    await tx.execute(sql`select set_config('role', ${TENANT_ROLE}, true)`);
    return fn(tx);
  });

describe('tenant tables, found in the catalog', () => {
  it('finds the tables and has a fixture for each, so every new tenant table is attacked below', () => {
    expect(tables).toEqual(expect.arrayContaining(['memberships', 'teams', 'team_members', 'audit_log']));
    for (const table of tables) expect(Object.keys(TENANT_TABLE_FIXTURES), `fixture for ${table}`).toContain(table);
  });

  it('has row-level security enabled and forced on every one', async () => {
    const rows = await queryRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
      getDb(),
      sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
          where relnamespace = 'public'::regnamespace and relname in ${sql.raw(`(${[...tables, 'organizations'].map((t) => `'${t}'`).join(',')})`)}`,
    );
    expect(rows).toHaveLength(tables.length + 1);
    for (const row of rows) expect(row, row.relname).toMatchObject({ relrowsecurity: true, relforcerowsecurity: true });
  });

  it('gives foreign keys between tenant tables the org_id, so no row can point into another tenant', async () => {
    const fks = await queryRows<{ tbl: string; ref: string; cols: string[]; conname: string }>(
      getDb(),
      sql`select c.conrelid::regclass::text as tbl, c.confrelid::regclass::text as ref, c.conname,
                 array(select attname from pg_attribute where attrelid = c.conrelid and attnum = any(c.conkey))::text[] as cols
          from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    const between = fks.filter((fk) => tables.includes(fk.tbl) && tables.includes(fk.ref));
    expect(between.length).toBeGreaterThan(0);
    for (const fk of between) expect(fk.cols, `${fk.conname} on ${fk.tbl}`).toContain('org_id');
  });
});

// Each attack runs against every tenant table the catalog lists, so tables added later are covered.
describe('attacking every tenant table', () => {
  it('inside withTenant(A), a query with no org_id filter returns only A’s rows', async () => {
    for (const table of tables) {
      const rows = await withTenant(a.orgId, (tx) => queryRows<{ org_id: string }>(tx, sql`select org_id from ${sql.identifier(table)}`));
      expect(rows.length, table).toBeGreaterThan(0);
      expect(new Set(rows.map((r) => r.org_id)), table).toEqual(new Set([a.orgId]));
    }
  });

  it('with no tenant set, returns nothing', async () => {
    for (const table of tables) {
      const rows = await asTenantWithoutOrg((tx) => queryRows(tx, sql`select * from ${sql.identifier(table)}`));
      expect(rows, table).toEqual([]);
    }
  });

  it('refuses to insert a row carrying B’s org_id', async () => {
    const before = await snapshotTenant(b.orgId);
    for (const table of tables) {
      const t = sql.identifier(table);
      // overriding system value: the copy carries the identity column too (touches.seq).
      const message = await errorOf(() =>
        withTenant(a.orgId, (tx) =>
          tx.execute(sql`insert into ${t} overriding system value select (jsonb_populate_record(null::${t}, to_jsonb(x) || jsonb_build_object('org_id', ${b.orgId}::text))).* from ${t} x limit 1`),
        ),
      );
      expect(message, table).toMatch(/row-level security/);
    }
    expect(await snapshotTenant(b.orgId)).toBe(before);
  });

  it('refuses to move A’s rows into B', async () => {
    for (const table of tables) {
      // overriding system value: the copy carries the identity column too (touches.seq).
      const message = await errorOf(() => withTenant(a.orgId, (tx) => tx.execute(sql`update ${sql.identifier(table)} set org_id = ${b.orgId}`)));
      expect(message, table).toMatch(/row-level security|permission denied/);
    }
  });

  it('cannot read, change or delete B’s rows by naming them', async () => {
    const before = await snapshotTenant(b.orgId);
    for (const table of tables) {
      const t = sql.identifier(table);
      await withTenant(a.orgId, async (tx) => {
        expect(await queryRows(tx, sql`select * from ${t} where org_id = ${b.orgId}`), table).toEqual([]);
        const writable = await queryRows<{ ok: boolean }>(tx, sql`select has_table_privilege(${table}, 'UPDATE') as ok`);
        if (writable[0]?.ok) {
          await tx.execute(sql`update ${t} set org_id = org_id where org_id = ${b.orgId}`);
          await tx.execute(sql`delete from ${t} where org_id = ${b.orgId}`);
        }
      });
    }
    expect(await snapshotTenant(b.orgId)).toBe(before);
  });
});

describe('foreign keys pointing at another tenant', () => {
  it('fail for every foreign key between tenant tables', async () => {
    const fks = await queryRows<{ tbl: string; ref: string; conname: string; cols: string[]; refcols: string[] }>(
      getDb(),
      sql`select c.conrelid::regclass::text as tbl, c.confrelid::regclass::text as ref, c.conname,
                 array(select a.attname from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as cols,
                 array(select a.attname from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as refcols
          from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace`,
    );
    const between = fks.filter((fk) => tables.includes(fk.tbl) && tables.includes(fk.ref) && fk.cols.length > 1);
    expect(between.length).toBeGreaterThanOrEqual(2);
    for (const fk of between) {
      const [target] = await queryRows<Record<string, unknown>>(getDb(), sql`select * from ${sql.identifier(fk.ref)} where org_id = ${b.orgId} limit 1`);
      expect(target, `B has a row in ${fk.ref}`).toBeDefined();
      const assignments = fk.cols
        .map((col, i) => ({ col, refcol: fk.refcols[i]! }))
        .filter(({ col }) => col !== 'org_id')
        .map(({ col, refcol }) => sql`${sql.identifier(col)} = ${String(target![refcol])}`);
      // Run as the table owner, so grants (the ledger is append-only) cannot hide what the key itself allows.
      // overriding system value: the copy carries the identity column too (touches.seq).
      const message = await errorOf(() =>
        getDb().transaction(async (tx) => {
          await tx.execute(sql`update ${sql.identifier(fk.tbl)} set ${sql.join(assignments, sql`, `)} where org_id = ${a.orgId}`);
          throw new Error('no error: the row now points into another tenant');
        }),
      );
      expect(message, `${fk.conname}`).toMatch(/foreign key constraint/);
    }
  });
});

describe('the roles', () => {
  it('tenant and system roles are not superusers, cannot bypass RLS and own no table', async () => {
    const roles = await queryRows<{ rolname: string; rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; owned: number }>(
      getDb(),
      sql`select r.rolname, r.rolsuper, r.rolbypassrls, r.rolcanlogin,
                 (select count(*)::int from pg_class c where c.relowner = r.oid) as owned
          from pg_roles r where r.rolname in (${TENANT_ROLE}, ${SYSTEM_ROLE}) order by r.rolname`,
    );
    expect(roles).toHaveLength(2);
    for (const role of roles) expect(role).toMatchObject({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, owned: 0 });
  });

  it('keeps append-only tables (the audit log, the touch ledger) append-only for the app', async () => {
    const appendOnly = await queryRows<{ relname: string }>(
      getDb(),
      sql`select relname from pg_class where relnamespace = 'public'::regnamespace and obj_description(oid, 'pg_class') like 'append-only%' order by relname`,
    );
    expect(appendOnly.map((r) => r.relname)).toEqual(['audit_log', 'touches']);
    for (const { relname } of appendOnly) {
      for (const statement of [sql`update ${sql.identifier(relname)} set org_id = org_id`, sql`delete from ${sql.identifier(relname)}`]) {
        expect(await errorOf(() => withTenant(a.orgId, (tx) => tx.execute(statement))), relname).toMatch(/permission denied/);
      }
    }
  });

  it('shows a tenant only its own agency and its own people', async () => {
    await withTenant(a.orgId, async (tx) => {
      const orgs = await queryRows<{ id: string }>(tx, sql`select id from organizations`);
      expect(orgs.map((o) => o.id)).toEqual([a.orgId]);
      const people = await queryRows<{ id: string }>(tx, sql`select id from users`);
      expect(new Set(people.map((p) => p.id))).toEqual(new Set([a.ownerId, a.recruiterId]));
    });
  });

  it('keeps the tenant and role inside the transaction', async () => {
    await withTenant(a.orgId, async () => undefined);
    const [after] = await queryRows<{ org: string | null; role: string }>(getDb(), sql`select current_setting('app.org_id', true) as org, current_user as role`);
    expect(after?.org ?? '').toBe('');
    expect(after?.role).not.toBe(TENANT_ROLE);
  });

  it('rejects a tenant id that is not a uuid before touching the database', async () => {
    await expect(withTenant("' or 1=1 --", async () => 1)).rejects.toThrow(/not an organization id/);
  });
});
