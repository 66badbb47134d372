import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
    databaseDirectUrl: string | null;
  }
}

/**
 * With DATABASE_URL set, the suite runs on a fresh database on that server, created and migrated
 * here once and dropped at the end. Without it, each test file opens its own in-memory PGlite.
 * Behind a pooler, DATABASE_DIRECT_URL (the same server, not pooled) creates, migrates and drops
 * the database, and the app LISTENs through it, as in production.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide('databaseUrl', null);
    project.provide('databaseDirectUrl', null);
    return;
  }
  const direct = process.env.DATABASE_DIRECT_URL;
  const name = `afterview_it_${Date.now()}_${process.pid}`;
  const withName = (u: string) => {
    const url = new URL(u);
    url.pathname = `/${name}`;
    return url.toString();
  };
  const admin = postgres(direct ?? base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  project.provide('databaseUrl', withName(base));
  project.provide('databaseDirectUrl', direct ? withName(direct) : null);

  const { openDatabase } = await import('@/db/client');
  const { runMigrations } = await import('@/db/migrate');
  const target = openDatabase({ kind: 'postgres', url: withName(direct ?? base), poolSize: 2 });
  await runMigrations(target);
  await target.close();

  return async () => {
    if (!process.env.KEEP_TEST_DB) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
