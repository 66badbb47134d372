import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type ExtractTablesWithRelations, type SQL } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { PgDialect, type PgDatabase, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePostgres, PostgresJsSession } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { env, redactUrl } from '@/server/env';

/*
 * Drizzle gets no schema: the app builds its queries from the table objects and never uses the
 * relational `db.query` API, which a schema would set up again for every transaction (one query
 * builder per table, allocated on every request).
 */
type NoSchema = Record<string, never>;
export type Db = PgDatabase<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
export type Tx = PgTransaction<PgQueryResultHKT, NoSchema, ExtractTablesWithRelations<NoSchema>>;
export type Executor = Db | Tx;

/** Plain SQL outside Drizzle, in the `{ rows }` shape node-postgres returns: what pg-boss expects. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface Database {
  kind: 'postgres' | 'pglite';
  db: Db;
  executeSql: ExecuteSql;
  /**
   * LISTENs on a channel on a connection of its own (postgres.js reconnects it and LISTENs again;
   * `onListen` runs after every (re)connect, so a caller can catch up on what it may have missed).
   */
  listen(channel: string, onPayload: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

/** A statement as Drizzle sent it: what the benchmark replays raw, with no application around it. */
export interface SentQuery {
  text: string;
  params: unknown[];
}

const recorder = globalThis as unknown as { __afterviewQueryRecorder?: (query: SentQuery) => void };

/**
 * Calls `record` with every statement Drizzle sends until the returned function stops it. For the
 * benchmark (its raw-SQL baseline); the app never sets it, so the logger below costs one check.
 */
export function recordQueries(record: (query: SentQuery) => void): () => void {
  recorder.__afterviewQueryRecorder = record;
  return () => {
    recorder.__afterviewQueryRecorder = undefined;
  };
}

const logger = {
  logQuery(text: string, params: unknown[]) {
    recorder.__afterviewQueryRecorder?.({ text, params });
  },
};

const CONNECTION_LOST = /^(CONNECTION_CLOSED|CONNECTION_DESTROYED|CONNECT_TIMEOUT|ECONNRESET|ECONNREFUSED|EPIPE|ETIMEDOUT|57P0[123]|08...)$/;

/** The server went away (terminated, restarting, unreachable), as opposed to a statement failing. */
export function isConnectionLost(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && CONNECTION_LOST.test(code)) return true;
  }
  return false;
}

type Scope = (sql: postgres.TransactionSql) => unknown;
interface TransactionState {
  /** The callback is running, so the driver still owes the transaction a COMMIT or a ROLLBACK. */
  running: boolean;
  /** Why the connection closed under the transaction; from then on nothing more may be sent. */
  lost: unknown;
}

const never = () => new Promise<never>(() => {});

/**
 * Settles like the callback, unless the connection closed under it: then never, so the driver
 * sends no COMMIT or ROLLBACK down the dead connection (its caller already has the error).
 */
async function settleUnlessLost(state: TransactionState, run: () => unknown, outermost: boolean): Promise<unknown> {
  try {
    const value = await run();
    if (state.lost) return never();
    if (outermost) state.running = false;
    return value;
  } catch (error) {
    // The driver fails the statement in flight just before it reports the closed connection.
    await new Promise((resolve) => setImmediate(resolve));
    if (state.lost) return never();
    if (outermost) state.running = false;
    throw error;
  }
}

type Unsafe = (text: string, params?: unknown[], options?: { prepare?: boolean }) => unknown;

/**
 * Drizzle sends every `db.execute(sql…)` with `prepare: false`, so Postgres would parse and plan
 * each statement on every call. Ours are fixed texts with `$n` parameters, so they are prepared
 * instead (a plan cache per connection; a plan stays valid across agencies because the policies
 * read the agency at execution time). Planning was most of the cost of the short tenant queries,
 * and the policies made it dearer: the candidate timeline's transaction took 2.1 ms unprepared and
 * 0.9 ms prepared (bench). Statements without parameters stay on the simple protocol, which may
 * hold several statements. `DATABASE_PREPARE=false` (a transaction pooler) turns it off.
 */
