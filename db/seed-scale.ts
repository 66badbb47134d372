import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import { execute, getDb, queryRows, type Tx } from './client';
import { planAgencies } from './seed-scale/agencies';
import { LARGE_SLUG, parseArgs, SeedScaleError, USAGE, validateOptions, type SeedScaleInput } from './seed-scale/options';
import { deleteScaleAgencies, findScaleAgencies } from './seed-scale/reset';
import { SqlKit } from './seed-scale/sql-kit';
import { buildStatements } from './seed-scale/statements';
import { enterTenant } from './tenant';

export { SeedScaleError, parseArgs, USAGE } from './seed-scale/options';

/** Tables the generator writes: analysed before engagement is derived, vacuumed at the end. */
const LOADED_TABLES = ['organizations', 'users', 'memberships', 'teams', 'team_members', 'jobs', 'candidates', 'applications', 'interviews', 'touches'];
const DERIVED_TABLES = ['candidate_engagement', 'interview_engagement'];
const COUNTED_TABLES = ['memberships', 'teams', 'team_members', 'jobs', 'candidates', 'applications', 'interviews', 'touches', ...DERIVED_TABLES];

export interface SeedScalePhase {
  name: string;
  ms: number;
  detail: string;
}

export interface SeedScaleResult {
  /** replica: triggers and foreign-key checks were off during the load (superuser); normal: they ran. */
  mode: 'replica' | 'normal';
  now: Date;
  seed: number;
  largeOrgId: string;
  smallOrgIds: string[];
  /** Rows per table: in the large agency, and in all small ones together. */
  counts: Record<string, { large: number; small: number }>;
  users: number;
  /** Candidates of the large agency waiting on a reply (the inbox's rows for its owner). */
  repliesOwed: number;
  followedUp: number;
  touchMix: { kind: string; direction: string; count: number }[];
  phases: SeedScalePhase[];
  totalMs: number;
}

export interface SeedScaleRunOptions extends SeedScaleInput {
  log?: (line: string) => void;
  /** 'normal' keeps triggers and foreign-key checks on even for a superuser (the tests use it to let Postgres check every key). */
  bulk?: 'auto' | 'normal';
}

const fmt = (n: number) => n.toLocaleString('en');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function affected(result: unknown): number {
  const r = result as { count?: number | null; affectedRows?: number };
  return Number(r.count ?? r.affectedRows ?? 0);
}

/**
 * Fills the database with one large agency (`scale-large`) among `orgs` small ones, for the
 * benchmark. One transaction: a failed run leaves nothing behind. Refuses when scale agencies
 * exist, unless `reset`, which deletes them (and their people) first; no other agency is touched.
 */
