import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionLost } from '@/db/client';
import { createTenant, type TenantFixture } from '../support/fixtures';
import { adminConnection, engagementAgainstLedger, httpCall, Hung, pgCodeOf, pgCtl, sleep, within } from './support';

/**
 * The private Postgres server goes away twice while twenty clients keep the app busy with reads,
 * logged touches and emails: a quick `pg_ctl restart -m fast` (every backend terminated), then a
 * stop with two seconds of outage before it starts again. Requests caught by either fail with a
 * clean 500 and are retried with the same request id, as the browser does; none hangs; what
 * succeeded is in the database exactly once, with its engagement update and its outbox row; and
 * the pool serves requests again within seconds of the server's return.
 */
const LOOPS = 20;
const RUN_MS = 15_000;
const OUTAGES = [
  { atMs: 2_500, downMs: 0 },
  { atMs: 6_000, downMs: 2_000 },
];
/** Far longer than any request takes, and than the server takes to come back. */
const HANG_MS = 20_000;
const RECOVERY_MS = 5_000;
const GENERIC_500 = 'Something went wrong on our side. Please try again.';

type Op = 'list' | 'log' | 'email';
interface Attempt {
  op: Op;
  requestId: string | null;
  startedAt: number;
  endedAt: number;
  ok: boolean;
  status: number | null;
  message?: string;
  code?: string;
  connectionLost: boolean;
  hung: boolean;
}

let fx: TenantFixture;
const candidates: string[] = [];

beforeAll(async () => {
  fx = await createTenant('Restart');
  candidates.push(fx.candidateId);
  for (let i = 0; i < 4; i += 1) {
    const created = await httpCall(fx.ownerId, 'candidate.create', { orgSlug: fx.slug, name: `Load Candidate ${i}`, email: `load-${i}-${randomUUID().slice(0, 8)}@candidate.example` });
    expect(created.status).toBe(200);
    candidates.push((created.body as { result: { data: { json: { id: string } } } }).result.data.json.id);
  }
});

let admin: ReturnType<typeof adminConnection> | undefined;
afterAll(async () => {
  await admin?.end({ timeout: 5 });
});

function inputFor(op: Op, requestId: string | null, candidateId: string) {
  if (op === 'list') return { orgSlug: fx.slug, limit: 10 };
  if (op === 'log') return { orgSlug: fx.slug, candidateId, kind: 'call', direction: 'inbound', occurredAt: new Date().toISOString(), body: 'Load', clientRequestId: requestId };
  return { orgSlug: fx.slug, candidateId, body: `Load email ${requestId}`, clientRequestId: requestId };
}

const PATHS: Record<Op, string> = { list: 'candidate.list', log: 'touch.log', email: 'email.send' };

async function attempt(op: Op, requestId: string | null, candidateId: string): Promise<Attempt> {
  const startedAt = Date.now();
  try {
    const response = await within(httpCall(fx.ownerId, PATHS[op], inputFor(op, requestId, candidateId), op === 'list' ? 'query' : 'mutation'), HANG_MS, `${op} ${requestId ?? ''}`);
    const message = (response.body as { error?: { json?: { message?: string } } }).error?.json?.message;
    return {
      op,
      requestId,
      startedAt,
      endedAt: Date.now(),
      ok: response.status === 200,
      status: response.status,
      message,
      code: pgCodeOf(response.cause),
      connectionLost: isConnectionLost(response.cause),
      hung: false,
    };
  } catch (error) {
    if (!(error instanceof Hung)) throw error;
    return { op, requestId, startedAt, endedAt: Date.now(), ok: false, status: null, connectionLost: false, hung: true };
  }
}