function preferPrepared(unsafe: Unsafe, prepare: boolean): Unsafe {
  return (text, params, options) => (params && params.length > 0 ? unsafe(text, params, { ...options, prepare }) : unsafe(text, params, options));
}

function guardScope(sql: postgres.TransactionSql, state: TransactionState, prepare: boolean): postgres.TransactionSql {
  const check = () => {
    if (state.lost) throw state.lost;
  };
  // Built once per scope, not on every `unsafe` access: Drizzle reaches for it for every statement.
  const unsafe = preferPrepared((sql.unsafe as Unsafe).bind(sql), prepare);
  const guardedUnsafe = (text: string, params?: unknown[], options?: { prepare?: boolean }) => {
    check();
    return unsafe(text, params, options);
  };
  return new Proxy(sql, {
    apply(target, self, args) {
      check();
      return Reflect.apply(target, self, args);
    },
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'unsafe') return guardedUnsafe;
      if (property === 'file') {
        return (...args: unknown[]) => {
          check();
          return (value as (...a: unknown[]) => unknown)(...args);
        };
      }
      if (property === 'savepoint') {
        return (nameOrFn: string | Scope, maybeFn?: Scope) => {
          check();
          const fn = typeof nameOrFn === 'function' ? nameOrFn : maybeFn!;
          const inner: Scope = (sp) => settleUnlessLost(state, () => fn(guardScope(sp, state, prepare)), false);
          return typeof nameOrFn === 'string' ? target.savepoint(nameOrFn, inner) : target.savepoint(inner);
        };
      }
      return value;
    },
  });
}

/**
 * postgres.js 3.4.9 mishandles a connection that dies inside a transaction (upstream issues
 * porsager/postgres#1208 and #1216, fixes pending in #1209 and #1215), as tests/faults showed:
 * the transaction's later statements, and the driver's own ROLLBACK, are written to the dead
 * connection, which throws an uncaught TypeError (the process dies) and leaves that pool slot
 * unable to reconnect; or, once the slot has reconnected for another caller, they run there
 * outside any transaction and without the tenant setting: a partial write. Here a transaction
 * whose connection closed sends nothing more. And a transaction that failed before it began (the
 * driver may hand a reconnected connection's first statement the previous backend's error) is
 * tried once more, which is safe because nothing ran.
 */
function guardTransactions(client: postgres.Sql, prepare: boolean): void {
  const begin = client.begin.bind(client) as (options: string, fn: Scope) => Promise<unknown>;
  const guarded = async (optionsOrFn: string | Scope, maybeFn?: Scope): Promise<unknown> => {
    const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn!;
    const options = typeof optionsOrFn === 'string' ? optionsOrFn : '';
    for (let attempt = 0; ; attempt += 1) {
      const state: TransactionState = { running: false, lost: null };
      let started = false;
      try {
        return await begin(options, (sql) => {
          started = state.running = true;
          return settleUnlessLost(state, () => fn(guardScope(sql, state, prepare)), true);
        });
      } catch (error) {
        // Still running: the driver gave up on the transaction because its connection closed.
        if (state.running) state.lost = error;
        // Not after a timeout, which would only double the wait.
        const timedOut = /TIMEOUT|TIMEDOUT/.test(String((error as { code?: unknown }).code));
        if (!started && attempt === 0 && isConnectionLost(error) && !timedOut) continue;
        throw error;
      }
    }
  };
  client.begin = guarded as typeof client.begin;
}

export type PostgresConfig = {
  kind: 'postgres';
  url: string;
  poolSize?: number;
  /** false through pgbouncer 1.18 in transaction mode: a statement prepared on one server connection is unknown on the next. */
  prepare?: boolean;
  /** A connection to the server itself (not through a transaction pooler), for LISTEN; defaults to `url`. */
  directUrl?: string;
};

