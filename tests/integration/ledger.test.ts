import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { queryRows, type Tx } from '@/db/client';
import { applications, candidates, interviews, TOUCH_KINDS, type Direction, type TouchKind } from '@/db/schema';
import { withTenant } from '@/db/tenant';
import { recordTouch } from '@/server/services/touches/record-touch';
import { rebuildEngagement } from '@/server/services/touches/rebuild-engagement';
import { TOUCH_RULES } from '@/server/services/touches/touch-kinds';
import { addMember, callerFor, createTenant, createUser, type TenantFixture } from '../support/fixtures';

const HOUR = 3_600_000;
let org: TenantFixture;

beforeAll(async () => {
  org = await createTenant('Ledger');
});

async function newCandidate(tx: Tx, orgId: string, jobId: string, interviewEnds: Date[]) {
  const [c] = await tx
    .insert(candidates)
    .values({ orgId, name: 'Prop Candidate', email: `${crypto.randomUUID()}@prop.example` })
    .returning({ id: candidates.id });
  const [a] = await tx.insert(applications).values({ orgId, candidateId: c!.id, jobId }).returning({ id: applications.id });
  const ids: string[] = [];
  for (const endsAt of interviewEnds) {
    const [i] = await tx
      .insert(interviews)
      .values({ orgId, applicationId: a!.id, candidateId: c!.id, startsAt: new Date(endsAt.getTime() - HOUR), endsAt, kind: 'video' })
      .returning({ id: interviews.id });
    ids.push(i!.id);
  }
  return { candidateId: c!.id, interviewIds: ids };
}

async function engagementOf(tx: Tx, candidateIds: string[]) {
  const list = sql.raw(candidateIds.map((id) => `'${id}'`).join(','));
  const cand = await queryRows(tx, sql`select to_jsonb(e) as row from candidate_engagement e where candidate_id in (${list}) order by candidate_id`);
  const intv = await queryRows(tx, sql`select to_jsonb(e) as row from interview_engagement e where candidate_id in (${list}) order by interview_id`);
  return JSON.stringify({ cand, intv });
}

const touch = (candidateId: string, kind: TouchKind, direction: Direction, occurredAt: Date, dedupeKey = crypto.randomUUID()) => ({
  candidateId,
  kind,
  direction,
  channel: 'manual' as const,
  occurredAt,
  dedupeKey,
});

