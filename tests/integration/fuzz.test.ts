import fc from 'fast-check';
import { TRPCError, type AnyProcedure } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopListening } from '@/server/realtime/hub';
import { createContextForUser } from '@/server/trpc/context';
import { ZOrgScopedInput } from '@/server/trpc/init';
import { appRouter, createCaller } from '@/server/trpc/root';
import { createTenant, snapshotTenant, type TenantFixture } from '../support/fixtures';
import {
  arbitraryFor,
  describeInput,
  exampleFor,
  hostileValue,
  idsOf,
  inputShape,
  ownObject,
  POLLUTING_KEYS,
  replaceAt,
  schemaLeaves,
  sweepValues,
  valueAt,
  valuePaths,
} from '../support/fuzz-inputs';
import { attackInputs } from '../support/procedure-inputs';

/**
 * Every procedure of the app router, called by the owner of one agency with random and malformed
 * input: nothing may answer with a 500 (or throw something that is not a TRPCError), and the other
 * agency's rows must stay exactly as they were. Each procedure's seed derives from the run's seed
 * (printed first), so a failure comes back with the same FUZZ_SEED and FUZZ_RUNS:
 * FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npx vitest run --project integration tests/integration/fuzz.test.ts
 */

const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_260_901;
const RUNS = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 40;
/** FUZZ_COLLECT=1 lists each kind of failure the random runs meet once, instead of stopping and shrinking at the first. */
const COLLECT = Boolean(process.env.FUZZ_COLLECT);
const UUIDS = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;

const procedures = Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>).sort(([a], [b]) => a.localeCompare(b));
const isOrgScoped = (p: AnyProcedure) => (p._def.inputs as unknown[]).includes(ZOrgScopedInput);

/** One seed per procedure, stable when procedures are added elsewhere in the router. */
function seedFor(path: string): number {
  let hash = 0x811c9dc5;
  for (const ch of path) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (SEED ^ hash) | 0;
}

let victim: TenantFixture;
/** Queries share one attacking agency; each mutation gets a fresh one, so one that removes or demotes its owner cannot blunt the rest. */
let sharedAttacker: TenantFixture;
let victimBefore: string;
let started: number;
const tally = new Map<string, { calls: number; outcomes: Record<string, number> }>();

beforeAll(async () => {
  started = Date.now();
  victim = await createTenant('FuzzVictim');
  sharedAttacker = await createTenant('FuzzAttacker');
  victimBefore = await snapshotTenant(victim.orgId);
  console.log(`fuzz: seed ${SEED}, ${RUNS} runs per procedure (set FUZZ_SEED / FUZZ_RUNS to change)`);
});

afterAll(async () => {
  await stopListening();
  const calls = [...tally.values()].reduce((n, t) => n + t.calls, 0);
  const outcomes: Record<string, number> = {};
  for (const t of tally.values()) for (const [k, n] of Object.entries(t.outcomes)) outcomes[k] = (outcomes[k] ?? 0) + n;
  console.log(`fuzz: ${tally.size} procedures, ${calls} calls in ${((Date.now() - started) / 1000).toFixed(1)} s; outcomes ${JSON.stringify(outcomes)}`);
});

function target(userId: string, path: string, signal?: AbortSignal): (input: unknown) => Promise<unknown> {
  let fn: unknown = createCaller(createContextForUser(userId), { signal });
  for (const key of path.split('.')) fn = (fn as Record<string, unknown>)[key];
  return fn as (input: unknown) => Promise<unknown>;
}

/** One line per kind of failure: what went wrong at the root, and in which query, without the ids that vary. */
function kindOf(problem: string): string {
  const causes = problem.split(' <- ');
  const query = /Failed query: (.{0,90})/s.exec(problem)?.[1]?.replace(/\s+/g, ' ');
  return `${causes[0]!.split(':')[0]}: ${causes.at(-1)}${query ? ` [in: ${query}…]` : ''}`.replace(UUIDS, '<id>').replace(/fuzz\w+-[0-9a-f]{8}/g, '<slug>');
}

function describeError(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const err = e as { name?: string; code?: string; message?: string };
    parts.push(`${err.name ?? typeof e}${err.code ? ` ${err.code}` : ''}: ${String(err.message ?? e).slice(0, 300)}`);
  }
  return parts.join(' <- ');
}