/*
 * patches/postgres+3.4.9.patch (applied by patch-package on install) mends one more driver fault
 * that no wrapper can reach: tearing a connection down cancels its pending write without forgetting
 * it, so after the reconnect the startup message is never sent and the connection's first query
 * (a BEGIN) waits for the 30 s connect timeout. A write is pending at a close most often when a
 * prepared statement's first execution is under way, so the restart fault test hung 9 runs in 11
 * with prepared statements before the patch, and none since. Drop that part when the driver
 * resets `nextWriteTimer` itself (porsager/postgres#1209 and #1215 touch the same code).
 * The patch also makes Query's `Symbol.species` a data property instead of a getter (same value).
 * With the getter, the rows of settled queries survived young-generation collections here: a
 * timeline call promoted 27 KB to the old generation (3 KB with the patch), and scavenges took
 * 4.8 ms instead of 1.7 ms (`node --trace-gc-nvp`, 8,000 calls; see bench/RESULTS.md).
 */

/** postgres.js's reconnect curve, capped at 1 s rather than 20 s: a restarted server is used again at once. */
const reconnectBackoff = (failures: number) => (0.5 + Math.random() / 2) * Math.min(3 ** failures / 100, 1);

export function openDatabase(config: PostgresConfig | { kind: 'pglite'; dir: string }): Database {
  if (config.kind === 'postgres') {
    const prepare = config.prepare ?? true;
    const client = postgres(config.url, {
      max: config.poolSize ?? 10,
      prepare,
      onnotice: () => {},
      connection: { application_name: 'afterview' },
      // postgres.js waits between reconnection attempts up to 20 s, by a failure count the whole
      // pool shares: after a two-second restart its connections stayed away for up to 20 s
      // (tests/faults/restart.test.ts). Same curve, capped at a second.
      backoff: reconnectBackoff,
    });
    guardTransactions(client, prepare);
    client.unsafe = preferPrepared(client.unsafe.bind(client) as Unsafe, prepare) as typeof client.unsafe;
    const executeSql: ExecuteSql = async (text, values) => {
      let result: Record<string, unknown>[] | Record<string, unknown>[][];
      if (values && values.length > 0) {
        // node-postgres sends plain objects as JSON and undefined as NULL; postgres.js does neither.
        const params = values.map((v) =>
          v === undefined ? null : v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date) && !Buffer.isBuffer(v) ? JSON.stringify(v) : v,
        );
        result = (await client.unsafe(text, params as never[])) as unknown as Record<string, unknown>[];
      } else {
        // Without parameters postgres.js uses the simple protocol, which runs several statements; a
        // script with its own BEGIN/COMMIT (pg-boss's schema) needs a connection of its own.
        const reserved = await client.reserve();
        try {
          result = (await reserved.unsafe(text)) as unknown as Record<string, unknown>[] | Record<string, unknown>[][];
        } catch (error) {
          // A dead connection takes no ROLLBACK and must not go back to the pool: postgres.js would
          // write to its closed socket and crash the process (porsager/postgres#1208). The pool
          // reconnects that slot by itself.
          if (isConnectionLost(error)) throw error;
          // A script that fails after its BEGIN leaves the connection inside an aborted transaction;
          // back in the pool, it would fail every later query (25P02). Seen when two instances
          // install pg-boss's schema at the same moment.
          await reserved.unsafe('rollback').catch(() => {});
          reserved.release();
          throw error;
        }
        reserved.release();
      }
      const last = Array.isArray(result[0]) ? (result.at(-1) as Record<string, unknown>[]) : (result as Record<string, unknown>[]);
      return { rows: [...last] };
    };
    // A transaction pooler would run LISTEN on whichever server connection it lends, then lend that
    // connection to others: the notifications would never reach us. So LISTEN goes direct when it can.
    let listener: postgres.Sql | undefined;
    const listen: Database['listen'] = async (channel, onPayload, onListen) => {
      listener ??= config.directUrl ? postgres(config.directUrl, { max: 1, onnotice: () => {}, backoff: reconnectBackoff, connection: { application_name: 'afterview' } }) : client;
      const { unlisten } = await listener.listen(channel, onPayload, onListen);
      return unlisten;
    };
    const close = async () => {
      await Promise.all([client.end({ timeout: 5 }), listener !== client ? listener?.end({ timeout: 5 }) : undefined]);
    };
    return { kind: 'postgres', db: drizzlePostgres(client, { logger }) as unknown as Db, executeSql, listen, close };
  }
  const dir = config.dir.startsWith('memory://') ? config.dir : path.resolve(config.dir);
  if (!dir.startsWith('memory://')) mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  const executeSql: ExecuteSql = async (text, values) => {
    if (values && values.length > 0) return { rows: (await client.query<Record<string, unknown>>(text, values)).rows };
    // `exec` runs several statements in one call (pg-boss installs its schema that way); a script
    // that fails after its BEGIN must not leave the one embedded connection in an aborted transaction.
    const results = await client.exec(text).catch(async (error: unknown) => {
      await client.exec('rollback').catch(() => {});
      throw error;
    });
    return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
  };
  // One embedded connection: it hears its own NOTIFYs, after each transaction commits, in-process.
  const listen: Database['listen'] = async (channel, onPayload, onListen) => {
    const unlisten = await client.listen(channel, onPayload);
    onListen?.();
    return unlisten;
  };
  return { kind: 'pglite', db: drizzlePglite(client, { logger }) as unknown as Db, executeSql, listen, close: () => client.close() };
}

