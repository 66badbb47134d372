import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, queryRows } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { sessions } from '@/db/schema';
import { TOKEN_FAILURES_PER_WINDOW } from '@/server/services/portal/exchange-portal-token';
import { createTenant, type TenantFixture } from '../support/fixtures';

/**
 * Two `next start` instances on different ports, sharing one Postgres server, as behind a load
 * balancer: a touch recorded through one reaches a browser subscribed on the other.
 * Run by `npm run test:instances` (needs DATABASE_URL and a production build).
 */
// INSTANCES_PORT_BASE lets two checkouts on one machine run this side by side.
const PORT_BASE = Number(process.env.INSTANCES_PORT_BASE || 3201);
const PORTS = [PORT_BASE, PORT_BASE + 1] as const;
const root = path.resolve(import.meta.dirname, '../..');
const instances: ChildProcess[] = [];
const logs: string[] = [];
/** Each instance's stdout as written, for reading whole lines. */
const stdout: Record<number, string> = {};

function start(port: number, databaseUrl: string): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/next.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: `http://localhost:${port}`,
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_SIZE: '4',
      AUTH_SECRET: 'two-instances-test-secret-two-instances-test-secret',
      RESEND_API_KEY: '',
      LOCAL_PRODUCTION: 'true', // the dev mailbox in a production build: loopback only
      // As behind a load balancer that appends the client's address: the tests play that proxy.
      TRUST_PROXY_HOPS: '1',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const keep = (chunk: Buffer) => logs.push(`[${port}] ${chunk.toString()}`);
  stdout[port] = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout[port] += chunk.toString();
    keep(chunk);
  });
  child.stderr?.on('data', keep);
  return child;
}

/** Waits for the instance's readiness endpoint (database, migrations, its queue worker), as a load balancer would. */
async function waitUntilReady(port: number): Promise<void> {
  const deadline = Date.now() + 120_000;
  let last = 'no answer';
  while (Date.now() < deadline) {
    // No session, no redirect to sign-in: a load balancer has neither.
    const response = await fetch(`http://localhost:${port}/api/ready`, { redirect: 'manual' }).catch(() => null);
    if (response?.status === 200) return;
    if (response) last = `${response.status} ${await response.text()}`;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`instance on port ${port} did not become ready (last answer: ${last}):\n${logs.join('')}`);
}

let fx: TenantFixture;
let cookie: string;

beforeAll(async () => {
  const databaseUrl = inject('databaseUrl');
  if (!databaseUrl) throw new Error('The two-instance test needs DATABASE_URL: two app instances cannot share an embedded database.');
  if (!existsSync(path.join(root, '.next', 'BUILD_ID'))) throw new Error('The two-instance test runs `next start`: run `npm run build` first.');
  fx = await createTenant('Instances');
  // The fixture's question waits a day; with a one-hour target it is overdue when both instances
  // start, and both run the follow-ups sweep at once.
  await withTenant(fx.orgId, (tx) => tx.execute(sql`update organizations set reply_target_hours = 1 where id = ${fx.orgId}`));
  for (const port of PORTS) instances.push(start(port, databaseUrl));
  const token = randomUUID();
  await getDb().insert(sessions).values({ sessionToken: token, userId: fx.ownerId, expires: new Date(Date.now() + 3_600_000) });
  cookie = `authjs.session-token=${token}`;
  await Promise.all(PORTS.map(waitUntilReady));
}, 180_000);

afterAll(async () => {
  for (const child of instances) child.kill('SIGTERM');
  await Promise.all(instances.map((child) => new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)))));
});