export async function seedScale(input: SeedScaleRunOptions = {}): Promise<SeedScaleResult> {
  const { log = () => {}, bulk = 'auto', ...rest } = input;
  const options = validateOptions(rest);
  const now = options.now ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const agencies = planAgencies(options);
  const kit = new SqlKit(options.seed);
  const statements = buildStatements(kit, agencies, now);
  const db = getDb();
  const started = performance.now();
  const phases: SeedScalePhase[] = [];
  const record = (entry: SeedScalePhase) => {
    phases.push(entry);
    log(`  ${entry.name.padEnd(13)} ${entry.detail.padEnd(72)} ${seconds(entry.ms).padStart(8)}`);
  };
  const phase = async <T>(name: string, fn: () => Promise<T>, detail: (value: T) => string): Promise<T> => {
    const t0 = performance.now();
    const value = await fn();
    record({ name, ms: performance.now() - t0, detail: detail(value) });
    return value;
  };

  const [role] = await queryRows<{ superuser: boolean }>(db, sql`select rolsuper as superuser from pg_roles where rolname = current_user`);
  const mode: SeedScaleResult['mode'] = role?.superuser && bulk === 'auto' ? 'replica' : 'normal';
  log(`Seed ${options.seed}, data around ${now.toISOString()}: scale-large with ${fmt(options.candidates)} candidates and ${fmt(options.touches)} touches, ${fmt(options.orgs)} small agencies.`);
  log(
    mode === 'replica'
      ? 'Bulk load as superuser with session_replication_role = replica: triggers (touches_notify) and foreign-key checks are skipped for this transaction.'
      : bulk === 'normal'
        ? 'Loading with triggers and foreign-key checks on, as asked.'
        : 'WARNING: not a superuser, so triggers and foreign-key checks stay on: slower, and every touch fires touches_notify (stop running app instances first).',
  );

  let orgIds: string[] = [];
  let committing = 0;
  await db.transaction(async (tx) => {
    if (mode === 'replica') await execute(tx, sql`set local session_replication_role = replica`);
    // Sorting a million touches by time in memory rather than on disk.
    await execute(tx, sql`set local work_mem = '256MB'`);

    const existing = await findScaleAgencies(tx);
    if (existing.length > 0 && !options.reset) {
      const small = existing.filter((a) => a.slug !== LARGE_SLUG).length;
      throw new SeedScaleError(
        `The database already has scale agencies (${existing.some((a) => a.slug === LARGE_SLUG) ? `${LARGE_SLUG} and ` : ''}${fmt(small)} scale-small-…). Nothing was changed.\nRun again with --reset to delete them and their users, then generate them again.`,
        'ALREADY_SEEDED',
      );
    }
    if (options.reset) {
      await phase('reset', () => deleteScaleAgencies(tx, existing, mode === 'replica'), (r) => `deleted ${fmt(existing.length)} scale agencies and ${fmt(r.users)} of their users`);
    }

    const names = [...new Set(statements.map((s) => s.phase))];
    for (const name of names) {
      await phase(
        name,
        async () => {
          const rows: string[] = [];
          for (const statement of statements.filter((s) => s.phase === name)) {
            const result = await execute(tx, sql.raw(statement.text));
            if (statement.table) rows.push(`${fmt(affected(result))} ${statement.table}`);
          }
          return rows;
        },
        (rows) => rows.join(' · '),
      );
    }

    // Fresh tables have no statistics: without them the rebuild's joins would be planned for empty tables.
    await phase('statistics', () => execute(tx, sql.raw(`analyze ${LOADED_TABLES.join(', ')}`)), () => `ANALYZE ${LOADED_TABLES.length} tables`);

    orgIds = (await queryRows<{ id: string }>(tx, sql`select id::text as id from scale_orgs order by idx`)).map((r) => r.id);
    await phase('engagement', () => rebuildAll(tx, orgIds), () => `rebuildEngagement in each agency's tenant (${fmt(orgIds.length)} agencies)`);
    committing = performance.now();
  });
  record({ name: 'commit', ms: performance.now() - committing, detail: 'one transaction: a failed run leaves nothing behind' });

  await phase('vacuum', () => execute(db, sql.raw(`vacuum (analyze) ${[...LOADED_TABLES, ...DERIVED_TABLES].join(', ')}`)), () => 'VACUUM (ANALYZE): visibility map and statistics');

  const [largeOrgId, ...smallOrgIds] = orgIds as [string, ...string[]];
  const summary = await summarize(largeOrgId, orgIds);
  const totalMs = performance.now() - started;
  const result: SeedScaleResult = { mode, now, seed: options.seed, largeOrgId, smallOrgIds, ...summary, phases, totalMs };
  report(result, log);
  return result;
}

/** Engagement derived by the app's own rebuild, inside each agency's tenant as withTenant sets it. */
async function rebuildAll(tx: Tx, orgIds: string[]): Promise<void> {
  for (const orgId of orgIds) {
    await enterTenant(tx, orgId);
    await rebuildEngagement({ tx, orgId });
    await execute(tx, sql`select set_config('role', 'none', true), set_config('app.org_id', '', true)`);
  }
}

