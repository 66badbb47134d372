import { sql } from 'drizzle-orm';
import journal from './migrations/meta/_journal.json' with { type: 'json' };
import { queryRows, type Executor } from './client';

/*
 * What drizzle-kit's journal says this build ships, and what a database has applied, without
 * reading the migration files: the readiness check runs inside the Next.js server, whose bundle
 * carries this JSON but not the db/migrations folder.
 */

export interface ShippedMigration {
  tag: string;
  /** The migration's timestamp in the journal; the database records it as `created_at`. */
  when: number;
}

/** Every migration of this build, oldest first. */
export const SHIPPED_MIGRATIONS: readonly ShippedMigration[] = journal.entries.map((e) => ({ tag: e.tag, when: e.when }));

/** Where drizzle's migrator keeps the migrations a database has applied (its defaults, which runMigrations uses). */
export const MIGRATIONS_SCHEMA = 'drizzle';
export const MIGRATIONS_TABLE = '__drizzle_migrations';

/** The timestamp of the newest migration the database has applied; null for none (or no journal table yet). */
export async function lastAppliedMigration(exec: Executor): Promise<number | null> {
  const [table] = await queryRows<{ present: boolean }>(exec, sql`select to_regclass(${`${MIGRATIONS_SCHEMA}.${MIGRATIONS_TABLE}`}) is not null as present`);
  if (!table?.present) return null;
  const [row] = await queryRows<{ last: string | null }>(exec, sql`select max(created_at)::text as last from ${sql.identifier(MIGRATIONS_SCHEMA)}.${sql.identifier(MIGRATIONS_TABLE)}`);
  return row?.last == null ? null : Number(row.last);
}

/**
 * The shipped migrations the database still lacks, by drizzle's own rule: a migration is applied
 * when the newest applied one is not older. A database ahead of this build (a newer release has
 * migrated it while this one still runs) lacks nothing.
 */
export function pendingAfter(last: number | null, shipped: readonly ShippedMigration[] = SHIPPED_MIGRATIONS): ShippedMigration[] {
  return shipped.filter((m) => last === null || last < m.when);
}

export async function pendingMigrations(exec: Executor, shipped: readonly ShippedMigration[] = SHIPPED_MIGRATIONS): Promise<ShippedMigration[]> {
  return pendingAfter(await lastAppliedMigration(exec), shipped);
}
