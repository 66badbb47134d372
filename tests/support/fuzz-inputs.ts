import fc from 'fast-check';
import { DASHBOARD_SORTS, SORT_ORDERS } from '@/server/services/dashboard/dashboard-view';
import { encodeCursor } from '@/server/services/dashboard/keyset';
import type { TenantFixture } from './fixtures';

/**
 * Input generators for the fuzz suite (tests/integration/fuzz.test.ts): values read off each
 * procedure's zod schema, so "almost valid" input reaches the service and its SQL, and hostile
 * values that have broken real apps (NUL bytes, dates Postgres cannot store, tampered cursors…).
 */

type Path = (string | number)[];
type Def = { type: string; [key: string]: unknown };
const defOf = (schema: unknown): Def => (schema as { _zod: { def: Def } })._zod.def;

export const NIL_UUID = '00000000-0000-0000-0000-000000000000';
export const MAX_UUID = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
export const HUGE = 'x'.repeat(100_000);

/** The ids of one agency that an input may name. */
export function idsOf(fx: TenantFixture): string[] {
  return [fx.orgId, fx.ownerId, fx.recruiterId, fx.teamId, fx.jobId, fx.candidateId, fx.applicationId, fx.interviewId, fx.touchId, fx.portalLinkId, fx.invitationId];
}

/** The top-level fields a procedure accepts: its input schemas are merged, as tRPC merges them. */
export function inputShape(inputs: unknown[]): Record<string, unknown> {
  const shape: Record<string, unknown> = {};
  const walk = (schema: unknown) => {
    const def = defOf(schema);
    if (def.type === 'object') Object.assign(shape, def.shape as Record<string, unknown>);
    else if (def.type === 'pipe') walk(def.in);
    else if (def.innerType) walk(def.innerType);
  };
  for (const input of inputs) walk(input);
  return shape;
}

// Days and instants around what Postgres and JavaScript can hold, and impossible calendar days.
const DAYS = ['2026-01-31', '1900-01-01', '2999-12-31', '2026-02-30', '0000-01-01', '9999-12-31', '2026-13-01'];
const INSTANTS = [
  '2026-01-01T10:00:00Z',
  '2026-02-30T10:00:00Z',
  '0000-01-01T00:00:00Z',
  '-000001-01-01T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '+275760-09-13T00:00:00.000Z',
  '1970-01-01T00:00:00Z',
  '2026-01-01T25:61:61Z',
  'yesterday',
];

const CURSOR_TAGS = ['audit', 'notifications', 'inbox', ...DASHBOARD_SORTS.flatMap((s) => SORT_ORDERS.map((o) => `dashboard:${s}:${o}`))];
const CURSOR_VALUES = [
  '2026-02-30T00:00:00.000000Z',
  '0000-01-01T00:00:00.000000Z',
  '9999-12-31T23:59:59.999999Z',
  '2026-01-01T24:00:00.000000Z',
  '999999999999999.999999999999',
  '-999999999',
  '999999999',
  'a\u0000b',
  '\uD800',
  "'; drop table touches; --",
  'x'.repeat(400),
];

/** Cursors a client could forge: the right base64 shape and tag, with a value the sort key cannot hold. */
export function forgedCursors(ids: string[]): fc.Arbitrary<string> {
  const values = fc.oneof(fc.constantFrom(...CURSOR_VALUES), fc.string({ maxLength: 40, unit: 'binary' }));
  return fc.oneof(
    fc.record({ tag: fc.constantFrom(...CURSOR_TAGS), value: fc.option(values, { nil: null }), id: fc.oneof(fc.constantFrom(...ids), fc.uuid()) }).map(({ tag, value, id }) => encodeCursor(tag, { value, id })),
    fc.constantFrom('', 'not-a-cursor', Buffer.from('{"t":"audit"}').toString('base64url'), Buffer.from('[]').toString('base64url'), Buffer.from('null').toString('base64url')),
  );
}