async function summarize(largeOrgId: string, orgIds: string[]) {
  const db = getDb();
  const ids = `array[${orgIds.map((id) => `'${id}'`).join(', ')}]::uuid[]`;
  const large = `'${largeOrgId}'::uuid`;
  const rows = await queryRows<{ tbl: string; large: number; small: number }>(
    db,
    sql.raw(
      COUNTED_TABLES.map(
        (t) => `select '${t}' as tbl, count(*) filter (where org_id = ${large})::int as large, count(*) filter (where org_id <> ${large})::int as small from ${t} where org_id = any(${ids})`,
      ).join(' union all '),
    ),
  );
  const counts = Object.fromEntries(rows.map((r) => [r.tbl, { large: r.large, small: r.small }]));
  const [people] = await queryRows<{ n: number }>(db, sql.raw(`select count(distinct user_id)::int as n from memberships where org_id = any(${ids})`));
  const [inbox] = await queryRows<{ owed: number; followed: number }>(
    db,
    sql.raw(`select count(*) filter (where ce.awaiting_reply_since is not null and c.archived_at is null)::int as owed,
               count(*) filter (where ce.followed_up_at is not null)::int as followed
             from candidate_engagement ce join candidates c on c.org_id = ce.org_id and c.id = ce.candidate_id where ce.org_id = ${large}`),
  );
  const touchMix = await queryRows<{ kind: string; direction: string; count: number }>(
    db,
    sql.raw(`select kind::text as kind, direction::text as direction, count(*)::int as count from touches where org_id = ${large} group by 1, 2 order by 3 desc, 1, 2`),
  );
  return { counts, users: people?.n ?? 0, repliesOwed: inbox?.owed ?? 0, followedUp: inbox?.followed ?? 0, touchMix };
}

function report(r: SeedScaleResult, log: (line: string) => void): void {
  const total = r.touchMix.reduce((sum, m) => sum + m.count, 0) || 1;
  const c = (t: string) => r.counts[t] ?? { large: 0, small: 0 };
  log('');
  log(`Done in ${seconds(r.totalMs)}.`);
  log(`${LARGE_SLUG}: ${fmt(c('candidates').large)} candidates, ${fmt(c('applications').large)} applications, ${fmt(c('interviews').large)} interviews, ${fmt(c('touches').large)} touches, ${fmt(c('jobs').large)} jobs, ${fmt(c('teams').large)} teams, ${fmt(c('memberships').large)} members.`);
  log(`  engagement: ${fmt(c('candidate_engagement').large)} candidates, ${fmt(c('interview_engagement').large)} interviews; ${fmt(r.followedUp)} followed up; replies owed: ${fmt(r.repliesOwed)}.`);
  log(`  touch mix: ${r.touchMix.map((m) => `${m.kind}${m.kind === 'call' || m.kind === 'message' ? ` (${m.direction})` : ''} ${((100 * m.count) / total).toFixed(1)}%`).join(', ')}.`);
  log(`${fmt(r.smallOrgIds.length)} small agencies: ${fmt(c('candidates').small)} candidates, ${fmt(c('touches').small)} touches, ${fmt(c('memberships').small)} members.`);
  log(`People: ${fmt(r.users)}. Sign in as owner@${LARGE_SLUG}.example (also admin-1…, recruiter-1…, viewer-1…@${LARGE_SLUG}.example).`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.help) {
    console.log(USAGE);
    return;
  }
  validateOptions(args);
  const { runMigrations } = await import('./migrate');
  const { checkConnection, closeDatabase } = await import('./client');
  const { env, redactUrl } = await import('@/server/env');
  const e = env();
  try {
    await checkConnection();
    await runMigrations();
    console.log(`Scale data for ${e.database.kind === 'postgres' ? redactUrl(e.database.url) : `PGlite at ${e.database.dir}`}.`);
    await seedScale({ ...args, log: (line) => console.log(line) });
  } finally {
    await closeDatabase();
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  // Run as a command: the .env* files first, as for every entry point (never when imported).
  import('@/server/cli/load-env')
    .then(main)
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    });
}
