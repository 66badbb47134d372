import { database as appDatabase, type Database } from '@/db/client';
import { lastAppliedMigration, pendingAfter, SHIPPED_MIGRATIONS, type ShippedMigration } from '@/db/migration-journal';
import { env } from '@/server/env';
import { workerHeartbeat } from '@/server/jobs/heartbeat';

/** How long the database may take to answer before the instance counts as not ready. */
export const DATABASE_TIMEOUT_MS = 2_000;
/** Sweeps the in-process worker may miss (MAIL_POLL_MS apart) before it counts as stuck… */
export const MISSED_SWEEPS = 5;
/** …but never sooner than this, so one slow sweep under load does not take the instance out. */
export const MIN_STALE_MS = 10_000;

export type ReadinessCheck = 'database' | 'migrations' | 'worker';

/** What /api/ready answers: small, and nothing in it a stranger could use (no URLs, no errors). */
export interface Readiness {
  status: 'ready' | 'not ready';
  /** The checks that failed. */
  failed: ReadinessCheck[];
  checks: Record<ReadinessCheck, string>;
}

export interface ReadinessOptions {
  database?: Database;
  timeoutMs?: number;
  shipped?: readonly ShippedMigration[];
  /** Whether this process runs the queue worker (WORKER=on): then its heartbeat must be fresh. */
  workerInProcess?: boolean;
  now?: number;
}

const TIMED_OUT = Symbol('timed out');

async function within<T>(work: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(() => resolve(TIMED_OUT), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Whether this instance should get traffic: the database answers within the timeout, it has every
 * migration this build ships (a database ahead of the build, migrated by a newer release, is
 * fine), and the queue worker running in this process has swept the outbox recently.
 */
export async function checkReadiness(options: ReadinessOptions = {}): Promise<Readiness> {
  const timeoutMs = options.timeoutMs ?? DATABASE_TIMEOUT_MS;
  const now = options.now ?? Date.now();
  const checks: Record<ReadinessCheck, string> = { database: 'ok', migrations: 'ok', worker: 'ok' };
  const failed: ReadinessCheck[] = [];
  const fail = (check: ReadinessCheck, why: string) => {
    checks[check] = why;
    failed.push(check);
  };

  try {
    const db = options.database ?? appDatabase();
    const last = await within(lastAppliedMigration(db.db), timeoutMs);
    if (last === TIMED_OUT) {
      fail('database', `no answer within ${timeoutMs} ms`);
      checks.migrations = 'not checked';
    } else {
      const missing = pendingAfter(last, options.shipped ?? SHIPPED_MIGRATIONS);
      if (missing.length > 0) fail('migrations', `missing ${missing.map((m) => m.tag).join(', ')}`);
    }
  } catch (error) {
    let root: unknown = error;
    while (root instanceof Error && root.cause) root = root.cause;
    // The cause for the operator's log, not for the public answer.
    console.error(`[health] not ready: the readiness query failed (${root instanceof Error ? `${(root as { code?: string }).code ?? ''} ${root.message}`.trim() : String(root)})`);
    fail('database', 'unreachable');
    checks.migrations = 'not checked';
  }

  if (!(options.workerInProcess ?? env().WORKER === 'on')) {
    checks.worker = 'off (WORKER=off: it runs in another process)';
  } else {
    const beat = workerHeartbeat();
    if (!beat) fail('worker', 'not running');
    else if (now - beat.at > Math.max(MISSED_SWEEPS * beat.intervalMs, MIN_STALE_MS)) fail('worker', `no outbox sweep for ${Math.round((now - beat.at) / 1000)} s`);
  }

  return { status: failed.length === 0 ? 'ready' : 'not ready', failed, checks };
}

const REUSE_MS = 1_000;
let latest: { startedAt: number; result: Promise<Readiness> } | undefined;

/**
 * The readiness check for the public endpoint: load balancers, and anyone else, may ask often, so
 * answers within a second of one another share one check (and its queries).
 */
export function currentReadiness(): Promise<Readiness> {
  const now = Date.now();
  if (latest && now - latest.startedAt < REUSE_MS) return latest.result;
  latest = { startedAt: now, result: checkReadiness({ now }) };
  return latest.result;
}
