import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { recordTouch } from '@/server/services/touches/record-touch';
import { callerFor, createTenant, type TenantFixture } from '../support/fixtures';
import { adminConnection, deferred, engagementAgainstLedger, httpCall, pgCodeOf, sleep, waitFor, within } from './support';

/**
 * The database drops the app's connections under it (an operator's pg_terminate_backend, a
 * failover, a pooler restart): the call in flight fails at once with a clean error, its
 * transaction leaves nothing behind, and the pool serves the next calls on new connections.
 */
let fx: TenantFixture;
const admin = adminConnection();

beforeAll(async () => {
  fx = await createTenant('Faults');
});

afterAll(async () => {
  await admin.end({ timeout: 5 });
});

/** What one agency's candidate has in the ledger, the outbox and the conversation, as the database holds it. */
async function rowsOf(candidateId: string) {
  const [row] = await admin<{ touches: number; emails: number; engagement_out: number | null; references: number | null }[]>`
    select (select count(*)::int from touches where org_id = ${fx.orgId} and candidate_id = ${candidateId}) as touches,
           (select count(*)::int from outbound_emails where org_id = ${fx.orgId} and candidate_id = ${candidateId}) as emails,
           (select outbound_count from candidate_engagement where org_id = ${fx.orgId} and candidate_id = ${candidateId}) as engagement_out,
           (select sum(cardinality("references"))::int from conversations where org_id = ${fx.orgId} and candidate_id = ${candidateId}) as "references"`;
  return row!;
}

async function touchesWithKey(dedupeKey: string): Promise<number> {
  const [row] = await admin<{ n: number }[]>`select count(*)::int as n from touches where org_id = ${fx.orgId} and dedupe_key = ${dedupeKey}`;
  return row!.n;
}

/** Backends of the app's pool on this database (the admin connection names itself differently). */
async function appBackends(): Promise<number[]> {
  const rows = await admin<{ pid: number }[]>`
    select pid from pg_stat_activity where datname = current_database() and application_name = 'afterview' and pid <> pg_backend_pid()`;
  return rows.map((r) => r.pid);
}