/** Records a call from the candidate through the instance on `port`, as a recruiter logging it would. */
async function logCall(port: number, body: string): Promise<void> {
  const response = await fetch(`http://localhost:${port}/api/trpc/touch.log`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify({
      json: { orgSlug: fx.slug, candidateId: fx.candidateId, kind: 'call', direction: 'inbound', occurredAt: new Date().toISOString(), body, clientRequestId: randomUUID() },
    }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
}

interface SseEvent {
  id?: string;
  event?: string;
  data?: string;
}

/** A browser's EventSource, by hand: reads the subscription's server-sent events until stopped. */
function subscribe(port: number, lastEventId?: string) {
  const controller = new AbortController();
  const events: SseEvent[] = [];
  const input = encodeURIComponent(JSON.stringify({ json: { orgSlug: fx.slug, ...(lastEventId ? { lastEventId } : {}) } }));
  const reading = (async () => {
    const response = await fetch(`http://localhost:${port}/api/trpc/live.touches?input=${input}`, { headers: { cookie, accept: 'text/event-stream' }, signal: controller.signal });
    if (!response.ok || !response.body) throw new Error(`subscription refused: ${response.status} ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: SseEvent = {};
        for (const line of block.split('\n')) {
          const [field, ...rest] = line.split(':');
          const value = rest.join(':').trimStart();
          if (field === 'id' || field === 'event') event[field] = value;
          else if (field === 'data') event.data = (event.data ? `${event.data}\n` : '') + value;
        }
        events.push(event);
      }
    }
  })().catch((error: unknown) => {
    if (!controller.signal.aborted) throw error;
  });
  const bodies = () => events.flatMap((e) => (e.data?.includes('"touchId"') ? [e] : []));
  return {
    events,
    /** Waits until a data event carries `text`; the subscription is connected once `connected` came. */
    async waitFor(predicate: () => boolean, what: string): Promise<void> {
      const deadline = Date.now() + 20_000;
      while (!predicate()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; got ${JSON.stringify(events)}\n${logs.join('').slice(-4000)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    touchEvents: bodies,
    connected: () => events.some((e) => e.event === 'connected'),
    /** Settles when the server ends the stream (or it is stopped). */
    finished: reading,
    async stop() {
      controller.abort();
      await reading;
    },
  };
}

describe('two app instances on one Postgres server', () => {
  it('stream a touch recorded through one instance to a subscriber connected to the other, and resume from the last event id', async () => {
    const onB = subscribe(PORTS[1]);
    await onB.waitFor(onB.connected, 'the subscription to connect');

    const first = `First call ${randomUUID()}`;
    await logCall(PORTS[0], first);
    await onB.waitFor(() => onB.touchEvents().length >= 1, 'the touch recorded on the other instance');
    const [event] = onB.touchEvents();
    expect(event!.data).toContain(fx.candidateId);
    expect(event!.data).toContain(fx.candidateName);
    expect(event!.id).toMatch(/^\d+$/);
    await onB.stop();

    // While the browser is away, another touch lands through the first instance.
    await logCall(PORTS[0], `While away ${randomUUID()}`);
    const resumed = subscribe(PORTS[1], event!.id);
    await resumed.waitFor(() => resumed.touchEvents().length >= 1, 'the missed touch to be replayed');
    await resumed.stop();
    const replayed = resumed.touchEvents();
    expect(replayed).toHaveLength(1);
    expect(Number(replayed[0]!.id)).toBeGreaterThan(Number(event!.id));
  });

  it('refuses a subscription without a session on either instance', async () => {
    for (const port of PORTS) {
      const input = encodeURIComponent(JSON.stringify({ json: { orgSlug: fx.slug } }));
      const response = await fetch(`http://localhost:${port}/api/trpc/live.touches?input=${input}`, { headers: { accept: 'text/event-stream' } });
      const text = await response.text();
      expect(text).toMatch(/UNAUTHORIZED|Please sign in/);
      expect(text).not.toContain(fx.candidateId);
    }
  });

  it('run a job started by both of them once: one reminder, one reminder email', async () => {
    const count = async () =>
      withTenant(fx.orgId, (tx) =>
        queryRows<{ notifications: number; emails: number }>(
          tx,
          sql`select (select count(*)::int from notifications where org_id = ${fx.orgId} and kind = 'reply_overdue' and dedupe_key like 'reply_overdue:%') as notifications,
                     (select count(*)::int from outbound_emails where org_id = ${fx.orgId} and kind = 'reply_reminder') as emails`,
        ),
      );
    const deadline = Date.now() + 60_000;
    while ((await count())[0]!.notifications === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 250));
    // Both sweeps have had time to finish.
    await new Promise((r) => setTimeout(r, 3_000));
    expect((await count())[0]).toEqual({ notifications: 1, emails: 1 });
  });

  it('share rate limits: failed portal-token attempts count across instances', async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200) + 20}`;
    const statuses: number[] = [];
    for (let i = 0; i < TOKEN_FAILURES_PER_WINDOW + 1; i += 1) {
      const port = PORTS[i % 2]!;
      const response = await fetch(`http://localhost:${port}/p/${'x'.repeat(43)}`, { headers: { 'x-forwarded-for': ip }, redirect: 'manual' });
      statuses.push(response.status);
    }
    expect(statuses.slice(0, TOKEN_FAILURES_PER_WINDOW).every((s) => s === 404)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  // Last: it stops the first instance.
  it('shut down in order on SIGTERM: live streams end, the process exits cleanly in time, the other instance serves on', async () => {
    const onA = subscribe(PORTS[0]);
    await onA.waitFor(onA.connected, 'the subscription to connect');
    const child = instances[0]!;
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const started = Date.now();
    child.kill('SIGTERM');
    const ended = await Promise.race([onA.finished.then(() => 'ended'), new Promise((r) => setTimeout(() => r('still open'), 15_000))]);
    expect(ended, 'the server ended the live stream').toBe('ended');
    expect(await exited).toBe(0);
    expect(Date.now() - started, 'within the shutdown bound (SHUTDOWN_TIMEOUT_MS, 15 s by default)').toBeLessThan(20_000);
    const lines = logs.filter((l) => l.startsWith(`[${PORTS[0]}]`)).join('');
    expect(lines).toContain('shut down cleanly');
    expect((await fetch(`http://localhost:${PORTS[1]}/signin`)).status).toBe(200);
  });

  it('log one JSON object per line in production, through the one logger', () => {
    const lines = PORTS.flatMap((port) => (stdout[port] ?? '').split('\n').filter((l) => l.trim()));
    expect(lines.length).toBeGreaterThan(5);
    const notJson = lines.filter((l) => {
      try {
        return typeof JSON.parse(l) !== 'object';
      } catch {
        return true;
      }
    });
    expect(notJson, 'every line is one JSON object').toEqual([]);
    for (const line of lines) expect(['debug', 'info', 'warn', 'error']).toContain((JSON.parse(line) as { level: string }).level);
  });
});
