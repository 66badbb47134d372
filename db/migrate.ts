import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import { checkConnection, closeDatabase, database, type Database } from './client';

export const MIGRATIONS_FOLDER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

export async function runMigrations(target: Database = database()): Promise<void> {
  const config = { migrationsFolder: MIGRATIONS_FOLDER, migrationsSchema: 'drizzle' };
  if (target.kind === 'pglite') await migratePglite(target.db as unknown as PgliteDatabase, config);
  else await migratePostgres(target.db as unknown as PostgresJsDatabase, config);
}

async function main() {
  const { env, redactUrl } = await import('@/server/env');
  const e = env();
  const where = e.database.kind === 'postgres' ? redactUrl(e.database.url) : `PGlite at ${e.database.dir}`;
  await checkConnection();
  await runMigrations();
  console.log(`Migrations applied to ${where}.`);
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
