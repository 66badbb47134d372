import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import autocannon from 'autocannon';
import { generatePortalToken, hashPortalToken } from '@/server/services/portal/portal-token';
import { SUBMISSIONS_PER_HOUR } from '@/server/services/portal/types';
import { round } from './stats';
import type { Raw } from './sql';

/** The HTTP side: a production `next start`, a signed-in owner, portal links, autocannon. */

export interface Server {
  url: string;
  stop(): Promise<void>;
}

export async function startServer(root: string, port: number, databaseUrl: string): Promise<Server> {
  const url = `http://localhost:${port}`;
  if (await fetch(url).then(() => true, () => false)) throw new Error(`Port ${port} is in use: stop what runs there or pass --port.`);
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/next.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      APP_URL: url,
      DATABASE_URL: databaseUrl,
      AUTH_SECRET: randomBytes(32).toString('base64url'),
      RESEND_API_KEY: '',
      LOCAL_PRODUCTION: 'true', // the dev mailbox in a production build: loopback only
      NEXT_TELEMETRY_DISABLED: '1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  const kill = () => child.kill('SIGTERM');
  // Ctrl-C or a kill of the benchmark must not leave a server holding the port.
  const interrupted = () => {
    kill();
    process.exit(130);
  };
  process.once('exit', kill);
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const stop = async () => {
    process.off('exit', kill);
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    kill();
    await exited;
  };

  const deadline = Date.now() + 120_000;
  while (!(await fetch(`${url}/signin`).then((r) => r.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not come up on ${url}:\n${logs.join('').slice(-4000)}`);
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { url, stop };
}

/** A database session for the owner, as next-auth would have made at sign-in. */
export async function createSession(raw: Raw, userId: string) {
  const token = randomUUID();
  await raw`insert into sessions (session_token, user_id, expires) values (${token}, ${userId}, now() + interval '1 hour')`;
  return { cookie: `authjs.session-token=${token}`, remove: () => raw`delete from sessions where session_token = ${token}`.then(() => undefined) };
}

/**
 * Fresh portal links, one per application that has no live link (an application has at most
 * one), so every run starts with untouched per-link rate limits. Only the token hash is stored,
 * as the app does; the links are revoked when the run ends.
 */
export async function createPortalLinks(raw: Raw, orgId: string, ownerId: string, count: number) {
  const apps = await raw<{ application_id: string; candidate_id: string }[]>`
    select a.id as application_id, a.candidate_id from applications a
    join candidates c on c.org_id = a.org_id and c.id = a.candidate_id
    where a.org_id = ${orgId} and a.archived_at is null and c.archived_at is null and c.erased_at is null
      and not exists (select 1 from portal_links l where l.org_id = a.org_id and l.application_id = a.id and l.revoked_at is null)
    limit ${count}`;
  const tokens = apps.map(() => generatePortalToken());
  const rows = await raw<{ id: string }[]>`
    insert into portal_links (org_id, candidate_id, application_id, token_hash, created_by, expires_at)
    select ${orgId}, x.candidate_id, x.application_id, x.token_hash, ${ownerId}, now() + interval '1 day'
    from unnest(${apps.map((a) => a.candidate_id)}::uuid[], ${apps.map((a) => a.application_id)}::uuid[], ${tokens.map(hashPortalToken)}::text[])
      as x(candidate_id, application_id, token_hash)
    returning id`;
  const ids = rows.map((r) => r.id);
  return { tokens, revoke: () => raw`update portal_links set revoked_at = now() where id = any(${ids}::uuid[])`.then(() => undefined) };
}

/** GET /p/<token>, as the candidate's click: the token is traded for the portal cookie. */
export async function exchangeToken(url: string, token: string): Promise<string> {
  const response = await fetch(`${url}/p/${token}`, { redirect: 'manual' });
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('afterview_portal='));
  if (response.status !== 303 || !cookie) throw new Error(`GET /p/<token> answered ${response.status} without a portal cookie`);
  return cookie.split(';')[0]!;
}

function questionForm(url: string, cookie: string) {
  return {
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-site': 'same-origin', origin: url },
    body: new URLSearchParams({ body: `Benchmark question ${randomUUID()}: when will I hear back?`, requestId: randomUUID() }).toString(),
  };
}

/** One question, as the portal's form posts it; a 303 to the portal page means it was recorded. */
export async function postQuestion(url: string, cookie: string): Promise<void> {
  const response = await fetch(`${url}/portal/questions`, { method: 'POST', redirect: 'manual', ...questionForm(url, cookie) });
  await response.arrayBuffer();
  if (response.status !== 303) throw new Error(`POST /portal/questions answered ${response.status}`);
}

export interface LoadResult {
  name: string;
  rps: number;
  p99_ms: number;
  errors: number;
}

async function cannon(name: string, options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon(options);
  // 3xx is success here: the portal answers a recorded form post with a 303.
  const errors = result['4xx'] + result['5xx'] + result.errors;
  const status = Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => `${code}×${s.count}`).join(' ');
  console.log(`  ${name}: ${result.requests.total} requests in ${result.duration}s [${status}], ${errors} errors`);
  return { name, rps: round(result.requests.total / result.duration, 1), p99_ms: result.latency.p99, errors };
}

/**
 * Questions from many candidates at once. Requests go round-robin over the cookies and stop
 * before any link reaches its hourly limit, so the run measures the app, not the rate limiter.
 */
export async function loadPortal(url: string, cookies: readonly string[], seconds: number, connections: number): Promise<LoadResult> {
  let next = 0;
  const budget = cookies.length * SUBMISSIONS_PER_HOUR - connections;
  if (budget < connections) throw new Error(`Only ${cookies.length} portal links for the load: the agency needs more applications without a live link.`);
  return cannon('portal question (POST /portal/questions)', {
    url,
    connections,
    duration: seconds,
    maxOverallRequests: budget,
    requests: [
      {
        method: 'POST',
        path: '/portal/questions',
        setupRequest: (request) => ({ ...request, ...questionForm(url, cookies[next++ % cookies.length]!) }),
      },
    ],
  });
}

export function loadGet(name: string, url: string, path: string, cookie: string, seconds: number, connections: number): Promise<LoadResult> {
  return cannon(name, { url: `${url}${path}`, connections, duration: seconds, headers: { cookie } });
}

const SCRIPT_SRC = /<script\b[^>]*\bsrc="([^"]+)"/g;
const INLINE_SCRIPT = /<script\b(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g;

/**
 * The JavaScript a page makes the browser download: its <script src> files, gzipped one by one
 * as a server would send them; inline scripts (Next's RSC payload) are counted on their own.
 */
export async function pageScripts(url: string, path: string, cookie: string) {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  const html = await response.text();
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  const srcs = [...new Set([...html.matchAll(SCRIPT_SRC)].map((m) => m[1]!.replaceAll('&amp;', '&')))];
  const sizes = await Promise.all(
    srcs.map(async (src) => {
      const file = await fetch(new URL(src, url));
      if (!file.ok) throw new Error(`GET ${src} answered ${file.status}`);
      return gzipSync(Buffer.from(await file.arrayBuffer())).length;
    }),
  );
  const inline = [...html.matchAll(INLINE_SCRIPT)].map((m) => m[1]!).join('');
  return { files: srcs.length, gzipBytes: sizes.reduce((a, b) => a + b, 0), inlineGzipBytes: inline ? gzipSync(inline).length : 0 };
}