/** A value the schema should accept (or nearly: the generators ignore min/max checks). */
export function arbitraryFor(schema: unknown, ids: string[], key = ''): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  const inner = (s: unknown) => arbitraryFor(s, ids, key);
  switch (def.type) {
    case 'string':
      if (def.format === 'uuid' || def.format === 'guid') return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ids) }, { weight: 1, arbitrary: fc.uuid() });
      if (def.format === 'email') return fc.oneof(fc.emailAddress(), fc.constantFrom('victim-suppressed@example.com', 'person@example.com'));
      if (def.format === 'date') return fc.constantFrom(...DAYS);
      if (def.format === 'datetime') return fc.constantFrom(...INSTANTS);
      if (key === 'cursor') return forgedCursors(ids);
      if (key === 'csv') return fc.constantFrom('name,email\nA,a@example.com\n', 'name,email,team,job_title,client_company\nB,b@example.com,Fixture team,Fixture Engineer,Fixture Co\n');
      return fc.string({ maxLength: 30 });
    case 'number':
      return fc.integer({ min: 1, max: 60 });
    case 'bigint':
      return fc.bigInt();
    case 'boolean':
      return fc.boolean();
    case 'date':
      return fc.oneof(fc.date({ noInvalidDate: true }), fc.constantFrom(...INSTANTS));
    case 'enum':
      return fc.constantFrom(...Object.values(def.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(def.values as unknown[]));
    case 'null':
      return fc.constant(null);
    case 'undefined':
      return fc.constant(undefined);
    case 'object': {
      const shape = def.shape as Record<string, unknown>;
      return fc.record(Object.fromEntries(Object.entries(shape).map(([k, s]) => [k, arbitraryFor(s, ids, k)])), { requiredKeys: [] });
    }
    case 'array':
      return fc.array(inner(def.element), { maxLength: 3 });
    case 'record':
      return fc.dictionary(fc.string({ maxLength: 10 }), inner(def.valueType), { maxKeys: 3 });
    case 'union':
      return fc.oneof(...(def.options as unknown[]).map(inner));
    case 'optional':
    case 'default':
    case 'prefault':
      return fc.option(inner(def.innerType), { nil: undefined });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null });
    case 'pipe':
      return inner(def.in);
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    default:
      return fc.anything({ maxDepth: 2 });
  }
}

/** Unwraps optional, nullable, default and pipe: the schema that actually checks the value. */
function core(schema: unknown): Def {
  const def = defOf(schema);
  if (def.type === 'pipe') return core(def.in);
  if (['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return core(def.innerType);
  return def;
}

/** A plausible value for a schema, filled deterministically: the frame a sweep puts one bad value into. */
export function exampleFor(schema: unknown, ids: string[]): unknown {
  const def = core(schema);
  switch (def.type) {
    case 'string':
      if (def.format === 'uuid' || def.format === 'guid') return ids[0];
      if (def.format === 'email') return 'person@example.com';
      if (def.format === 'date') return '2026-01-31';
      if (def.format === 'datetime') return '2026-01-01T10:00:00Z';
      return 'text';
    case 'number':
      return 1;
    case 'boolean':
      return true;
    case 'date':
      return '2026-01-01T10:00:00Z';
    case 'enum':
      return Object.values(def.entries as Record<string, unknown>)[0];
    case 'literal':
      return (def.values as unknown[])[0];
    case 'object':
      return Object.fromEntries(Object.entries(def.shape as Record<string, unknown>).map(([k, s]) => [k, exampleFor(s, ids)]));
    case 'array':
      return [exampleFor(def.element, ids)];
    default:
      return null;
  }
}

export interface SchemaLeaf {
  path: Path;
  key: string;
  schema: unknown;
}

/** Every scalar a schema reads, nested objects and array items included (an array's first item stands for all). */
export function schemaLeaves(shape: Record<string, unknown>, prefix: Path = []): SchemaLeaf[] {
  return Object.entries(shape).flatMap(([key, schema]) => {
    const def = core(schema);
    if (def.type === 'object') return schemaLeaves(def.shape as Record<string, unknown>, [...prefix, key]);
    if (def.type === 'array') {
      const item = core(def.element);
      if (item.type === 'object') return schemaLeaves(item.shape as Record<string, unknown>, [...prefix, key, 0]);
      return [{ path: [...prefix, key, 0], key, schema: def.element }];
    }
    return [{ path: [...prefix, key], key, schema }];
  });
}

/** The values a sweep tries in one field, chosen by what the field holds. */
export function sweepValues(leaf: SchemaLeaf, current: unknown, ids: string[]): unknown[] {
  const def = core(leaf.schema);
  const text = typeof current === 'string' ? current : '';
  const encoded = [`${text}\u0000`, `${text}\uD800`];
  if (def.type === 'string' && leaf.key === 'cursor') return [...encoded, ...forgedCursorList(ids[0]!)];
  if (def.type === 'string' && def.format === 'date') return [...encoded, ...DAYS];
  if (def.type === 'string') return encoded;
  if (def.type === 'date') return [...INSTANTS, new Date(8.64e15), new Date(-8.64e15), 8.64e15, -8.64e15, '10000-01-01T00:00:00Z'];
  if (def.type === 'number') return [2 ** 31, -(2 ** 31) - 1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 1e308];
  return [];
}

/** Every tag with every troublesome value: a forged cursor for each sort key of each list. */
function forgedCursorList(id: string): string[] {
  return CURSOR_TAGS.flatMap((tag) => [...CURSOR_VALUES, null].map((value) => encodeCursor(tag, { value, id })));
}

/** Keys that have polluted prototypes or confused merges elsewhere. */
export const POLLUTING_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__'];

/** An object with these own properties, `__proto__` included (as JSON.parse makes it, unlike a literal). */
export function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
  return out;
}

function deeplyNested(depth: number, leaf: unknown): unknown {
  let value = leaf;
  for (let i = 0; i < depth; i++) value = i % 2 ? [value] : { a: value };
  return value;
}

/** One replacement for a field: wrong types, edge numbers, hostile strings, other agencies' ids. */
export function hostileValue(original: unknown, victimIds: string[], slugs: string[]): fc.Arbitrary<unknown> {
  const text = typeof original === 'string' ? original : 'text';
  const strings = fc.constantFrom(
    '',
    ' ',
    '\u0000',
    `${text}\u0000`,
    `\u0000${text}`,
    HUGE,
    `${text}${'é'.repeat(5000)}`,
    '\uD800',
    `${text}\uDFFF`,
    'Ω≈ç√∫˜µ≤≥÷ 田中さん 👩‍👩‍👧‍👦 \u202Etxet\u202C',
    "' or 1=1 --",
    "'; drop table candidates; --",
    '%',
    '_',
    '\\',
    '$1',
    '${7*7}',
    '<script>alert(1)</script>',
    'NaN',
    'Infinity',
    '-0',
    '1e309',
    '0x10',
    '9'.repeat(40),
    text.toUpperCase(),
    ` ${text} `,
    ...DAYS,
    ...INSTANTS,
    NIL_UUID,
    MAX_UUID,
    ...victimIds,
    ...victimIds.map((id) => id.toUpperCase()),
    ...slugs,
  );
  const numbers = fc.constantFrom(0, -1, -0, 1.5, 2 ** 31, 2 ** 53, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY);
  const others = fc.constantFrom<unknown>(
    null,
    undefined,
    true,
    false,
    10n,
    [],
    {},
    [original],
    { value: original },
    new Date(Number.NaN),
    new Date(8.64e15),
    new Date(-8.64e15),
    Array.from({ length: 1000 }, () => victimIds[0]),
    deeplyNested(500, original),
    ownObject([['__proto__', { isAdmin: true, orgSlug: slugs[0] }]]),
    Symbol('fuzz'),
    () => original,
  );
  return fc.oneof(
    { weight: 5, arbitrary: strings },
    { weight: 2, arbitrary: numbers },
    { weight: 2, arbitrary: others },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 50 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 20 }).map((s) => `${s}\u0000${s}`) },
    { weight: 1, arbitrary: fc.double() },
    { weight: 1, arbitrary: fc.uuid() },
  );
}

