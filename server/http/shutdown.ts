import { closeDatabase } from '@/db/client';
import { releaseHeldEmails, stopWorker } from '@/server/jobs/worker';
import { endLiveStreams } from '@/server/realtime/hub';
import { log } from '@/server/log';

/**
 * What an instance holds besides HTTP requests, let go of in order: live-update streams (their
 * browsers reconnect to another instance), the queue (jobs in hand finish, none are fetched), and
 * the outbox rows it claimed but did not send (due again at once, for any instance). The state
 * lives on globalThis, so this process's copy of these modules reaches what Next's bundles opened.
 */
export async function stopBackgroundWork(): Promise<void> {
  const streams = endLiveStreams();
  if (streams > 0) log.info(`ended ${streams} live-update stream(s)`);
  await stopWorker().catch((error: unknown) => log.error('the queue did not stop cleanly', { err: error }));
  const released = await releaseHeldEmails().catch((error: unknown) => {
    log.error('claimed emails were not released; their leases run out instead', { err: error });
    return 0;
  });
  if (released > 0) log.info(`released ${released} claimed email(s) for another instance`);
}

export async function closePools(): Promise<void> {
  await closeDatabase().catch((error: unknown) => log.error('the database pool did not close cleanly', { err: error }));
}
