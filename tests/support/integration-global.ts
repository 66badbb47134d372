import postgres from 'postgres';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string | null;
  }
}

/**
 * With DATABASE_URL set, the suite runs on a fresh database on that server, created and migrated
 * here once and dropped at the end. Without it, each test file opens its own in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    project.provide('databaseUrl', null);
    return;
  }
  const name = `afterview_it_${Date.now()}_${process.pid}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  project.provide('databaseUrl', url.toString());

  const { openDatabase } = await import('@/db/client');
  const { runMigrations } = await import('@/db/migrate');
  const target = openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
  await runMigrations(target);
  await target.close();

  return async () => {
    if (!process.env.KEEP_TEST_DB) await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
}