// One database per process. Next.js may evaluate this module in several bundles (RSC, route
// handlers, instrumentation): keeping it on globalThis stops a second PGlite opening the same files.
const holder = globalThis as unknown as { __afterviewDb?: Database };

export function database(): Database {
  if (!holder.__afterviewDb) {
    const e = env();
    holder.__afterviewDb = openDatabase(
      e.database.kind === 'postgres' ? { ...e.database, poolSize: e.DATABASE_POOL_SIZE, prepare: e.DATABASE_PREPARE, directUrl: e.DATABASE_DIRECT_URL } : e.database,
    );
  }
  return holder.__afterviewDb;
}

export function getDb(): Db {
  return database().db;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__afterviewDb;
  holder.__afterviewDb = undefined;
  await current?.close();
}

const TIMESTAMP_TYPES = new Set([1114, 1184]);

// Postgres's text form of a timestamptz under DateStyle ISO: "2026-11-25 10:00:00.123456+00", the
// offset with minutes, even seconds, when it has them ("+05:30", the LMT of 1900 "+05:53:28").
// A timestamp without time zone has no offset, and stays local time as `new Date` reads it.
const PG_TIMESTAMPTZ = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})?[+-]\d\d(?::\d\d){0,2}$/;
const digit = (s: string, i: number) => s.charCodeAt(i) - 48;
const twoDigits = (s: string, i: number) => digit(s, i) * 10 + digit(s, i + 1);

/** What Postgres wrote, as `new Date` reads it once made ISO 8601; text when it is no date at all. */
function toDateLoosely(value: string): Date | string {
  const date = new Date(value.replace(' ', 'T').replace(/([+-]\d\d)$/, '$1:00'));
  return Number.isNaN(date.getTime()) ? value : date;
}

/**
 * A timestamp's text as a Date, read by position once the pattern matched: this runs for every
 * timestamp of every raw row, and the ISO string built for `new Date` was most of what it
 * allocated. Other forms (infinity, BC, years under 100, other DateStyles) are read loosely.
 */
function toDate(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (!PG_TIMESTAMPTZ.test(value)) return toDateLoosely(value);
  const year = twoDigits(value, 0) * 100 + twoDigits(value, 2);
  // Date.UTC reads years 0–99 as 1900–1999.
  if (year < 100) return toDateLoosely(value);
  let i = 19;
  let ms = 0;
  if (value.charCodeAt(i) === 46 /* . */) {
    // Milliseconds from the first three digits of the fraction; a Date holds no finer.
    while (++i < value.length && value.charCodeAt(i) >= 48 && value.charCodeAt(i) <= 57) if (i < 23) ms = ms * 10 + digit(value, i);
    for (let missing = 23; missing > i; missing--) ms *= 10;
  }
  const sign = value.charCodeAt(i) === 45 /* - */ ? -1 : 1;
  const rest = value.length - i;
  const offsetSeconds = sign * (twoDigits(value, i + 1) * 3600 + (rest > 3 ? twoDigits(value, i + 4) * 60 : 0) + (rest > 6 ? twoDigits(value, i + 7) : 0));
  return new Date(Date.UTC(year, twoDigits(value, 5) - 1, twoDigits(value, 8), twoDigits(value, 11), twoDigits(value, 14), twoDigits(value, 17) - offsetSeconds, ms));
}

