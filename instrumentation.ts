export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { env } = await import('@/server/env');
  if (env().WORKER === 'off') return;
  const { startWorkerWithRetry } = await import('@/server/jobs/worker');
  // A queue that cannot start must not stop the app from serving; mail waits in the outbox.
  await startWorkerWithRetry();
}
