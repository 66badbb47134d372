import '@/server/cli/load-env';
import { randomUUID } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import { closeDatabase, recordQueries, type SentQuery } from '@/db/client';
import { withTenant } from '@/db/tenant';
import { env } from '@/server/env';
import { DASHBOARD_PAGE_SIZE } from '@/server/services/dashboard/list-dashboard';
import { DEFAULT_ORDER, type DashboardSort } from '@/server/services/dashboard/dashboard-view';
import { recordTouch } from '@/server/services/touches/record-touch';
import { createContextForUser } from '@/server/trpc/context';
import { createCaller } from '@/server/trpc/root';
import { createPortalLinks, createSession, exchangeToken, loadGet, loadPortal, pageScripts, postQuestion, startServer, type LoadResult } from './http';
import { groupTransactions } from './plan';
import { evaluateTargets, markdownTables, RECORD_TOUCH_LOAD, resultsMarkdown, type CaseResult, type Frontend, type Results } from './report';
import { asOwner, explainSeqScans, replay, tenantTables, tenantTransactions, type Raw, type SeqScanFinding } from './sql';
import { mapLimit, measure, round, summarize, sustain, type MeasureOptions, type Percentiles } from './stats';

/**
 * `npm run bench` (issue #8): times the app's hot paths on the data of `npm run seed:scale`,
 * against the same SQL sent raw, and writes bench/results.json and bench/RESULTS.md.
 */

const root = path.resolve(import.meta.dirname, '..');
const { values: args } = parseArgs({
  options: {
    org: { type: 'string', default: 'scale-large' },
    owner: { type: 'string' },
    iterations: { type: 'string', default: '200' },
    warmup: { type: 'string', default: '20' },
    'warmup-seconds': { type: 'string', default: '3' },
    'max-seconds': { type: 'string', default: '60' },
    'min-seconds': { type: 'string', default: '10' },
    'deep-pages': { type: 'string', default: '20' },
    sort: { type: 'string', default: 'latency' },
    search: { type: 'string' },
    'touch-seconds': { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '10' },
    connections: { type: 'string', default: '10' },
    'portal-links': { type: 'string', default: '2000' },
    port: { type: 'string', default: '3400' },
    'seq-scan-min-rows': { type: 'string', default: '1000' },
    'skip-http': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});

function count(name: keyof typeof args): number {
  const n = Number(args[name]);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${String(args[name])}"`);
  return n;
}

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  console.error('npm run bench needs DATABASE_URL: it measures a Postgres server, filled by `npm run seed:scale`.');
  process.exit(1);
}

const seqScanMinRows = count('seq-scan-min-rows');
const opts: MeasureOptions = { warmup: count('warmup'), iterations: Math.max(1, count('iterations')), maxSeconds: count('max-seconds') };
// Reads only: the portal's links and the touch candidates are sized for `iterations` rounds.
const readOpts: MeasureOptions = { ...opts, minSeconds: count('min-seconds'), warmupSeconds: count('warmup-seconds') };
const poolSize = env().DATABASE_POOL_SIZE;
const rawClient = (max: number): Raw => postgres(databaseUrl!, { max, onnotice: () => {}, connection: { application_name: 'afterview-bench' } });
const raw = rawClient(poolSize);
// The RLS comparison runs one statement at a time, so each side gets one connection of its own and
// nothing else: the same warm backend every time, on both sides. (Shared with the baseline replays,
// the tenant side's timings moved with whatever else that pool had run; the owner side's did not.)
const rawTenant = rawClient(1);
const rawOwner = rawClient(1);