describe('a connection terminated in the middle of a transaction', () => {
  it('between two writes: the transaction fails at once with the driver’s error, writes nothing (not even its later statements), and the pool goes on', async () => {
    const before = await rowsOf(fx.candidateId);
    const dedupeKey = `fault:${randomUUID()}`;
    const reached = deferred<number>();
    const gate = deferred();
    const transaction = withTenant(fx.orgId, async (tx) => {
      await recordTouch(
        { tx, orgId: fx.orgId },
        { candidateId: fx.candidateId, kind: 'call', direction: 'outbound', channel: 'phone', occurredAt: new Date(), dedupeKey, body: 'First write' },
      );
      const [me] = await queryRows<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
      reached.resolve(me!.pid);
      await gate.promise;
      // The second write of the same transaction, on a connection that no longer exists.
      await recordTouch(
        { tx, orgId: fx.orgId },
        { candidateId: fx.candidateId, kind: 'note', direction: 'outbound', channel: 'manual', occurredAt: new Date(), dedupeKey: `${dedupeKey}:2`, body: 'Second write' },
      );
    });
    const failure = transaction.then(
      () => null,
      (error: unknown) => error,
    );
    const pid = await reached.promise;
    const [termination] = await admin<{ terminated: boolean }[]>`select pg_terminate_backend(${pid}, 5000) as terminated`;
    expect(termination?.terminated).toBe(true);
    const error = await within(failure, 10_000, 'the transaction on a terminated connection');

    // Other requests take every slot of the pool meanwhile, the dead one reconnected among them;
    // then the abandoned callback goes on to its second write, which must not land anywhere.
    await Promise.all(Array.from({ length: 8 }, () => getDb().execute(sql`select pg_sleep(0.05)`)));
    gate.resolve();
    await sleep(300);

    expect(error).toBeInstanceOf(Error);
    // 57P01: "terminating connection due to administrator command"; or the driver's own "connection closed".
    expect(pgCodeOf(error)).toMatch(/^(57P01|CONNECTION_CLOSED|CONNECTION_ENDED|CONNECTION_DESTROYED)$/);

    expect(await touchesWithKey(dedupeKey)).toBe(0);
    expect(await touchesWithKey(`${dedupeKey}:2`)).toBe(0);
    expect(await rowsOf(fx.candidateId)).toEqual(before);

    // The same pool, straight away: the next transaction runs on a fresh connection and commits.
    await within(
      withTenant(fx.orgId, (tx) =>
        recordTouch({ tx, orgId: fx.orgId }, { candidateId: fx.candidateId, kind: 'call', direction: 'outbound', channel: 'phone', occurredAt: new Date(), dedupeKey }),
      ),
      10_000,
    );
    expect(await touchesWithKey(dedupeKey)).toBe(1);
    const { stored, rebuilt } = await engagementAgainstLedger(fx.orgId);
    expect(stored).toBe(rebuilt);
  });

  it('inside a real request (an email to a candidate): a clean 500, no touch without its outbox row, and a retry sends it once', async () => {
    const before = await rowsOf(fx.candidateId);
    const clientRequestId = randomUUID();
    const input = { orgSlug: fx.slug, candidateId: fx.candidateId, body: 'Thanks for your time today.', clientRequestId };

    // Hold the outbox so the request stops right there: its touch and engagement update are
    // written, its outbox row is not. Reads of the outbox still pass (EXCLUSIVE lets SELECT through).
    const holder = await admin.reserve();
    try {
      await holder`begin`;
      await holder`lock table outbound_emails in exclusive mode`;
      const [holding] = await holder<{ pid: number }[]>`select pg_backend_pid() as pid`;
      const holderPid = holding!.pid;
      const request = httpCall(fx.recruiterId, 'email.send', input);

      const blocked = await waitFor('the request to wait on the outbox lock', async () => {
        const [row] = await admin<{ pid: number }[]>`
          select pid from pg_stat_activity where datname = current_database() and ${holderPid}::int = any(pg_blocking_pids(pid))`;
        return row?.pid;
      });
      // Evidence that it stopped mid-transaction, after its first writes.
      const written = await admin<{ relname: string }[]>`
        select c.relname from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = ${blocked} and l.mode = 'RowExclusiveLock' and l.granted and c.relname in ('touches', 'candidate_engagement')`;
      expect(written.map((r) => r.relname).sort()).toEqual(['candidate_engagement', 'touches']);

      await admin`select pg_terminate_backend(${blocked}, 5000)`;
      const response = await within(request, 10_000, 'the email request on a terminated connection');
      expect(response.status).toBe(500);
      // What the browser shows: the formatter's words, not the driver's.
      expect(response.body).toMatchObject({ error: { json: { message: 'Something went wrong on our side. Please try again.' } } });
      expect(JSON.stringify(response.body)).not.toMatch(/terminat|57P01|postgres/i);
    } finally {
      await holder`rollback`.catch(() => {});
      holder.release();
    }

    expect(await touchesWithKey(`email:${clientRequestId}`)).toBe(0);
    expect(await rowsOf(fx.candidateId)).toEqual(before);

    // The browser retries with the same request id: one touch, one outbox row, counted once.
    const retried = await within(httpCall(fx.recruiterId, 'email.send', input), 10_000);
    expect(retried.status).toBe(200);
    const again = await within(httpCall(fx.recruiterId, 'email.send', input), 10_000);
    expect(again.body).toEqual(retried.body);
    const after = await rowsOf(fx.candidateId);
    expect(after.touches).toBe(before.touches + 1);
    expect(after.emails).toBe(before.emails + 1);
    expect(after.engagement_out).toBe((before.engagement_out ?? 0) + 1);
    const [linked] = await admin<{ n: number }[]>`
      select count(*)::int as n from touches t join outbound_emails e on e.org_id = t.org_id and e.touch_id = t.id
      where t.org_id = ${fx.orgId} and t.dedupe_key = ${`email:${clientRequestId}`}`;
    expect(linked!.n).toBe(1);
    const { stored, rebuilt } = await engagementAgainstLedger(fx.orgId);
    expect(stored).toBe(rebuilt);
  });

  it('every connection of the pool at once, idle ones included: the next burst of requests all succeed', async () => {
    // Warm the pool so there are idle connections to lose.
    const caller = callerFor(fx.ownerId);
    await Promise.all(Array.from({ length: 8 }, () => caller.candidate.list({ orgSlug: fx.slug })));
    const pids = await appBackends();
    expect(pids.length).toBeGreaterThan(1);
    await admin`select pg_terminate_backend(pid, 5000) from pg_stat_activity where pid in ${admin(pids)}`;
    await waitFor('the terminated backends to be gone', async () => (await appBackends()).every((pid) => !pids.includes(pid)));

    const results = await within(
      Promise.allSettled(
        Array.from({ length: 12 }, (_, i) =>
          i % 2 === 0
            ? caller.candidate.list({ orgSlug: fx.slug })
            : caller.touch.log({ orgSlug: fx.slug, candidateId: fx.candidateId, kind: 'call', direction: 'inbound', occurredAt: new Date(), clientRequestId: randomUUID() }),
        ),
      ),
      20_000,
      'the burst after the pool lost its connections',
    );
    const failed = results.filter((r) => r.status === 'rejected');
    expect(failed.map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    const fresh = await appBackends();
    expect(fresh.length).toBeGreaterThan(0);
    expect(fresh.filter((pid) => pids.includes(pid))).toEqual([]);
    const { stored, rebuilt } = await engagementAgainstLedger(fx.orgId);
    expect(stored).toBe(rebuilt);
  });
});
