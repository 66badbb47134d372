export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('@/server/env');
  if (env().WORKER === 'off') return;
  const { startWorker } = await import('@/server/jobs/worker');
  // A queue that cannot start must not stop the app from serving; mail waits in the outbox.
  await startWorker().catch((error: unknown) => console.error('[jobs] the worker did not start; emails wait in the outbox', error));
}