describe('the Postgres server restarted under load', () => {
  it('fails the requests it catches cleanly, loses and doubles nothing, and recovers within seconds', async () => {
    const attempts: Attempt[] = [];
    const start = Date.now();
    const outages: { begunAt: number; readyAt: number }[] = [];
    const restarting = (async () => {
      for (const { atMs, downMs } of OUTAGES) {
        await sleep(start + atMs - Date.now());
        const begunAt = Date.now();
        if (downMs === 0) {
          await pgCtl('restart', '-m', 'fast');
        } else {
          await pgCtl('stop', '-m', 'fast');
          await sleep(downMs);
          await pgCtl('start');
        }
        outages.push({ begunAt, readyAt: Date.now() });
      }
    })();

    const ops: Op[] = ['list', 'log', 'email', 'log'];
    const loop = async (n: number) => {
      for (let i = 0; Date.now() - start < RUN_MS; i += 1) {
        const op = ops[(n + i) % ops.length]!;
        const requestId = op === 'list' ? null : randomUUID();
        const candidateId = candidates[(n + i) % candidates.length]!;
        // A failed write is sent again with the same request id, as the browser does, until it goes through.
        for (;;) {
          const a = await attempt(op, requestId, candidateId);
          attempts.push(a);
          if (a.ok || a.hung || op === 'list' || Date.now() - start > RUN_MS + 30_000) break;
          await sleep(100);
        }
      }
    };
    await Promise.all([restarting, ...Array.from({ length: LOOPS }, (_, n) => loop(n))]);
    expect(outages).toHaveLength(OUTAGES.length);

    const failed = attempts.filter((a) => !a.ok);
    const summary = {
      requests: attempts.length,
      failed: failed.length,
      byCode: Object.fromEntries([...new Set(failed.map((a) => a.code ?? a.status))].map((c) => [c, failed.filter((a) => (a.code ?? a.status) === c).length])),
      outages: outages.map(({ begunAt, readyAt }) => {
        const caught = failed.filter((a) => a.endedAt >= begunAt && a.endedAt < readyAt + RECOVERY_MS);
        const back = attempts.filter((a) => a.ok && a.startedAt >= readyAt).sort((a, b) => a.endedAt - b.endedAt)[0];
        return { serverDownMs: readyAt - begunAt, failed: caught.length, firstSuccessAfterMs: back ? back.endedAt - readyAt : null };
      }),
      hung: attempts.filter((a) => a.hung).map((a) => ({ op: a.op, startedMs: a.startedAt - start })),
      slowest: attempts
        .filter((a) => a.ok)
        .sort((a, b) => b.endedAt - b.startedAt - (a.endedAt - a.startedAt))
        .slice(0, 3)
        .map((a) => ({ op: a.op, startedMs: a.startedAt - start, tookMs: a.endedAt - a.startedAt })),
      outageAtMs: outages.map((o) => [o.begunAt - start, o.readyAt - start]),
    };
    console.log('[faults] server restarts under load:', JSON.stringify(summary));

    expect(attempts.filter((a) => a.hung)).toEqual([]);
    // Each outage caught requests in flight or arriving, and each failed the way a user should see it.
    for (const outage of summary.outages) expect(outage.failed).toBeGreaterThan(0);
    for (const a of failed) {
      expect({ status: a.status, message: a.message, connectionLost: a.connectionLost }, `${a.op} failed with ${a.code}`).toEqual({
        status: 500,
        message: GENERIC_500,
        connectionLost: true,
      });
    }
    // Failures only while the server was away or coming back, and the pool back within seconds.
    const explained = (a: Attempt) => outages.some(({ begunAt, readyAt }) => a.endedAt >= begunAt && a.endedAt < readyAt + RECOVERY_MS);
    expect(failed.filter((a) => !explained(a))).toEqual([]);
    for (const outage of summary.outages) {
      expect(outage.firstSuccessAfterMs).not.toBeNull();
      expect(outage.firstSuccessAfterMs!).toBeLessThan(RECOVERY_MS);
    }
    const last = outages.at(-1)!;
    expect(attempts.filter((a) => a.ok && a.startedAt >= last.readyAt + RECOVERY_MS).length).toBeGreaterThan(0);

    // The ledger: every write request is there exactly once (its retries included), nothing else is.
    admin = adminConnection();
    const writes = new Map<string, Op>();
    for (const a of attempts) if (a.requestId) writes.set(a.requestId, a.op);
    const succeeded = new Set(attempts.filter((a) => a.ok && a.requestId).map((a) => a.requestId!));
    expect([...writes.keys()].filter((id) => !succeeded.has(id))).toEqual([]);
    const keyOf = (id: string) => `${writes.get(id) === 'email' ? 'email' : 'manual'}:${id}`;
    const rows = await admin<{ dedupe_key: string; n: number; emails: number }[]>`
      select t.dedupe_key, count(*)::int as n, (select count(*)::int from outbound_emails e where e.org_id = t.org_id and e.touch_id = min(t.id::text)::uuid) as emails
      from touches t where t.org_id = ${fx.orgId} and (t.dedupe_key like 'manual:%' or t.dedupe_key like 'email:%')
      group by t.org_id, t.dedupe_key`;
    expect(rows.map((r) => r.dedupe_key).sort()).toEqual([...writes.keys()].map(keyOf).sort());
    expect(rows.filter((r) => r.n !== 1)).toEqual([]);
    // No touch without its outbox row, no outbox row without its touch.
    expect(rows.filter((r) => r.emails !== (r.dedupe_key.startsWith('email:') ? 1 : 0))).toEqual([]);
    const [orphans] = await admin<{ n: number }[]>`
      select count(*)::int as n from outbound_emails e where e.org_id = ${fx.orgId} and e.kind = 'recruiter_reply'
        and (e.touch_id is null or not exists (select 1 from touches t where t.org_id = e.org_id and t.id = e.touch_id))
        and e.created_at >= ${new Date(start).toISOString()}::timestamptz`;
    expect(orphans!.n).toBe(0);
    // No touch without its engagement update: the running figures are what the ledger rebuilds.
    const { stored, rebuilt } = await engagementAgainstLedger(fx.orgId);
    expect(stored).toBe(rebuilt);

    // And the pool is whole: a burst as wide as the load succeeds.
    const burst = await Promise.all(Array.from({ length: LOOPS }, (_, n) => attempt(n % 2 ? 'list' : 'log', n % 2 ? null : randomUUID(), candidates[n % candidates.length]!)));
    expect(burst.filter((a) => !a.ok)).toEqual([]);
  });
});