/** Every path to a value inside an input: the fields, and the items of arrays and nested objects. */
export function valuePaths(value: unknown, prefix: Path = []): Path[] {
  if (value === null || typeof value !== 'object' || value instanceof Date) return prefix.length ? [prefix] : [];
  const children = Array.isArray(value) ? value.map((_, i) => i) : Object.keys(value);
  const nested = children.flatMap((k) => valuePaths((value as Record<string | number, unknown>)[k], [...prefix, k]));
  return prefix.length ? [prefix, ...nested] : nested;
}

/** A copy of `value` with the value at `path` replaced. */
export function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  const copy = (Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) }) as Record<string | number, unknown>;
  // defineProperty, so that `__proto__` becomes an own field as a parsed request body has it.
  Object.defineProperty(copy, head!, { value: replaceAt(copy[head!], rest, replacement), enumerable: true, configurable: true, writable: true });
  return copy;
}

export function valueAt(value: unknown, path: Path): unknown {
  return path.reduce<unknown>((v, k) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[k]), value);
}

/** Short, printable form of an input for failure reports: long strings are cut, NULs shown. */
export function describeInput(value: unknown, cut = 80): string {
  const seen = new WeakSet();
  return JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'string') return v.length > cut ? `${v.slice(0, 40)}…(${v.length} chars)` : v;
    if (typeof v === 'bigint') return `${v}n`;
    if (typeof v === 'symbol' || typeof v === 'function') return String(v);
    if (v === undefined) return '<undefined>';
    if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString();
    if (v && typeof v === 'object') {
      if (seen.has(v)) return '<cycle>';
      seen.add(v);
    }
    return v;
  })?.replaceAll('\\u0000', '\\0') ?? String(value);
}