describe('the touch ledger', () => {
  it('records a dedupe key once: the same key twice yields one touch and the same result', async () => {
    await withTenant(org.orgId, async (tx) => {
      const { candidateId } = await newCandidate(tx, org.orgId, org.jobId, []);
      const input = touch(candidateId, 'question', 'inbound', new Date(Date.now() - HOUR), 'webhook:evt_1');
      const first = await recordTouch({ tx, orgId: org.orgId }, input);
      const second = await recordTouch({ tx, orgId: org.orgId }, { ...input, body: 'different body, same event' });
      expect(first.created).toBe(true);
      expect(second.created).toBe(false);
      expect(second.touch.id).toBe(first.touch.id);
      const [row] = await queryRows<{ n: number; inbound: number }>(
        tx,
        sql`select (select count(*)::int from touches where candidate_id = ${candidateId}) as n, inbound_count as inbound from candidate_engagement where candidate_id = ${candidateId}`,
      );
      expect(row).toEqual({ n: 1, inbound: 1 });
    });
  });

  it('refuses a direction a kind cannot have, an unknown candidate and a time in the future', async () => {
    await withTenant(org.orgId, async (tx) => {
      await expect(recordTouch({ tx, orgId: org.orgId }, touch(org.candidateId, 'thank_you', 'outbound', new Date()))).rejects.toThrow(/thank-you note cannot be outbound/);
      await expect(recordTouch({ tx, orgId: org.orgId }, touch(crypto.randomUUID(), 'call', 'inbound', new Date()))).rejects.toThrow(/candidate does not exist/);
      await expect(recordTouch({ tx, orgId: org.orgId }, touch(org.candidateId, 'call', 'inbound', new Date(Date.now() + HOUR)))).rejects.toThrow('A touch cannot happen in the future.');
    });
  });

  it('attributes a touch to the latest interview whose window covers it, and decides who followed up', async () => {
    await withTenant(org.orgId, async (tx) => {
      const now = Date.now();
      const { candidateId, interviewIds } = await newCandidate(tx, org.orgId, org.jobId, [new Date(now - 20 * 24 * HOUR), new Date(now - 2 * 24 * HOUR)]);
      const [old, recent] = interviewIds;
      const open = await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'email_open', 'inbound', new Date(now - 47 * HOUR)));
      expect(open.touch.interview_id).toBe(recent);
      const thanks = await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'thank_you', 'inbound', new Date(now - 40 * HOUR)));
      expect(thanks.touch.interview_id).toBe(recent);
      const late = await recordTouch({ tx, orgId: org.orgId }, { ...touch(candidateId, 'question', 'inbound', new Date(now - 10 * 24 * HOUR)), interviewId: old });
      expect(late.touch.interview_id).toBe(old);

      const rows = await queryRows<{ interview_id: string; followed_up_at: Date | null; max_strength: number }>(
        tx,
        sql`select interview_id, followed_up_at, max_strength from interview_engagement where candidate_id = ${candidateId}`,
      );
      const byId = Object.fromEntries(rows.map((r) => [r.interview_id, r]));
      expect(byId[recent!]?.followed_up_at?.getTime()).toBe(now - 40 * HOUR);
      expect(byId[recent!]?.max_strength).toBe(4);
      // The question came 10 days after the old interview: outside its 7-day window.
      expect(byId[old!]?.followed_up_at).toBeNull();
    });
  });

  it('keeps who is waiting on a reply: questions wait until answered, later ones wait again', async () => {
    await withTenant(org.orgId, async (tx) => {
      const now = Date.now();
      const { candidateId } = await newCandidate(tx, org.orgId, org.jobId, []);
      const awaiting = async () =>
        (await queryRows<{ a: Date | null }>(tx, sql`select awaiting_reply_since as a from candidate_engagement where candidate_id = ${candidateId}`))[0]?.a ?? null;
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'question', 'inbound', new Date(now - 50 * HOUR)));
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'email_reply', 'inbound', new Date(now - 30 * HOUR)));
      expect((await awaiting())?.getTime()).toBe(now - 50 * HOUR);
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'note', 'outbound', new Date(now - 20 * HOUR)));
      expect((await awaiting())?.getTime()).toBe(now - 50 * HOUR);
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'call', 'outbound', new Date(now - 10 * HOUR)));
      expect(await awaiting()).toBeNull();
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'question', 'inbound', new Date(now - 5 * HOUR)));
      expect((await awaiting())?.getTime()).toBe(now - 5 * HOUR);
      // An answer recorded late, but timed before the newest question, leaves that question waiting.
      await recordTouch({ tx, orgId: org.orgId }, touch(candidateId, 'answer', 'outbound', new Date(now - 7 * HOUR)));
      expect((await awaiting())?.getTime()).toBe(now - 5 * HOUR);
    });
  });

  it('matches the rebuild from the ledger for random touches in random order, with duplicates', async () => {
    const kinds = TOUCH_KINDS.flatMap((kind) => TOUCH_RULES[kind].directions.map((direction) => ({ kind, direction })));
    const spec = fc.record({
      candidate: fc.nat({ max: 2 }),
      kindIndex: fc.nat({ max: kinds.length - 1 }),
      hoursAfter: fc.integer({ min: -48, max: 24 * 12 }),
      explicitInterview: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(spec, { minLength: 1, maxLength: 25 }), fc.array(fc.nat(), { maxLength: 10 }), fc.nat(), async (specs, dupPicks, seed) => {
        await withTenant(org.orgId, async (tx) => {
          const base = Date.now() - 14 * 24 * HOUR;
          const people: { candidateId: string; interviewIds: string[] }[] = [];
          for (let i = 0; i < 3; i++) people.push(await newCandidate(tx, org.orgId, org.jobId, [new Date(base), new Date(base + 3 * 24 * HOUR)]));
          const inputs = specs.map((s, i) => {
            const person = people[s.candidate]!;
            const { kind, direction } = kinds[s.kindIndex]!;
            return {
              ...touch(person.candidateId, kind, direction, new Date(base + s.hoursAfter * HOUR), `prop:${i}`),
              interviewId: s.explicitInterview ? person.interviewIds[s.hoursAfter % 2 === 0 ? 0 : 1] : undefined,
            };
          });
          const withDuplicates = [...inputs, ...dupPicks.map((p) => inputs[p % inputs.length]!)];
          const order = fc.sample(fc.shuffledSubarray(withDuplicates, { minLength: withDuplicates.length, maxLength: withDuplicates.length }), { numRuns: 1, seed })[0]!;
          for (const input of order) await recordTouch({ tx, orgId: org.orgId }, input);

          const ids = people.map((p) => p.candidateId);
          const incremental = await engagementOf(tx, ids);
          await rebuildEngagement({ tx, orgId: org.orgId, candidateIds: ids });
          expect(await engagementOf(tx, ids)).toBe(incremental);
          // Roll back so every run starts from the same ledger.
          throw new RollbackOk();
        }).catch((error: unknown) => {
          if (!(error instanceof RollbackOk)) throw error;
        });
      }),
      { numRuns: 30 },
    );
  });
});

