import './load-env';
import { closeDatabase } from '@/db/client';
import { migrateAtBoot } from '@/db/migrate';
import { ConfigError, env } from '@/server/env';
import { startWorker, stopWorker } from '@/server/jobs/worker';

/**
 * `npm run worker`: the queue alone (email delivery, webhook processing), for deployments that
 * keep it apart from the web instances (set WORKER=off on those). Any number may run at once.
 */
async function main() {
  let e;
  try {
    e = env();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  if (e.database.kind === 'pglite') {
    console.error(
      'The worker runs on its own only against a Postgres server (DATABASE_URL). The embedded database allows one process, and `npm run dev` / `npm start` already run the worker inside the app.',
    );
    process.exit(1);
  }
  await migrateAtBoot(e.MIGRATE_ON_BOOT);
  await startWorker();
  console.log(`[jobs] worker running: mail through ${e.mail.transport === 'resend' ? 'Resend' : 'the dev mailbox'}, checking the outbox every ${e.MAIL_POLL_MS} ms`);
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      console.log('[jobs] stopping: finishing the jobs in hand');
      void stopWorker()
        .then(closeDatabase)
        .then(() => process.exit(0));
    });
  }
}

void main();
