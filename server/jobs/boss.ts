import PgBoss from 'pg-boss';
import { database } from '@/db/client';

export const QUEUES = {
  /** Send one claimed outbox email (platform or agency). */
  emailSend: 'email-send',
  /** Process one stored Resend webhook event. */
  webhookProcess: 'webhook-process',
} as const;

const QUEUE_OPTIONS: Record<(typeof QUEUES)[keyof typeof QUEUES], Omit<PgBoss.Queue, 'name'>> = {
  // Delivery retries live on the outbox row (backoff, retry-after); the job retries only when the
  // worker itself failed (the database went away), and the lease brings the row back anyway.
  'email-send': { retryLimit: 3, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
  'webhook-process': { retryLimit: 10, retryDelay: 5, retryBackoff: true, expireInSeconds: 120 },
};

const holder = globalThis as unknown as { __afterviewBoss?: Promise<PgBoss> };

/**
 * The queue, over the app's own connection (postgres.js or PGlite) rather than a second pool: on
 * PGlite there is only one connection, and on a server one pool is easier to size.
 */
export function boss(): Promise<PgBoss> {
  holder.__afterviewBoss ??= (async () => {
    const { executeSql } = database();
    const instance = new PgBoss({ db: { executeSql: (text, values) => executeSql(text, values) }, schema: 'pgboss', supervise: true, schedule: true });
    instance.on('error', (error) => console.error('[jobs] queue error', error));
    await instance.start();
    for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
      if (!(await instance.getQueue(name))) await instance.createQueue(name, { name, ...options });
    }
    return instance;
  })().catch((error: unknown) => {
    holder.__afterviewBoss = undefined;
    throw error;
  });
  return holder.__afterviewBoss;
}

export async function stopBoss(): Promise<void> {
  const current = holder.__afterviewBoss;
  holder.__afterviewBoss = undefined;
  if (current) await (await current).stop({ graceful: true, wait: true, timeout: 10_000 });
}