const dialect = new PgDialect();

/**
 * `exec.execute(query)`, but on postgres.js straight to the driver, as Drizzle itself would send it
 * (same text, parameters, logging and error): Drizzle's execute wraps each statement in four more
 * async layers (tracing spans, a result cache this app has none of) and a prepared-query object,
 * work that every raw statement of every request paid (bench: the candidate timeline).
 */
export async function execute(exec: Executor, query: SQL): Promise<unknown> {
  const session = exec._.session;
  if (!(session instanceof PostgresJsSession)) return exec.execute(query);
  const { sql: text, params } = dialect.sqlToQuery(query);
  logger.logQuery(text, params);
  try {
    // prepare: false as Drizzle sends it; preferPrepared prepares statements that have parameters.
    return await (session.client as postgres.Sql).unsafe(text, params as never[], { prepare: false });
  } catch (error) {
    throw new DrizzleQueryError(text, params, error as Error);
  }
}

/**
 * Raw SQL rows in one shape for both drivers (postgres.js returns an array, PGlite `{ rows }`),
 * with timestamps as Dates: drizzle asks both drivers for timestamps as text.
 */
export async function queryRows<T extends Record<string, unknown>>(exec: Executor, query: SQL): Promise<T[]> {
  const result = (await execute(exec, query)) as unknown as {
    rows?: Record<string, unknown>[];
    columns?: { name: string; type: number }[];
    fields?: { name: string; dataTypeID: number }[];
  };
  const rows = Array.isArray(result) ? (result as Record<string, unknown>[]) : (result.rows ?? []);
  const stamps: string[] = [];
  for (const c of result.columns ?? []) if (TIMESTAMP_TYPES.has(c.type)) stamps.push(c.name);
  for (const f of result.fields ?? []) if (TIMESTAMP_TYPES.has(f.dataTypeID)) stamps.push(f.name);
  if (stamps.length > 0) for (const row of rows) for (const name of stamps) row[name] = toDate(row[name]);
  return rows as T[];
}

// Fails fast with a message that names the setting, instead of a driver error on first request.
export async function checkConnection(): Promise<void> {
  const e = env();
  try {
    await queryRows(getDb(), sql`select 1 as ok`);
  } catch (error) {
    let root: unknown = error;
    while (root instanceof Error && root.cause) root = root.cause;
    const reason = root instanceof Error ? `${(root as { code?: string }).code ?? ''} ${root.message}`.trim() : String(root);
    if (e.database.kind === 'postgres') {
      throw new Error(`DATABASE_URL: cannot connect to ${redactUrl(e.database.url)} (${reason})`);
    }
    throw new Error(`PGLITE_DIR: cannot open the embedded database at ${e.database.dir} (${reason})`);
  }
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A uuid[] parameter. Drizzle spreads a JS array into a list of parameters, which cannot be cast
 * to an array (nor be empty), so the ids travel as one array literal instead.
 */
export function uuidArray(ids: readonly string[]): SQL {
  for (const id of ids) if (!UUID_RE.test(id)) throw new Error(`not a uuid: ${id}`);
  return sql`${`{${ids.join(',')}}`}::uuid[]`;
}

/**
 * A text[] parameter. Drizzle would spread an array into `$1, $2, …`, a statement text that changes
 * with the array's length, and so a new prepared statement for every length.
 */
export function textArray(values: readonly string[]): SQL {
  return sql`${`{${values.map((v) => `"${v.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[]`;
}

/** A timestamptz parameter: drizzle has postgres.js take timestamps as text, so Dates go as ISO strings. */
export function ts(date: Date | null | undefined): SQL {
  return date ? sql`${date.toISOString()}::timestamptz` : sql`null::timestamptz`;
}
