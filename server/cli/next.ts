import './load-env';
import { env } from '@/server/env';
import { startHttpServer } from '@/server/http/server';
import { log, routeConsoleThroughLogger } from '@/server/log';
import { prepare, printWelcome } from './prepare';

/**
 * `npm run dev` / `npm start`: check the configuration, prepare the database, then serve Next.js
 * through Afterview's own HTTP server (server/http/server.ts), in this process.
 */
async function main() {
  const mode = process.argv[2] === 'start' ? 'start' : 'dev';
  process.env.NEXT_TELEMETRY_DISABLED ??= '1';
  if (mode === 'start') (process.env as Record<string, string>).NODE_ENV = 'production';
  const port = Number(process.env.PORT ?? '3000');
  // Development links point at the port it runs on; production must say where it lives (env.ts).
  if (mode === 'dev' && !process.env.APP_URL) process.env.APP_URL = `http://localhost:${port}`;
  if (mode === 'start') routeConsoleThroughLogger();
  await prepare();
  const running = await startHttpServer({ dev: mode === 'dev', port });
  printWelcome(running.url, env().mail.transport === 'dev');
  log.info(`ready on port ${port}`, { url: running.url, mode });
  let signals = 0;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      signals += 1;
      if (signals > 1) process.exit(1); // a second Ctrl-C does not wait
      running.close(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          log.error('shutdown failed', { err: error });
          process.exit(1);
        },
      );
    });
  }
}

main().catch((error: unknown) => {
  log.error('Afterview did not start', { err: error });
  process.exit(1);
});
