import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { inject } from 'vitest';
import { queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import { createContextForUser } from '@/server/trpc/context';
import { appRouter } from '@/server/trpc/root';

/** The suite's database on the private server (tests/faults/run.sh); the app's pool uses it too. */
export function faultDatabaseUrl(): string {
  const url = inject('databaseUrl');
  if (!url || !process.env.FAULTS_PGCTL) throw new Error('Run the fault tests with `bash tests/faults/run.sh`: they need a private Postgres server they may restart.');
  return url;
}

/**
 * A superuser connection of the test's own, beside the app's pool: it terminates backends, takes
 * locks, and reads rows past row-level security to see exactly what was written.
 */
export function adminConnection(url = faultDatabaseUrl()) {
  return postgres(url, { max: 2, onnotice: () => {}, connection: { application_name: 'afterview-faults-admin' } });
}

/** pg_ctl on the private server, as its owner (run.sh writes the wrapper). */
export async function pgCtl(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.env.FAULTS_PGCTL!, args, { timeout: 90_000 });
  return stdout;
}

export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

export class Hung extends Error {
  constructor(what: string, ms: number) {
    super(`${what} neither resolved nor rejected within ${ms} ms`);
  }
}

/** Settles like `promise`, or rejects with Hung: a fault must end a call, never leave it waiting. */
export function within<T>(promise: Promise<T>, ms: number, what = 'the call'): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Hung(what, ms)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A tRPC call over the app's real fetch handler and router, as the browser makes it, with the
 * session already resolved to `userId` (auth itself is not what these tests break).
 */
export async function httpCall(
  userId: string,
  path: string,
  input: unknown,
  kind: 'query' | 'mutation' = 'mutation',
): Promise<{ status: number; body: unknown; cause?: unknown }> {
  let cause: unknown;
  const base = `http://localhost:3999/api/trpc/${path}`;
  const req =
    kind === 'mutation'
      ? new Request(base, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input }) })
      : new Request(`${base}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`);
  const response = await fetchRequestHandler({
    endpoint: '/api/trpc',
    req,
    router: appRouter,
    createContext: () => createContextForUser(userId, req.headers),
    // The route handler logs these; here the test asserts on them instead.
    onError: ({ error }) => {
      cause = error.cause ?? error;
    },
  });
  return { status: response.status, body: await response.json(), cause };
}

/**
 * The stored engagement figures of an agency and what rebuilding them from the ledger gives. They
 * agree unless a touch was written without its engagement update (or the other way round). The
 * rebuild is rolled back.
 */
export async function engagementAgainstLedger(orgId: string): Promise<{ stored: string; rebuilt: string }> {
  const snapshot = async (tx: Parameters<Parameters<typeof withTenant>[1]>[0]) => {
    const cand = await queryRows(tx, sql`select to_jsonb(e) as row from candidate_engagement e where org_id = ${orgId} order by candidate_id`);
    const intv = await queryRows(tx, sql`select to_jsonb(e) as row from interview_engagement e where org_id = ${orgId} order by interview_id`);
    return JSON.stringify({ cand, intv });
  };
  let result: { stored: string; rebuilt: string } | undefined;
  await withTenant(orgId, async (tx) => {
    const stored = await snapshot(tx);
    await rebuildEngagement({ tx, orgId });
    result = { stored, rebuilt: await snapshot(tx) };
    throw new RolledBack();
  }).catch((error: unknown) => {
    if (!(error instanceof RolledBack)) throw error;
  });
  return result!;
}

class RolledBack extends Error {}

/** The Postgres error code somewhere down an error's cause chain (tRPC and Drizzle wrap it). */
export function pgCodeOf(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
    if (typeof code === 'string' && /^(CONNECTION_|ECONN)/.test(code)) return code;
  }
  return undefined;
}
