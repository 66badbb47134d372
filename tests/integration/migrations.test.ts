import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { database, openDatabase, queryRows, type Database } from '@/db/client';
import { SHIPPED_MIGRATIONS } from '@/db/migration-journal';
import { migrateAtBoot, runMigrations } from '@/db/migrate';

/*
 * Every instance and worker migrates at boot, so a deploy starts several at once on a database
 * that lacks migrations. On the Postgres server: four pools of their own (as four processes would
 * have) migrate a fresh database at the same moment. On PGlite (one process, one connection): four
 * calls at once on a fresh embedded database, which the old migrator also broke (each read the
 * journal before any had written it, then each ran every migration). Either way one call applies
 * everything, the others find nothing left, and the result equals a database migrated once.
 */
const onServer = Boolean(process.env.DATABASE_URL);
const opened: Database[] = [];
let dropFresh: (() => Promise<void>) | undefined;

afterAll(async () => {
  await Promise.all(opened.map((db) => db.close()));
  await dropFresh?.();
});

/** A database with nothing in it, and a way to open more connections (pools) to it. */
async function freshDatabase(): Promise<() => Database> {
  if (!onServer) return () => openDatabase({ kind: 'pglite', dir: 'memory://' });
  const shared = process.env.DATABASE_URL!;
  // Behind a pooler the database is created directly on the server; the pools go through the pooler.
  const admin = postgres(process.env.DATABASE_DIRECT_URL ?? shared, { max: 1, onnotice: () => {} });
  const name = `${new URL(shared).pathname.slice(1)}_migrate_${randomBytes(4).toString('hex')}`;
  await admin.unsafe(`create database ${name}`);
  dropFresh = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
  const url = new URL(shared);
  url.pathname = `/${name}`;
  return () => openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2, prepare: process.env.DATABASE_PREPARE !== 'false' });
}

/** What the migrations make of a database: journal, grants, row-level security, policies, functions. */
async function fingerprint(db: Database) {
  const q = <T extends Record<string, unknown>>(query: ReturnType<typeof sql>) => queryRows<T>(db.db, query);
  return {
    journal: await q(sql`select hash, created_at::text as created_at from drizzle.__drizzle_migrations order by id`),
    grants: await q(sql`select table_name, grantee, privilege_type from information_schema.role_table_grants
                        where grantee in ('afterview_tenant', 'afterview_system') order by 1, 2, 3`),
    columnGrants: await q(sql`select table_name, column_name, grantee, privilege_type from information_schema.column_privileges
                              where grantee = 'afterview_system' and privilege_type = 'UPDATE' order by 1, 2, 3, 4`),
    rls: await q(sql`select relname, relrowsecurity, relforcerowsecurity from pg_class
                     where relnamespace = 'public'::regnamespace and relkind = 'r' order by 1`),
    policies: await q(sql`select tablename, policyname, cmd, roles::text as roles from pg_policies where schemaname = 'public' order by 1, 2`),
    functions: await q(sql`select p.proname, has_function_privilege('afterview_tenant', p.oid, 'execute') as tenant_may_run from pg_proc p
                           where p.pronamespace = 'public'::regnamespace and p.proname like 'afterview%' order by 1`),
  };
}

describe(onServer ? 'four processes migrating a fresh database on the Postgres server at once' : 'four migrations at once on a fresh embedded database', { timeout: 120_000 }, () => {
  it('apply each migration exactly once, and leave the same roles, grants and policies as one migration', async () => {
    const connect = await freshDatabase();
    const targets = onServer ? [connect(), connect(), connect(), connect()] : Array<Database>(4).fill(connect());
    opened.push(...new Set(targets));

    const results = await Promise.all(targets.map((target) => runMigrations(target)));

    const all = SHIPPED_MIGRATIONS.map((m) => m.tag);
    expect(results.map((r) => r.applied).sort((a, b) => b.length - a.length)).toEqual([all, [], [], []]);
    const migrated = await fingerprint(targets[0]!);
    expect(migrated.journal.map((row) => Number(row.created_at))).toEqual(SHIPPED_MIGRATIONS.map((m) => m.when));
    expect(migrated.grants.length).toBeGreaterThan(20);
    expect(migrated.rls.filter((t) => t.relforcerowsecurity).length).toBeGreaterThan(10);
    // This file's own database was migrated once, by the test setup.
    expect(migrated).toEqual(await fingerprint(database()));

    // Once more, each finds nothing to do.
    expect((await Promise.all(targets.map((target) => runMigrations(target)))).map((r) => r.applied)).toEqual([[], [], [], []]);
  });
});

describe('MIGRATE_ON_BOOT=false (migrations run once, as a release step)', () => {
  it('leaves an unmigrated database as it is and stops the start, naming the command to run', async () => {
    const fresh = openDatabase({ kind: 'pglite', dir: 'memory://' });
    opened.push(fresh);
    await expect(migrateAtBoot(false, fresh)).rejects.toThrow(/MIGRATE_ON_BOOT=false, but the database lacks \d+ migrations \(0000_init, .*\): run `npm run db:migrate` first/);
    const [journal] = await queryRows<{ present: boolean }>(fresh.db, sql`select to_regclass('drizzle.__drizzle_migrations') is not null as present`);
    expect(journal!.present).toBe(false);
    await runMigrations(fresh);
    await expect(migrateAtBoot(false, fresh)).resolves.toBeUndefined();
  });

  it('is what `npm run dev` / `npm start` do: they exit before Next.js starts', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/next.ts', 'dev'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'development', PGLITE_DIR: 'memory://', MIGRATE_ON_BOOT: 'false' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain('run `npm run db:migrate` first');
    expect(result.stdout).not.toContain('Next.js');
  }, 90_000);
});