async function main() {
  const slug = args.org;
  const ownerEmail = (args.owner ?? `owner@${slug}.example`).toLowerCase();
  const [org] = await raw<{ id: string }[]>`select id from organizations where slug = ${slug}`;
  if (!org) throw new Error(`No agency "${slug}" in this database: run \`npm run seed:scale\` first, or pass --org and --owner.`);
  const [owner] = await raw<{ id: string }[]>`
    select u.id from users u join memberships m on m.user_id = u.id and m.org_id = ${org.id} where lower(u.email) = ${ownerEmail}`;
  if (!owner) throw new Error(`${ownerEmail} is not a member of "${slug}": pass --owner <email>.`);
  const orgId = org.id;

  const [scale] = await raw<{ candidates: number; touches: number }[]>`
    select (select count(*)::int from candidates where org_id = ${orgId}) as candidates,
           (select count(*)::int from touches where org_id = ${orgId}) as touches`;
  const [{ server_version: pgVersion }] = await raw<[{ server_version: string }]>`show server_version`;
  const machine = { cpu: os.cpus()[0]?.model ?? 'unknown', cores: os.cpus().length, memory_gb: round(os.totalmem() / 2 ** 30, 1), postgres: pgVersion, node: process.version };
  console.log(`Agency "${slug}": ${scale!.candidates} candidates, ${scale!.touches} touches. ${machine.cpu}, ${machine.cores} cores, PostgreSQL ${pgVersion}.`);

  const [busiest] = await raw<{ id: string; name: string; touches: number }[]>`
    select c.id, c.name, t.n as touches from (select candidate_id, count(*)::int as n from touches where org_id = ${orgId} group by 1 order by 2 desc limit 1) t
    join candidates c on c.org_id = ${orgId} and c.id = t.candidate_id`;
  if (!busiest) throw new Error(`"${slug}" has no touches to measure.`);
  const search = args.search ?? (busiest.name.split(' ').at(-1) ?? busiest.name).slice(0, 4).toLowerCase();
  const tables = await tenantTables(raw);

  const caller = createCaller(createContextForUser(owner.id));
  const listInput = { orgSlug: slug, followedUp: 'yes' as const, sort: args.sort as DashboardSort };
  const reads: { name: string; call: () => Promise<unknown> }[] = [
    { name: 'dashboard list: first page', call: () => caller.dashboard.list(listInput) },
  ];
  const deepPages = count('deep-pages');
  let cursor: string | null = null;
  let page = 1;
  for (; page <= deepPages; page++) {
    const next: string | null = (await caller.dashboard.list({ ...listInput, cursor })).nextCursor;
    if (!next) break;
    cursor = next;
  }
  if (cursor) reads.push({ name: `dashboard list: page ${page}`, call: () => caller.dashboard.list({ ...listInput, cursor }) });
  else console.log('The followed-up dashboard list has a single page here: no deep-page case.');
  reads.push(
    { name: 'inbox: replies owed', call: () => caller.dashboard.inbox({ orgSlug: slug }) },
    { name: 'candidate timeline', call: () => caller.touch.timeline({ orgSlug: slug, candidateId: busiest.id }) },
    { name: 'candidate search', call: () => caller.candidate.list({ orgSlug: slug, query: search }) },
  );
  if (args.only) {
    const only = args.only.toLowerCase();
    reads.splice(0, reads.length, ...reads.filter((r) => r.name.toLowerCase().includes(only)));
    if (reads.length === 0) throw new Error(`--only "${args.only}" matches no read case.`);
  }
  const notes = [
    `dashboard list: followed up, sorted by ${listInput.sort} (${DEFAULT_ORDER[listInput.sort]}), ${DASHBOARD_PAGE_SIZE} a page; the deep page is reached by following keyset cursors`,
    'inbox: the first page of replies owed, with its totals',
    `candidate timeline: the first page of the candidate with the most touches (${busiest.touches})`,
    `candidate search: "${search}", part of a last name`,
    'record touch: an inbound thank-you with its engagement update, in a tenant transaction; sustained with as many at once as the pool has connections',
    'portal question: a form POST to a running `next start`, from candidates signed in through their portal links',
  ];
  for (const note of notes.slice(0, 4)) console.log(`  ${note}`);

  console.log(`\nReads, ${opts.iterations} rounds (and ${readOpts.minSeconds} s at least) after ${opts.warmup} warm-up rounds (and ${readOpts.warmupSeconds} s at least): app (tRPC caller), raw SQL, raw SQL as the tenant (RLS) and as the table owner`);
  const cases: CaseResult[] = [];
  const scans: (SeqScanFinding & { case: string })[] = [];
  for (const read of reads) {
    const sent: SentQuery[] = [];
    const stop = recordQueries((q) => sent.push(q));
    try {
      await read.call();
    } finally {
      stop();
    }
    const txs = groupTransactions(sent);
    const tenant = tenantTransactions(txs);
    if (tenant.length === 0) throw new Error(`${read.name}: no tenant transaction was recorded (is recordQueries wired to the driver?)`);
    const asTableOwner = asOwner(tenant, orgId);
    const samples = await measure(
      read.name,
      { app: read.call, raw: () => replay(raw, txs), rls: () => replay(rawTenant, tenant), owner: () => replay(rawOwner, asTableOwner) },
      readOpts,
    );
    const [app, baseline, rls, ownerRun] = [samples.app, samples.raw, samples.rls, samples.owner].map(summarize) as [Percentiles, Percentiles, Percentiles, Percentiles];
    const found = await explainSeqScans(raw, tenant, tables);
    const counted = found.filter((s) => s.tableRows >= seqScanMinRows);
    for (const s of found) {
      const small = s.tableRows < seqScanMinRows ? ', too small to count' : '';
      console.log(`  seq scan on ${s.table} (${s.rows} of ${Math.round(s.tableRows)} rows expected${small}): ${s.statement.slice(0, 160)}…`);
    }
    scans.push(...found.map((s) => ({ ...s, case: read.name })));
    cases.push({
      name: read.name,
      p50_ms: round(app.p50),
      p95_ms: round(app.p95),
      p99_ms: round(app.p99),
      baseline_p95_ms: round(baseline.p95),
      ratio: round(app.p95 / baseline.p95),
      rls_overhead: round((rls.p95 - ownerRun.p95) / ownerRun.p95, 3),
      seq_scan: counted.length > 0,
    });
  }

  if (args.only) {
    // A look at some read cases, not a run of the benchmark: the results files stay as they are.
    for (const c of cases) console.log(`  ${c.name}: p50 ${c.p50_ms}, p95 ${c.p95_ms} ms; raw p95 ${c.baseline_p95_ms} ms, ratio ${c.ratio}; RLS overhead ${c.rls_overhead}`);
    return;
  }

  const touchCandidates = (await raw<{ id: string }[]>`
    select id from candidates where org_id = ${orgId} and archived_at is null and erased_at is null order by random() limit 5000`).map((r) => r.id);
  const touch = () =>
    withTenant(orgId, (tx) =>
      recordTouch(
        { tx, orgId },
        {
          candidateId: touchCandidates[Math.floor(Math.random() * touchCandidates.length)]!,
          // A thank-you engages the whole engagement merge without putting anyone in the replies-owed inbox.
          kind: 'thank_you',
          direction: 'inbound',
          channel: 'email',
          occurredAt: new Date(),
          body: 'Thank you for your time today.',
          dedupeKey: `bench:${randomUUID()}`,
        },
      ),
    );
  console.log('\nWrites');
  const single = summarize((await measure('record touch', { app: touch }, opts)).app);
  cases.push({ name: 'record touch', p50_ms: round(single.p50), p95_ms: round(single.p95), p99_ms: round(single.p99), baseline_p95_ms: null, ratio: null, rls_overhead: null, seq_scan: false });
  const sustained = await sustain(touch, poolSize, count('touch-seconds'));
  console.log(`  sustained: ${round(sustained.perSecond, 1)} touches/s with ${poolSize} concurrent (the pool size), ${sustained.errors} errors`);
  const load: LoadResult[] = [
    { name: RECORD_TOUCH_LOAD, rps: round(sustained.perSecond, 1), p99_ms: round(summarize(sustained.latencies).p99), errors: sustained.errors },
  ];

  let frontend: Frontend | undefined;
  if (!args['skip-http']) {
    const http = await measureHttp(orgId, owner.id, slug);
    cases.push(http.portalCase);
    load.push(...http.load);
    frontend = http.frontend;
  }

  const results: Results = {
    scale: scale!,
    cases,
    load,
    ...(frontend ? { frontend } : {}),
    machine,
    measured_at: new Date().toISOString(),
    targets: evaluateTargets(cases, load, frontend),
  };
  const bench = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const command = args.org === 'scale-large' ? `npm run seed:scale && ${bench}` : bench;
  writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(path.join(root, 'bench/RESULTS.md'), resultsMarkdown(results, command, notes, scans, seqScanMinRows));
  console.log(`\n${markdownTables(results)}\n\nWrote bench/results.json and bench/RESULTS.md.`);
}

