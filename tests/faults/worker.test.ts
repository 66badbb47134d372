import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb, openDatabase, queryRows } from '@/db/client';
import { runMigrations } from '@/db/migrate';
import { createTenant, type TenantFixture } from '../support/fixtures';
import { startFakeResend, type FakeResend } from '../support/fake-resend';
import { adminConnection, faultDatabaseUrl, httpCall, sleep, waitFor } from './support';

/**
 * `npm run worker` is killed (SIGKILL, no goodbye) while Resend holds its send request: Resend
 * accepted the email, the answer never came back. Another worker takes the email up again once
 * the claim's lease has run out, sends it with the same idempotency key (the outbox id), and
 * Resend answers with the first result: the candidate gets one email, and the outbox says sent.
 */
const root = path.resolve(import.meta.dirname, '../..');
let fake: FakeResend;
let fx: TenantFixture;
let databaseUrl: string;
let admin: ReturnType<typeof adminConnection>;
const workers: ChildProcess[] = [];
const logs: string[] = [];

beforeAll(async () => {
  // A database of its own: a worker serves every agency in its database, and the other fault
  // tests leave queued mail behind in theirs.
  const suiteUrl = faultDatabaseUrl();
  const name = `afterview_faults_worker_${process.pid}`;
  const server = adminConnection();
  await server.unsafe(`drop database if exists ${name} with (force)`);
  await server.unsafe(`create database ${name}`);
  await server.end();
  const url = new URL(suiteUrl);
  url.pathname = `/${name}`;
  databaseUrl = url.toString();
  const target = openDatabase({ kind: 'postgres', url: databaseUrl, poolSize: 2 });
  await runMigrations(target);
  await target.close();
  // Nothing in this file has opened the app's database yet, so from here on it is this one.
  process.env.DATABASE_URL = databaseUrl;
  const [current] = await queryRows<{ db: string }>(getDb(), sql`select current_database() as db`);
  expect(current?.db).toBe(name);

  admin = adminConnection(databaseUrl);
  fake = await startFakeResend();
  fx = await createTenant('Worker');
});

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null && child.signalCode === null) kill(child, 'SIGKILL');
  await fake?.close();
  await admin?.end({ timeout: 5 });
});

/** `npm run worker` in a process group of its own, so a kill reaches npm and the node under it. */
function startWorker(label: string): ChildProcess {
  const child = spawn('npm', ['run', '--silent', 'worker'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      RESEND_API_KEY: fake.apiKey,
      RESEND_BASE_URL: fake.url,
      MAIL_POLL_MS: '200',
    },
  });
  const keep = (chunk: Buffer) => logs.push(`[${label}] ${chunk.toString()}`);
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  workers.push(child);
  return child;
}

function kill(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // Already gone.
  }
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => (child.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve())));

async function queueEmail(body: string): Promise<string> {
  const sent = await httpCall(fx.ownerId, 'email.send', { orgSlug: fx.slug, candidateId: fx.candidateId, body, clientRequestId: randomUUID() });
  expect(sent.status).toBe(200);
  return (sent.body as { result: { data: { json: { emailId: string } } } }).result.data.json.emailId;
}

async function outbox(ids: string[]) {
  return admin<{ id: string; status: string; attempts: number; provider_id: string | null }[]>`
    select id, status, attempts, provider_id from outbound_emails where org_id = ${fx.orgId} and id in ${admin(ids)} order by created_at`;
}

describe('a mail worker killed in the middle of a send', () => {
  it('leaves the email to the next worker, which delivers it once', async () => {
    const first = await queueEmail('The answer Resend accepted but never returned.');
    const second = await queueEmail('Claimed in the same sweep, never sent.');
    const keyOf = (id: string) => `outbound_emails/${id}`;
    const requestsFor = (id: string) => fake.requests.filter((r) => r.idempotencyKey === keyOf(id));
    const deliveries = (id: string) => fake.sent.filter((s) => s.idempotencyKey === keyOf(id));

    // Resend records the first email it is sent, and then holds the answer.
    fake.failNext(1, { status: 'hang', afterAccept: true });
    const a = startWorker('worker A');
    await waitFor('worker A to be waiting on Resend', async () => fake.hung === 1, 60_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs.join('')}`);
    });
    expect(fake.sent).toHaveLength(1);
    const held = fake.sent[0]!;
    const heldId = held.idempotencyKey === keyOf(first) ? first : second;
    const otherId = heldId === first ? second : first;

    kill(a, 'SIGKILL');
    await exited(a);
    expect(a.signalCode ?? a.exitCode).toBe('SIGKILL');
    await waitFor('Resend to notice the client is gone', async () => fake.hung === 0);
    // Both are claimed by the dead worker: leased, not lost, and not free for another worker yet.
    expect((await outbox([first, second])).map((r) => r.status)).toEqual(['sending', 'sending']);

    const b = startWorker('worker B');
    await sleep(3_000);
    expect(requestsFor(heldId)).toHaveLength(1);
    expect(deliveries(heldId)).toHaveLength(1);

    // Two minutes pass: the lease of the dead worker's claim runs out.
    await admin`update outbound_emails set next_attempt_at = now() where org_id = ${fx.orgId} and id in ${admin([first, second])} and status = 'sending'`;
    await waitFor(
      'worker B to send both',
      async () => (await outbox([first, second])).every((r) => r.status === 'sent'),
      30_000,
    ).catch((error: unknown) => {
      throw new Error(`${String(error)}\n${logs.join('')}`);
    });

    // One email each reached Resend; the held one was asked for twice and answered with the first result.
    expect(deliveries(heldId)).toHaveLength(1);
    expect(deliveries(otherId)).toHaveLength(1);
    expect(requestsFor(heldId).map((r) => r.status)).toEqual([0, 200]);
    expect(requestsFor(otherId).map((r) => r.status)).toEqual([200]);
    const rows = await outbox([first, second]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get(heldId)).toMatchObject({ status: 'sent', attempts: 2, provider_id: held.id });
    expect(byId.get(otherId)).toMatchObject({ status: 'sent', provider_id: deliveries(otherId)[0]!.id });
    expect(fake.sent.filter((s) => s.to.some((to) => to.includes('@candidate.example')))).toHaveLength(2);

    kill(b, 'SIGTERM');
    await exited(b);
  });
});
