export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { ConfigError, env } = await import('@/server/env');
  const { log } = await import('@/server/log');
  // Fail closed: a misconfigured production instance must not serve a single request.
  let e;
  try {
    e = env();
  } catch (error) {
    log.error(error instanceof ConfigError ? error.message : 'configuration could not be read', { err: error });
    process.exit(1);
  }
  const served = (globalThis as { __afterviewHttpServer?: boolean }).__afterviewHttpServer === true;
  if (e.NODE_ENV === 'production' && !served) {
    // `next start` alone would believe whatever Host and X-Forwarded-For a client sends.
    log.error('Start Afterview with `npm start` (server/cli/next.ts), not `next start`: its HTTP server works out client addresses and the public host.');
    process.exit(1);
  }
  if (e.WORKER === 'off') return;
  const { startWorkerWithRetry } = await import('@/server/jobs/worker');
  // A queue that cannot start must not stop the app from serving; mail waits in the outbox.
  await startWorkerWithRetry();
}
