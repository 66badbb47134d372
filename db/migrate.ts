import { sql } from 'drizzle-orm';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkConnection, closeDatabase, database, type Database } from './client';
import { lastAppliedMigration, MIGRATIONS_SCHEMA, MIGRATIONS_TABLE, pendingAfter, pendingMigrations, SHIPPED_MIGRATIONS } from './migration-journal';

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/**
 * The advisory lock every migrating process takes first. Its key is computed by the server from
 * this name: `select hashtextextended('afterview:migrations', 0)` shows it (pg_locks.objid).
 */
export const MIGRATION_LOCK = 'afterview:migrations';

/**
 * Applies the migrations the database lacks, and returns their tags. Every instance and worker
 * does this at boot, possibly at the same moment: all of it runs in one transaction that first
 * takes a transaction-level advisory lock, so one process migrates while the others wait for its
 * commit, then find nothing left to do. Transaction-level, not session-level: through a
 * transaction pooler (pgbouncer) a session lock would stay on whichever server connection took it.
 * Same steps and journal as drizzle's migrator (drizzle-orm/migrator), which takes no lock and
 * reads the journal before its transaction begins.
 */
export async function runMigrations(target: Database = database()): Promise<{ applied: string[] }> {
  const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
  const journal = sql`${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)}`;
  return target.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${MIGRATION_LOCK}, 0))`);
    await tx.execute(sql`create schema if not exists ${sql.identifier(MIGRATIONS_SCHEMA)}`);
    await tx.execute(sql`create table if not exists ${journal} (id serial primary key, hash text not null, created_at bigint)`);
    const pending = new Set(pendingAfter(await lastAppliedMigration(tx)).map((m) => m.when));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (!pending.has(migration.folderMillis)) continue;
      for (const statement of migration.sql) await tx.execute(sql.raw(statement));
      await tx.execute(sql`insert into ${journal} (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`);
      applied.push(SHIPPED_MIGRATIONS.find((m) => m.when === migration.folderMillis)!.tag);
    }
    return { applied };
  });
}

/**
 * What an instance or a worker does at boot: migrate, or with MIGRATE_ON_BOOT=false (migrations
 * run once as a release step) only make sure that step has run, and stop the start if it has not.
 */
export async function migrateAtBoot(migrate: boolean, target: Database = database()): Promise<void> {
  if (migrate) {
    await runMigrations(target);
    return;
  }
  const missing = await pendingMigrations(target.db);
  if (missing.length > 0) {
    const tags = missing.map((m) => m.tag).join(', ');
    throw new Error(`MIGRATE_ON_BOOT=false, but the database lacks ${missing.length === 1 ? 'a migration' : `${missing.length} migrations`} (${tags}): run \`npm run db:migrate\` first, or unset MIGRATE_ON_BOOT.`);
  }
}

async function main() {
  const { env, redactUrl } = await import('@/server/env');
  const e = env();
  const where = e.database.kind === 'postgres' ? redactUrl(e.database.url) : `PGlite at ${e.database.dir}`;
  await checkConnection();
  const { applied } = await runMigrations();
  console.log(applied.length > 0 ? `Migrations applied to ${where}: ${applied.join(', ')}.` : `Migrations: ${where} is up to date.`);
  await closeDatabase();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run as a command: the .env* files first, as for every entry point (never when imported).
  import('@/server/cli/load-env')
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
