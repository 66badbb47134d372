import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { DIRECTIONS, TOUCH_KINDS } from '@/db/schema';
import { parseArgs, seedScale, SeedScaleError, type SeedScaleResult } from '@/db/seed-scale';
import { withTenant } from '@/db/tenant';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import { strengthOf, TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import { callerFor, createTenant, type TenantFixture } from '../support/fixtures';
import { runOnOwnDatabase } from '../support/own-database';

// The fingerprints below must see only what the seeder does, not another file's follow-up sweep.
runOnOwnDatabase('scale');

// A fixed time anchor: the same seed and anchor must give the same rows.
const NOW = new Date(Math.floor((Date.now() - 86_400_000) / 3_600_000) * 3_600_000);
const TINY = { orgs: 2, candidates: 300, touches: 3_000, now: NOW };
const SLOW = 120_000;

const db = () => getDb();
const idList = (ids: string[]) => sql.raw(`array[${ids.map((id) => `'${id}'`).join(', ')}]::uuid[]`);

async function scaleOrgs(): Promise<{ id: string; slug: string }[]> {
  return queryRows(db(), sql`select id::text as id, slug from organizations where slug = 'scale-large' or slug like 'scale-small-%' order by slug`);
}

async function tenantTables(): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db(),
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
        where n.nspname = 'public' and c.relkind = 'r' order by 1`,
  );
  return rows.map((r) => r.name);
}

/** Every row of some agencies, hashed per table (touches without seq, which only numbers insertion). */
async function fingerprint(orgIds: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of await tenantTables()) {
    const [row] = await queryRows<{ h: string | null; n: number }>(
      db(),
      sql.raw(`select md5(string_agg((to_jsonb(x) - 'seq')::text, ',' order by (to_jsonb(x) - 'seq')::text)) as h, count(*)::int as n
               from "${table}" x where org_id = any(array[${orgIds.map((id) => `'${id}'`).join(', ')}]::uuid[])`),
    );
    out[table] = `${row?.n}:${row?.h}`;
  }
  const [orgs] = await queryRows<{ h: string }>(db(), sql`select md5(string_agg(to_jsonb(o)::text, ',' order by o.id)) as h from organizations o where o.id = any(${idList(orgIds)})`);
  out.organizations = orgs?.h ?? '';
  const [people] = await queryRows<{ h: string }>(
    db(),
    sql`select md5(string_agg(to_jsonb(u)::text, ',' order by u.id)) as h from users u where u.id in (select user_id from memberships where org_id = any(${idList(orgIds)}))`,
  );
  out.users = people?.h ?? '';
  return out;
}

/** Foreign keys Postgres did not check (replica mode): every key of every scale row must resolve. */
async function danglingKeys(orgIds: string[]): Promise<string[]> {
  const keys = await queryRows<{ name: string; child: string; parent: string; child_cols: string; parent_cols: string }>(
    db(),
    sql`select c.conname as name, cr.relname as child, pr.relname as parent,
          (select string_agg(a.attname::text, ',' order by k.ord) from unnest(c.conkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum) as child_cols,
          (select string_agg(a.attname::text, ',' order by k.ord) from unnest(c.confkey) with ordinality k(attnum, ord)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.attnum) as parent_cols
        from pg_constraint c join pg_class cr on cr.oid = c.conrelid join pg_class pr on pr.oid = c.confrelid
        join pg_namespace n on n.oid = cr.relnamespace
        where c.contype = 'f' and n.nspname = 'public'
          and exists (select 1 from pg_attribute a where a.attrelid = c.conrelid and a.attname = 'org_id')`,
  );
  const broken: string[] = [];
  for (const key of keys) {
    const cc = key.child_cols.split(',');
    const pc = key.parent_cols.split(',');
    const [row] = await queryRows<{ n: number }>(
      db(),
      sql.raw(`select count(*)::int as n from "${key.child}" x
               where x.org_id = any(array[${orgIds.map((id) => `'${id}'`).join(', ')}]::uuid[]) and ${cc.map((c) => `x."${c}" is not null`).join(' and ')}
                 and not exists (select 1 from "${key.parent}" p where ${cc.map((c, i) => `p."${pc[i]}" = x."${c}"`).join(' and ')})`),
    );
    if ((row?.n ?? 0) > 0) broken.push(`${key.name}: ${row?.n}`);
  }
  return broken;
}

async function engagementSnapshot(orgIds: string[]) {
  const cand = await queryRows(db(), sql`select to_jsonb(e)::text as row from candidate_engagement e where org_id = any(${idList(orgIds)}) order by org_id, candidate_id`);
  const intv = await queryRows(db(), sql`select to_jsonb(e)::text as row from interview_engagement e where org_id = any(${idList(orgIds)}) order by org_id, interview_id`);
  return { cand: cand.map((r) => r.row), intv: intv.map((r) => r.row) };
}

describe('npm run seed:scale', () => {
  let neighbour: TenantFixture;
  let neighbourBefore: Record<string, string>;
  let first: SeedScaleResult;
  let firstPrint: Record<string, string>;
  let orgIds: string[];

  beforeAll(async () => {
    neighbour = await createTenant('ScaleNeighbour');
    neighbourBefore = await fingerprint([neighbour.orgId]);
    first = await seedScale(TINY);
    orgIds = (await scaleOrgs()).map((o) => o.id);
    firstPrint = await fingerprint(orgIds);
  }, SLOW);

  it('rejects bad arguments with a clear message, before touching the database', async () => {
    await expect(seedScale({ candidates: 0 })).rejects.toThrow('--candidates must be at least 1');
    await expect(seedScale({ orgs: 1.5 })).rejects.toThrow('--orgs must be a whole number');
    await expect(seedScale({ orgs: 5_000 })).rejects.toThrow('--orgs must be at most 1,000');
    await expect(seedScale({ candidates: 10, touches: 10_000 })).rejects.toThrow('--touches must be at most 200 per candidate');
    expect(() => parseArgs(['--touches', 'lots'])).toThrow('--touches must be a whole number (got "lots")');
    expect(() => parseArgs(['--tuoches', '5'])).toThrow('Unknown option "--tuoches"');
    expect(() => parseArgs(['--orgs'])).toThrow('--orgs needs a value');
    expect(parseArgs(['--orgs=3', '--touches', '1_000_000', '--reset'])).toEqual({ orgs: 3, touches: 1_000_000, reset: true });
  });

  it('creates the large agency among the small ones, with the sizes asked for', async () => {
    expect((await scaleOrgs()).map((o) => o.slug)).toEqual(['scale-large', 'scale-small-1', 'scale-small-2']);
    expect(first.mode).toBe('replica');
    expect(first.counts.candidates!.large).toBe(300);
    expect(first.counts.touches!.large).toBe(3_000);
    expect(first.counts.candidates!.small).toBeGreaterThanOrEqual(300);
    expect(first.counts.touches!.small).toBeGreaterThanOrEqual(2_400);
    expect(first.counts.teams!.large).toBe(8);

    const [large] = await queryRows<{ candidates: number; touches: number; owner: string; admins: number; recruiters: number; leads: number; archived: number }>(
      db(),
      sql`select (select count(*)::int from candidates where org_id = o.id) as candidates,
            (select count(*)::int from touches where org_id = o.id) as touches,
            (select u.email from memberships m join users u on u.id = m.user_id where m.org_id = o.id and m.role = 'owner') as owner,
            (select count(*)::int from memberships where org_id = o.id and role = 'admin') as admins,
            (select count(*)::int from memberships where org_id = o.id and role = 'recruiter') as recruiters,
            (select count(*)::int from team_members where org_id = o.id and is_lead) as leads,
            (select count(*)::int from candidates where org_id = o.id and archived_at is not null) as archived
          from organizations o where o.slug = 'scale-large'`,
    );
    expect(large).toMatchObject({ candidates: 300, touches: 3_000, owner: 'owner@scale-large.example', admins: 5, recruiters: 40, leads: 8 });
    expect(large!.archived).toBeGreaterThan(0);

    // Every application has one or two interviews; every candidate one or two applications.
    const [shape] = await queryRows<{ bad_apps: number; bad_cands: number; stages: number; upcoming: number; past: number }>(
      db(),
      sql`select
            (select count(*)::int from applications a where a.org_id = any(${idList(orgIds)})
              and (select count(*) from interviews i where i.org_id = a.org_id and i.application_id = a.id) not between 1 and 2) as bad_apps,
            (select count(*)::int from candidates c where c.org_id = any(${idList(orgIds)})
              and (select count(*) from applications a where a.org_id = c.org_id and a.candidate_id = c.id) not between 1 and 2) as bad_cands,
            (select count(distinct stage)::int from applications where org_id = any(${idList(orgIds)})) as stages,
            (select count(*)::int from interviews where org_id = any(${idList(orgIds)}) and ends_at > ${NOW.toISOString()}::timestamptz) as upcoming,
            (select count(*)::int from interviews where org_id = any(${idList(orgIds)}) and ends_at < ${NOW.toISOString()}::timestamptz - interval '300 days') as past`,
    );
    expect(shape).toMatchObject({ bad_apps: 0, bad_cands: 0 });
    expect(shape!.stages).toBeGreaterThanOrEqual(6);
    expect(shape!.upcoming).toBeGreaterThan(0);
    expect(shape!.past).toBeGreaterThan(0);
  });

  it('keeps every row inside its agency: all keys resolve, people belong to their agency only', async () => {
    expect(await danglingKeys(orgIds)).toEqual([]);
    const [people] = await queryRows<{ foreign: number; outside: number }>(
      db(),
      sql`select
            (select count(*)::int from memberships m join users u on u.id = m.user_id join organizations o on o.id = m.org_id
              where m.org_id = any(${idList(orgIds)}) and u.email not like '%@' || o.slug || '.example') as foreign,
            (select count(*)::int from memberships m join users u on u.id = m.user_id
              where m.org_id <> all(${idList(orgIds)}) and (u.email like '%@scale-large.example' or u.email like '%@scale-small-%.example')) as outside`,
    );
    expect(people).toEqual({ foreign: 0, outside: 0 });
    // Candidates are owned by members of their own agency and sit in that member's team.
    const [owners] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from candidates c where c.org_id = any(${idList(orgIds)}) and c.owner_user_id is not null
            and not exists (select 1 from team_members tm where tm.org_id = c.org_id and tm.team_id = c.team_id and tm.user_id = c.owner_user_id)`,
    );
    expect(owners!.n).toBe(0);
  });

  it('writes touches as the app would: strengths, directions, unique keys, answers pointing at what they answer', async () => {
    const combos = await queryRows<{ kind: (typeof TOUCH_KINDS)[number]; direction: (typeof DIRECTIONS)[number]; strength: number; n: number }>(
      db(),
      sql`select kind::text as kind, direction::text as direction, strength, count(*)::int as n from touches where org_id = any(${idList(orgIds)}) group by 1, 2, 3`,
    );
    for (const c of combos) {
      expect(TOUCH_RULES[c.kind].directions).toContain(c.direction);
      expect(c.strength).toBe(strengthOf(c.kind, c.direction));
    }
    const share = (kinds: string[]) => combos.filter((c) => kinds.includes(c.kind) && c.direction === 'inbound').reduce((s, c) => s + c.n, 0);
    // Most inbound touches are weak signals; fewer are written by the candidate.
    expect(share(['email_open', 'portal_visit', 'email_click'])).toBeGreaterThan(share(['thank_you', 'question', 'email_reply', 'call', 'message']));
    for (const kind of ['question', 'email_reply', 'thank_you', 'email_open', 'answer', 'email_sent', 'note', 'portal_link_sent']) {
      expect(combos.some((c) => c.kind === kind), kind).toBe(true);
    }

    const [checks] = await queryRows<{ future: number; dupes: number; bad_replies: number; answers_without: number; answers: number; wrong_interview: number }>(
      db(),
      sql`select
            (select count(*)::int from touches where org_id = any(${idList(orgIds)}) and occurred_at > ${NOW.toISOString()}::timestamptz) as future,
            (select count(*)::int from (select org_id, dedupe_key from touches where org_id = any(${idList(orgIds)}) group by 1, 2 having count(*) > 1) d) as dupes,
            (select count(*)::int from touches a left join touches q on q.org_id = a.org_id and q.id = a.in_reply_to
              where a.org_id = any(${idList(orgIds)}) and a.in_reply_to is not null
                and (q.id is null or q.candidate_id <> a.candidate_id or q.direction <> 'inbound' or q.kind not in ('question', 'email_reply')
                  or a.direction <> 'outbound' or a.kind not in ('answer', 'email_sent') or q.occurred_at >= a.occurred_at
                  or (a.kind = 'answer' and (q.kind <> 'question' or a.dedupe_key <> 'answer:' || q.id)))) as bad_replies,
            (select count(*)::int from touches where org_id = any(${idList(orgIds)}) and kind = 'answer' and in_reply_to is null) as answers_without,
            (select count(*)::int from touches where org_id = any(${idList(orgIds)}) and kind = 'answer') as answers,
            (select count(*)::int from touches t join interviews i on i.org_id = t.org_id and i.id = t.interview_id
              where t.org_id = any(${idList(orgIds)}) and (i.candidate_id <> t.candidate_id or i.application_id <> t.application_id)) as wrong_interview`,
    );
    expect(checks).toMatchObject({ future: 0, dupes: 0, bad_replies: 0, answers_without: 0, wrong_interview: 0 });
    expect(checks!.answers).toBeGreaterThan(0);
  });

  it("builds engagement exactly as rebuildEngagement does, and the owner's replies-owed inbox has rows", async () => {
    const generated = await engagementSnapshot(orgIds);
    expect(generated.cand.length).toBeGreaterThan(0);
    expect(generated.intv.length).toBeGreaterThan(0);
    for (const orgId of orgIds) await withTenant(orgId, (tx) => rebuildEngagement({ tx, orgId }));
    expect(await engagementSnapshot(orgIds)).toEqual(generated);

    const [owner] = await queryRows<{ id: string }>(db(), sql`select id::text as id from users where email = 'owner@scale-large.example'`);
    const inbox = await callerFor(owner!.id).dashboard.inbox({ orgSlug: 'scale-large' });
    expect(inbox.items.length).toBeGreaterThan(0);
    expect(inbox.totals?.waiting).toBe(first.repliesOwed);
    expect(first.repliesOwed).toBeGreaterThanOrEqual(3);
    // A few percent of candidates, not most of them.
    expect(first.repliesOwed).toBeLessThan(300 * 0.15);
    expect(['question', 'email_reply']).toContain(inbox.items[0]!.touch?.kind);

    const list = await callerFor(owner!.id).dashboard.list({ orgSlug: 'scale-large' });
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('refuses to run again without --reset, and changes nothing', async () => {
    const error = await seedScale(TINY).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SeedScaleError);
    expect((error as SeedScaleError).code).toBe('ALREADY_SEEDED');
    expect((error as Error).message).toMatch(/already has scale agencies .*Nothing was changed.*--reset/s);
    expect(await fingerprint(orgIds)).toEqual(firstPrint);
  });

  it('--reset replaces the scale agencies: the same seed gives the same rows, and no other agency changes', async () => {
    const again = await seedScale({ ...TINY, reset: true });
    expect(again.largeOrgId).toBe(first.largeOrgId);
    expect(await fingerprint(orgIds)).toEqual(firstPrint);

    // Smaller, one small agency fewer, with triggers and foreign keys checked by Postgres itself.
    const smaller = await seedScale({ orgs: 1, candidates: 120, touches: 900, now: NOW, reset: true, bulk: 'normal' });
    expect(smaller.mode).toBe('normal');
    expect((await scaleOrgs()).map((o) => o.slug)).toEqual(['scale-large', 'scale-small-1']);
    expect(smaller.counts.candidates!.large).toBe(120);
    expect(smaller.counts.touches!.large).toBe(900);
    const [gone] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from users where email like '%@scale-small-2.example'`);
    expect(gone!.n).toBe(0);
    const remaining = (await scaleOrgs()).map((o) => o.id);
    expect(await danglingKeys(remaining)).toEqual([]);
    const [leftovers] = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from touches t where not exists (select 1 from organizations o where o.id = t.org_id)`,
    );
    expect(leftovers!.n).toBe(0);

    expect(await fingerprint([neighbour.orgId])).toEqual(neighbourBefore);
  }, SLOW);
});
