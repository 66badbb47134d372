import net from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, openDatabase, queryRows, recordQueries, type SentQuery } from '@/db/client';
import { SHIPPED_MIGRATIONS } from '@/db/migration-journal';
import { GET as health } from '@/app/api/health/route';
import { GET as ready } from '@/app/api/ready/route';
import { beatWorkerHeartbeat, clearWorkerHeartbeat, workerHeartbeat } from '@/server/jobs/heartbeat';
import { startWorker, stopWorker } from '@/server/jobs/worker';
import { checkReadiness } from '@/server/services/health/check-readiness';
import { runOnOwnDatabase } from '../support/own-database';

// The queue worker runs in this file: on the Postgres server it must not sweep other files' outboxes.
runOnOwnDatabase('health');

afterEach(() => clearWorkerHeartbeat());
afterAll(async () => {
  await stopWorker();
});

async function until(condition: () => Promise<boolean> | boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('GET /api/health (liveness)', () => {
  it('answers 200 {"status":"ok"}, never cached, without a single query', async () => {
    const queries: SentQuery[] = [];
    const stop = recordQueries((q) => queries.push(q));
    const response = health();
    stop();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ status: 'ok' });
    expect(queries).toEqual([]);
  });
});

describe('GET /api/ready (readiness)', () => {
  it('is 200 once the worker sweeps, and 503 naming the worker once it stopped; no secrets, never cached', async () => {
    await startWorker();
    await until(() => workerHeartbeat() !== undefined, 'the first outbox sweep');
    const response = await ready();
    const body = await response.text();
    expect(response.status, body).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(body)).toEqual({ status: 'ready', failed: [], checks: { database: 'ok', migrations: 'ok', worker: 'ok' } });
    for (const secret of [process.env.DATABASE_URL, process.env.AUTH_SECRET, process.env.RESEND_WEBHOOK_SECRET]) if (secret) expect(body).not.toContain(secret);

    await stopWorker();
    // Answers within a second of one another share one check.
    await until(async () => (await ready()).status === 503, 'the readiness to turn');
    const after = await ready();
    expect(after.headers.get('cache-control')).toBe('no-store');
    expect(await after.json()).toMatchObject({ status: 'not ready', failed: ['worker'], checks: { database: 'ok', migrations: 'ok', worker: 'not running' } });
  });
});

describe('the readiness check', () => {
  it('fails the database when its server refuses connections', async () => {
    const down = openDatabase({ kind: 'postgres', url: 'postgres://probe@127.0.0.1:1/afterview', poolSize: 1 });
    try {
      expect(await checkReadiness({ database: down, workerInProcess: false })).toEqual({
        status: 'not ready',
        failed: ['database'],
        checks: { database: 'unreachable', migrations: 'not checked', worker: 'off (WORKER=off: it runs in another process)' },
      });
    } finally {
      await down.close();
    }
  });

  it('fails the database when it does not answer within the timeout', async () => {
    // Accepts connections and never says a word, like a server stuck or a network black hole.
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as net.AddressInfo;
    const hung = openDatabase({ kind: 'postgres', url: `postgres://probe@127.0.0.1:${port}/afterview`, poolSize: 1 });
    try {
      const started = Date.now();
      const readiness = await checkReadiness({ database: hung, timeoutMs: 300, workerInProcess: false });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(readiness).toMatchObject({ status: 'not ready', failed: ['database'], checks: { database: 'no answer within 300 ms', migrations: 'not checked' } });
    } finally {
      for (const socket of sockets) socket.destroy();
      silent.close();
      await hung.close();
    }
  });

  it('fails the migrations when the database lacks one this build ships, not when it is ahead of the build', async () => {
    const newest = SHIPPED_MIGRATIONS.at(-1)!;
    const [removed] = await queryRows<{ hash: string }>(getDb(), sql`delete from drizzle.__drizzle_migrations where created_at = ${newest.when} returning hash`);
    try {
      expect(await checkReadiness({ workerInProcess: false })).toMatchObject({ status: 'not ready', failed: ['migrations'], checks: { database: 'ok', migrations: `missing ${newest.tag}` } });
    } finally {
      await getDb().execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${removed!.hash}, ${newest.when})`);
    }
    expect((await checkReadiness({ workerInProcess: false })).status).toBe('ready');
    // An older build still running while a newer release has migrated the database stays ready.
    expect((await checkReadiness({ workerInProcess: false, shipped: SHIPPED_MIGRATIONS.slice(0, -1) })).status).toBe('ready');
    const next = { tag: '9999_next', when: newest.when + 1 };
    expect(await checkReadiness({ workerInProcess: false, shipped: [...SHIPPED_MIGRATIONS, next] })).toMatchObject({ failed: ['migrations'], checks: { migrations: 'missing 9999_next' } });
  });

  it('fails the worker when its heartbeat is stale (five sweeps, at least 10 s) or missing; none is needed with WORKER=off', async () => {
    const now = Date.now();
    beatWorkerHeartbeat(2_000, now - 9_000);
    expect((await checkReadiness({ now, workerInProcess: true })).status).toBe('ready');
    beatWorkerHeartbeat(2_000, now - 11_000);
    expect(await checkReadiness({ now, workerInProcess: true })).toMatchObject({ status: 'not ready', failed: ['worker'], checks: { worker: 'no outbox sweep for 11 s' } });
    beatWorkerHeartbeat(5_000, now - 20_000);
    expect((await checkReadiness({ now, workerInProcess: true })).status).toBe('ready');
    beatWorkerHeartbeat(5_000, now - 26_000);
    expect((await checkReadiness({ now, workerInProcess: true })).failed).toEqual(['worker']);
    clearWorkerHeartbeat();
    expect((await checkReadiness({ now, workerInProcess: true })).checks.worker).toBe('not running');
    expect((await checkReadiness({ now, workerInProcess: false })).status).toBe('ready');
  });
});