async function measureHttp(orgId: string, ownerId: string, slug: string) {
  if (!existsSync(path.join(root, '.next/BUILD_ID'))) {
    throw new Error('The HTTP cases run `next start` on the production build: run `npm run build` first (or pass --skip-http).');
  }
  const seconds = count('load-seconds');
  const connections = Math.max(1, count('connections'));
  console.log('\nStarting next start (production build)…');
  const server = await startServer(root, count('port'), databaseUrl!);
  const session = await createSession(raw, ownerId);
  const caseLinks = Math.ceil((opts.warmup + opts.iterations) / 10);
  const links = await createPortalLinks(raw, orgId, ownerId, caseLinks + count('portal-links'));
  try {
    if (links.tokens.length <= caseLinks) throw new Error(`Only ${links.tokens.length} applications can take a new portal link: the portal cases need more.`);
    console.log(`Exchanging ${links.tokens.length} portal link tokens (GET /p/<token>)…`);
    const cookies = await mapLimit(links.tokens, connections, (token) => exchangeToken(server.url, token));
    const caseCookies = cookies.slice(0, caseLinks);
    const loadCookies = cookies.slice(caseLinks);

    const portal = summarize((await measure('portal question (HTTP)', { http: (i) => postQuestion(server.url, caseCookies[i % caseLinks]!) }, opts)).http);
    const portalCase: CaseResult = {
      name: 'portal question (HTTP)',
      p50_ms: round(portal.p50),
      p95_ms: round(portal.p95),
      p99_ms: round(portal.p99),
      baseline_p95_ms: null,
      ratio: null,
      rls_overhead: null,
      seq_scan: false,
    };

    const portalPage = await pageScripts(server.url, '/portal', caseCookies[0]!);
    const dashboardPage = await pageScripts(server.url, `/${slug}`, session.cookie);
    const frontend: Frontend = {
      portal_js_gzip_bytes: portalPage.gzipBytes + portalPage.inlineGzipBytes,
      dashboard_js_gzip_bytes: dashboardPage.gzipBytes,
      dashboard_inline_script_gzip_bytes: dashboardPage.inlineGzipBytes,
    };
    console.log(`  JavaScript (gzip): portal ${frontend.portal_js_gzip_bytes} B; dashboard ${dashboardPage.files} files, ${frontend.dashboard_js_gzip_bytes} B`);

    console.log(`\nLoad: ${seconds}s each, ${connections} connections (autocannon)`);
    const load = [await loadPortal(server.url, loadCookies, seconds, connections)];
    const inbox = `/api/trpc/dashboard.inbox?input=${encodeURIComponent(JSON.stringify({ json: { orgSlug: slug } }))}`;
    load.push(await loadGet('tRPC dashboard.inbox (GET /api/trpc)', server.url, inbox, session.cookie, seconds, connections));
    return { portalCase, frontend, load };
  } finally {
    await server.stop();
    await links.revoke();
    await session.remove();
  }
}

main()
  .then(async () => {
    await closeDatabase();
    await Promise.all([raw, rawTenant, rawOwner].map((c) => c.end({ timeout: 5 })));
  })
  .catch(async (error: unknown) => {
    console.error(`\nBenchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    await closeDatabase().catch(() => {});
    await Promise.all([raw, rawTenant, rawOwner].map((c) => c.end({ timeout: 5 }))).catch(() => {});
    process.exit(1);
  });