/** A subscription that started: read what it sends for a moment, then hang up as a browser would. */
async function drain(stream: unknown, controller: AbortController): Promise<unknown> {
  const iterator = (stream as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const timer = setTimeout(() => controller.abort(), 30);
  const seen: unknown[] = [];
  try {
    for (let next = await iterator.next(); !next.done && seen.length < 5; next = await iterator.next()) seen.push(next.value);
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
    await iterator.return?.().catch(() => {});
  }
  return seen;
}

/** Calls one procedure and says what is wrong with the outcome, or null when nothing is. */
async function probe(path: string, procedure: AnyProcedure, userId: string, input: unknown): Promise<string | null> {
  const stats = tally.get(path) ?? { calls: 0, outcomes: {} };
  tally.set(path, stats);
  stats.calls++;
  const controller = new AbortController();
  let outcome: { ok: true; value: unknown } | { ok: false; error: unknown };
  try {
    let value = await target(userId, path, controller.signal)(input);
    if (procedure._def.type === 'subscription') value = await drain(value, controller);
    outcome = { ok: true, value };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    controller.abort();
  }
  const label = outcome.ok ? 'ok' : outcome.error instanceof TRPCError ? outcome.error.code : 'non-TRPCError';
  stats.outcomes[label] = (stats.outcomes[label] ?? 0) + 1;

  if (!outcome.ok) {
    if (!(outcome.error instanceof TRPCError)) return `threw something that is not a TRPCError: ${describeError(outcome.error)}`;
    if (outcome.error.code === 'INTERNAL_SERVER_ERROR') return `answered INTERNAL_SERVER_ERROR: ${describeError(outcome.error)}`;
    return null;
  }
  const slug = (input as { orgSlug?: unknown } | null)?.orgSlug;
  if (isOrgScoped(procedure) && typeof slug === 'string' && slug.trim().toLowerCase() === victim.slug) {
    return 'succeeded in the other agency, of which the caller is not a member';
  }
  // A result may echo what the caller sent (lower-cased, say); anything else of the victim's in it is a leak.
  const sent = describeInput(input, Infinity).toLowerCase();
  const received = JSON.stringify(outcome.value ?? null, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
  for (const secret of [...idsOf(victim), victim.candidateName, victim.portalToken]) {
    if (received.includes(secret) && !sent.includes(secret.toLowerCase())) return `revealed the other agency's ${secret}`;
  }
  return null;
}

function inputsFor(path: string, procedure: AnyProcedure, home: TenantFixture): fc.Arbitrary<unknown> {
  const inputs = procedure._def.inputs as unknown[];
  const shape = inputShape(inputs);
  const keys = Object.keys(shape);
  const victimIds = idsOf(victim);
  const slugs = [home.slug, victim.slug];
  const orgScoped = isOrgScoped(procedure);
  const withSlug = (value: Record<string, unknown>, slug: string) => (orgScoped ? { ...value, orgSlug: slug } : value);

  // A valid input with some optional fields filled from the schema, and at most one given field regenerated.
  const filled = (base: Record<string, unknown>, ids: string[]) =>
    fc
      .tuple(fc.record(Object.fromEntries(keys.map((k) => [k, arbitraryFor(shape[k], ids, k)])), { requiredKeys: [] }), fc.option(fc.constantFrom(...Object.keys(base), '-'), { nil: null }))
      .map(([generated, regenerate]) => {
        const out: Record<string, unknown> = { ...base };
        for (const [k, v] of Object.entries(generated)) if (!(k in base) || k === regenerate) out[k] = v;
        return out;
      });
  // ...then one or two of its values (or new fields, prototype keys included) replaced by hostile ones.
  const mutated = (base: Record<string, unknown>, ids: string[], slug: fc.Arbitrary<string>) =>
    fc.tuple(filled(base, ids), slug).chain(([value, s]) => {
      const start = withSlug(value, s);
      const paths = [...valuePaths(start), ...POLLUTING_KEYS.map((k) => [k]), ['unexpectedField']];
      const mutation = fc.constantFrom(...paths).chain((p) => hostileValue(valueAt(start, p), victimIds, slugs).map((h) => [p, h] as const));
      return fc.array(mutation, { minLength: 1, maxLength: 2 }).map((ms) => ms.reduce<unknown>((acc, [p, h]) => replaceAt(acc, p, h), start));
    });

  const victimBase = attackInputs(victim)[path] ?? {};
  const ownBase = attackInputs(home)[path] ?? {};
  const keyArb = fc.oneof(fc.constantFrom(...keys, ...POLLUTING_KEYS, 'orgSlug'), fc.string({ maxLength: 12 }));
  return fc.oneof(
    { weight: 1, arbitrary: fc.anything({ maxDepth: 3, withBigInt: true, withDate: true, withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withSparseArray: true }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.array(fc.tuple(keyArb, fc.jsonValue({ maxDepth: 3 })), { maxLength: 6 }), fc.constantFrom(...slugs))
        .map(([entries, slug]) => ownObject(orgScoped ? [['orgSlug', slug], ...entries] : entries)),
    },
    { weight: 1, arbitrary: filled(ownBase, idsOf(home)).map((v) => withSlug(v, home.slug)) },
    { weight: 4, arbitrary: mutated(ownBase, idsOf(home), fc.constant(home.slug)) },
    { weight: 3, arbitrary: mutated(victimBase, victimIds, fc.constant(home.slug)) },
    { weight: 1, arbitrary: mutated(victimBase, victimIds, fc.constant(victim.slug)) },
  );
}

/**
 * Not left to chance: each field of a valid input, one at a time, gets a NUL byte and a lone
 * surrogate (text), out-of-range instants (dates), impossible days, forged cursors and numbers past
 * 32 bits. Once with the caller's own ids, once with the other agency's.
 */
function sweepInputs(path: string, procedure: AnyProcedure, home: TenantFixture): unknown[] {
  const shape = inputShape(procedure._def.inputs as unknown[]);
  const orgScoped = isOrgScoped(procedure);
  const out: unknown[] = [];
  for (const fx of [home, victim]) {
    const ids = idsOf(fx);
    const base = { ...(attackInputs(fx)[path] ?? {}), ...(orgScoped ? { orgSlug: home.slug } : {}) };
    for (const leaf of schemaLeaves(shape)) {
      const top = leaf.path[0] as string;
      const frame = top in base ? base : { ...base, [top]: exampleFor(shape[top], ids) };
      // An array field the valid input left empty gets an item to replace.
      const start = leaf.path.length > 1 && valueAt(frame, leaf.path.slice(0, -1)) === undefined ? replaceAt(frame, [top], exampleFor(shape[top], ids)) : frame;
      for (const bad of sweepValues(leaf, valueAt(start, leaf.path), ids)) out.push(replaceAt(start, leaf.path, bad));
    }
  }
  return out;
}

describe('fuzzing every tRPC procedure', () => {
  it('covers every procedure of the app router', () => {
    expect(procedures.length).toBeGreaterThan(50);
  });

  it.each(procedures.map(([path, procedure]) => [path, procedure] as const))(
    '%s: random and malformed input never gets a 500 and never changes the other agency',
    async (path, procedure) => {
      const home = procedure._def.type === 'mutation' ? await createTenant('FuzzHome') : sharedAttacker;
      // The sweep lists every kind of failure; the random runs stop at the first and shrink it.
      const found = new Map<string, string>();
      for (const input of sweepInputs(path, procedure, home)) {
        const problem = await probe(path, procedure, home.ownerId, input);
        if (problem && !found.has(kindOf(problem))) found.set(kindOf(problem), describeInput(input));
      }
      const failures = [...found].map(([kind, input]) => `${path} ${kind}\n  input: ${input}`);
      await fc
        .assert(
          fc.asyncProperty(inputsFor(path, procedure, home), async (input) => {
            const problem = await probe(path, procedure, home.ownerId, input);
            if (!problem) return;
            if (!COLLECT) throw new Error(kindOf(problem));
            if (!found.has(kindOf(problem))) failures.push(`${path} ${kindOf(problem)}\n  input: ${describeInput(input)}`);
            found.set(kindOf(problem), '');
          }),
          {
            seed: seedFor(path),
            numRuns: RUNS,
            reporter(details) {
              if (!details.failed) return;
              const error = details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
              throw new Error(
                `${path} ${error}\n  input: ${describeInput(details.counterexample?.[0])}\n` +
                  `  (random run: seed ${details.seed}, path "${details.counterexamplePath}", ${details.numShrinks} shrinks)`,
              );
            },
          },
        )
        .catch((error: Error) => failures.push(error.message));
      expect.soft(await snapshotTenant(victim.orgId), `${path} changed the other agency`).toBe(victimBefore);
      expect(failures.join('\n')).toBe('');
    },
    120_000,
  );

  it('left the other agency exactly as it was', async () => {
    expect(await snapshotTenant(victim.orgId)).toBe(victimBefore);
  });
});
