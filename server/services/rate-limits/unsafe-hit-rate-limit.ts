import { sql } from 'drizzle-orm';
import { queryRows, ts } from '@/db/client';
import { unsafeWithSystemRole } from '@/db/tenant';

export interface RateLimitRule {
  /** What is limited and for whom, e.g. `portal-token:ip:203.0.113.9`. */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  allowed: boolean;
  count: number;
  /** Seconds until the window resets; 0 when allowed. */
  retryAfterSeconds: number;
}

function windowStartOf(now: Date, windowSeconds: number): Date {
  const ms = windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

function stateOf(row: { window_start: Date; count: number } | undefined, rule: RateLimitRule, now: Date, adding: number): RateLimitState {
  const start = windowStartOf(now, rule.windowSeconds);
  const count = row && row.window_start.getTime() === start.getTime() ? row.count : 0;
  const allowed = count + adding <= rule.limit;
  const retryAfterSeconds = allowed ? 0 : Math.max(1, Math.ceil((start.getTime() + rule.windowSeconds * 1000 - now.getTime()) / 1000));
  return { allowed, count, retryAfterSeconds };
}

/**
 * Crosses tenants: counters belong to no agency. Counts one event in the current fixed window,
 * atomically (one upsert), so every app instance sharing the database shares the limit. A refused
 * event is not counted, so a flood cannot push the reset further away.
 */
export async function unsafeHitRateLimit(rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const start = windowStartOf(now, rule.windowSeconds);
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ window_start: Date; count: number }>(
      tx,
      sql`insert into rate_limits as r (key, window_start, count) values (${rule.key}, ${ts(start)}, 1)
          on conflict (key) do update set
            count = case when r.window_start = excluded.window_start then r.count + 1 else 1 end,
            window_start = excluded.window_start
          where r.window_start <> excluded.window_start or r.count < ${rule.limit}
          returning window_start, count`,
    ),
  );
  if (row) return { allowed: true, count: row.count, retryAfterSeconds: 0 };
  return stateOf({ window_start: start, count: rule.limit }, rule, now, 1);
}

/** Crosses tenants: reads a counter without counting, to refuse before doing any work. */
export async function unsafePeekRateLimit(rule: RateLimitRule, now = new Date()): Promise<RateLimitState> {
  const [row] = await unsafeWithSystemRole((tx) =>
    queryRows<{ window_start: Date; count: number }>(tx, sql`select window_start, count from rate_limits where key = ${rule.key}`),
  );
  return stateOf(row, rule, now, 1);
}

/** Crosses tenants: forgets counters whose window ended long ago, so the table stays small. */
export async function unsafePruneRateLimits(olderThan: Date): Promise<number> {
  const rows = await unsafeWithSystemRole((tx) =>
    queryRows<{ key: string }>(tx, sql`delete from rate_limits where window_start < ${ts(olderThan)} returning key`),
  );
  return rows.length;
}
