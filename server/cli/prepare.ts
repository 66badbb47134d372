import { checkConnection, closeDatabase } from '@/db/client';
import { migrateAtBoot } from '@/db/migrate';
import { DEMO, isDatabaseEmpty, seedDemo } from '@/db/seed';
import { ConfigError, env, redactUrl } from '@/server/env';

/**
 * Everything the app needs before Next.js starts: valid configuration, a reachable database,
 * migrations, and the demo agency on an empty embedded database. The database is closed again
 * because PGlite's files can be open in one process only.
 */
export async function prepare(): Promise<{ seeded: boolean }> {
  let e;
  try {
    e = env();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  try {
    await checkConnection();
    await migrateAtBoot(e.MIGRATE_ON_BOOT);
    const seeded = e.database.kind === 'pglite' && (await isDatabaseEmpty());
    if (seeded) await seedDemo();
    const where = e.database.kind === 'postgres' ? redactUrl(e.database.url) : `embedded PGlite in ${e.database.dir}`;
    console.log(`Database: ${where} (migrated${seeded ? `, seeded the demo agency "${DEMO.org.name}"` : ''})`);
    console.log(`Mail: ${e.mail.transport === 'dev' ? 'dev mailbox (no RESEND_API_KEY set)' : 'Resend'}`);
    return { seeded };
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  } finally {
    await closeDatabase();
  }
}

export function printWelcome(url: string, devMailbox: boolean) {
  const ownerEmail = DEMO.people[0]?.email ?? 'alex@northwind.example';
  if (process.env.NODE_ENV === 'production' && !devMailbox) return;
  console.log('');
  console.log(`  Afterview is running at ${url}`);
  console.log(`  Sign in at ${url}/signin as ${ownerEmail} (owner of the demo agency "${DEMO.org.name}").`);
  if (devMailbox) console.log(`  The sign-in link arrives in the dev mailbox: ${url}/dev/mailbox`);
  console.log('');
}
