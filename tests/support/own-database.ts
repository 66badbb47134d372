import postgres from 'postgres';
import { afterAll, beforeAll } from 'vitest';

/**
 * On the Postgres server every integration file shares one database, and a file that starts the
 * queue worker runs the follow-up sweep over every agency in it (reminders, digests). A file that
 * fingerprints whole agencies over time calls this at its top: it then runs on a database of its
 * own, created and migrated before its hooks and dropped after them. On PGlite every file already
 * has its own database, so this does nothing.
 */
export function runOnOwnDatabase(suffix: string): void {
  const shared = process.env.DATABASE_URL;
  if (!shared) return;
  const direct = process.env.DATABASE_DIRECT_URL;
  const admin = postgres(direct ?? shared, { max: 1, onnotice: () => {} });
  const name = `${new URL(shared).pathname.slice(1)}_${suffix}`;
  const withName = (u: string) => {
    const url = new URL(u);
    url.pathname = `/${name}`;
    return url.toString();
  };

  beforeAll(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.unsafe(`create database ${name}`);
    // The app reads its configuration once, on first use: nothing in this file has used it yet.
    process.env.DATABASE_URL = withName(shared);
    if (direct) process.env.DATABASE_DIRECT_URL = withName(direct);
    const { runMigrations } = await import('@/db/migrate');
    await runMigrations();
  }, 120_000);

  afterAll(async () => {
    const { closeDatabase } = await import('@/db/client');
    await closeDatabase();
    if (!process.env.KEEP_TEST_DB) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
}