class RollbackOk extends Error {}

describe('logging touches by hand and who may see what', () => {
  it('refuses a time in the future, a note that is too long, and a note without text; a retry records once', async () => {
    const caller = callerFor(org.recruiterId);
    const base = { orgSlug: org.slug, candidateId: org.candidateId, clientRequestId: crypto.randomUUID() };
    await expect(caller.touch.log({ ...base, kind: 'call', direction: 'outbound', occurredAt: new Date(Date.now() + 10 * 60_000) })).rejects.toThrow(
      'This time is in the future. Log what already happened.',
    );
    await expect(caller.touch.log({ ...base, kind: 'note', direction: 'outbound', occurredAt: new Date(), body: 'x'.repeat(5001) })).rejects.toThrow(/under 5000 characters/);
    await expect(caller.touch.log({ ...base, kind: 'note', direction: 'outbound', occurredAt: new Date() })).rejects.toThrow('A note needs some text.');
    const first = await caller.touch.log({ ...base, kind: 'call', direction: 'inbound', occurredAt: new Date(Date.now() - HOUR), body: 'Called about salary' });
    const again = await caller.touch.log({ ...base, kind: 'call', direction: 'inbound', occurredAt: new Date(Date.now() - HOUR), body: 'Called about salary' });
    expect(again.touch.id).toBe(first.touch.id);
    const timeline = await caller.touch.timeline({ orgSlug: org.slug, candidateId: org.candidateId });
    expect(timeline.items.filter((t) => t.body === 'Called about salary')).toHaveLength(1);
  });

  it('pages through a long timeline newest first, ties by id, every touch once, with who logged it', async () => {
    const caller = callerFor(org.ownerId);
    const person = await caller.candidate.create({ orgSlug: org.slug, name: 'Paged Person', email: `${crypto.randomUUID()}@paged.example` });
    const base = Date.now() - 48 * HOUR;
    // Three touches share a time: the page boundary must fall between them without losing or repeating one.
    const offsets = [0, 1, 2, 3, 4, 5, 5, 5, 6, 7, 8];
    for (const [i, offset] of offsets.entries()) {
      await caller.touch.log({
        orgSlug: org.slug,
        candidateId: person.id,
        clientRequestId: crypto.randomUUID(),
        kind: i % 2 ? 'call' : 'note',
        direction: 'outbound',
        occurredAt: new Date(base + offset * HOUR),
        body: `touch ${i}`,
      });
    }
    const expected = await withTenant(org.orgId, (tx) =>
      queryRows<{ id: string }>(tx, sql`select id from touches where org_id = ${org.orgId} and candidate_id = ${person.id} order by occurred_at desc, id desc`),
    );
    const [owner] = await withTenant(org.orgId, (tx) => queryRows<{ name: string }>(tx, sql`select coalesce(name, email) as name from users where id = ${org.ownerId}`));

    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: { occurredAt: Date; id: string } | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await caller.touch.timeline({ orgSlug: org.slug, candidateId: person.id, limit: 4, cursor });
      pages.push(page.items.length);
      for (const item of page.items) expect(item.actorName).toBe(owner!.name);
      seen.push(...page.items.map((t) => t.id));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(pages).toEqual([4, 4, 3]);
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('shows recruiters and viewers their teams only; admins see all; viewers change nothing', async () => {
    const other = await callerFor(org.ownerId).team.create({ orgSlug: org.slug, name: `Other ${crypto.randomUUID().slice(0, 4)}` });
    const secret = await callerFor(org.ownerId).candidate.create({ orgSlug: org.slug, name: 'Hidden Person', email: `${crypto.randomUUID()}@hidden.example`, teamId: other.id });
    const viewer = await createUser();
    await addMember(org.orgId, viewer.id, 'viewer');

    await expect(callerFor(org.recruiterId).candidate.get({ orgSlug: org.slug, candidateId: secret.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const recruiterList = await callerFor(org.recruiterId).candidate.list({ orgSlug: org.slug });
    expect(recruiterList.items.map((c) => c.id)).toContain(org.candidateId);
    expect(recruiterList.items.map((c) => c.id)).not.toContain(secret.id);
    await expect(callerFor(org.recruiterId).candidate.create({ orgSlug: org.slug, name: 'Sneaky', email: 'sneaky@example.com', teamId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const adminList = await callerFor(org.ownerId).candidate.list({ orgSlug: org.slug, query: 'hidden person' });
    expect(adminList.items.map((c) => c.id)).toEqual([secret.id]);

    await expect(callerFor(viewer.id).candidate.create({ orgSlug: org.slug, name: 'Nope', email: 'nope@example.com' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(
      callerFor(viewer.id).touch.log({ orgSlug: org.slug, candidateId: org.candidateId, kind: 'call', direction: 'outbound', occurredAt: new Date(), clientRequestId: crypto.randomUUID() }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('clears optional fields, refuses a duplicate email case-insensitively and an interview that ends before it starts', async () => {
    const owner = callerFor(org.ownerId);
    const email = `${crypto.randomUUID().slice(0, 8)}@dup.example`;
    const first = await owner.candidate.create({ orgSlug: org.slug, name: 'First', email, phone: '+44 20 7946 0000', source: 'Referral' });
    const cleared = await owner.candidate.update({ orgSlug: org.slug, candidateId: first.id, phone: '', source: null });
    expect(cleared).toMatchObject({ phone: null, source: null, name: 'First' });
    await expect(owner.candidate.create({ orgSlug: org.slug, name: 'Second', email: email.toUpperCase() })).rejects.toThrow(`A candidate with the email ${email} already exists in this agency.`);
    await expect(
      owner.interview.create({ orgSlug: org.slug, applicationId: org.applicationId, startsAt: new Date('2026-01-02T10:00:00Z'), endsAt: new Date('2026-01-02T09:00:00Z'), kind: 'phone' }),
    ).rejects.toThrow(/must end after it starts/);
  });

  it('paginates candidates by keyset without gaps or repeats', async () => {
    const owner = callerFor(org.ownerId);
    const tag = crypto.randomUUID().slice(0, 6);
    for (let i = 0; i < 7; i++) await owner.candidate.create({ orgSlug: org.slug, name: `Page ${tag} ${i}`, email: `p${i}-${tag}@page.example` });
    const seen: string[] = [];
    let cursor: { name: string; id: string } | undefined;
    do {
      const page = await owner.candidate.list({ orgSlug: org.slug, query: tag, limit: 3, cursor });
      seen.push(...page.items.map((c) => c.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `Page ${tag} ${i}`));
  });
});
