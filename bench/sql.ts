import type postgres from 'postgres';
import type { SentQuery } from '@/db/client';
import { TENANT_ROLE } from '@/db/tenant';
import { findSeqScans, setupRole, type SeqScan, type Transaction } from './plan';

/**
 * The raw side of the comparison: the statements the app sent, sent again by a bare postgres.js
 * client with nothing around them — no tRPC, no zod, no Drizzle, no row mapping.
 */

export type Raw = postgres.Sql;

// Prepared when they have parameters, as the app sends them (db/client.ts `preferPrepared`).
const run = (sql: Raw | postgres.TransactionSql, q: SentQuery, options: { prepare: boolean } = { prepare: q.params.length > 0 }) => sql.unsafe(q.text, q.params as never[], options);

/** Each transaction as the app ran it: its own BEGIN, the same tenant setup, the same statements. */
export async function replay(raw: Raw, txs: readonly Transaction[]): Promise<void> {
  for (const tx of txs) {
    if (!tx.setup) {
      for (const q of tx.statements) await run(raw, q);
      continue;
    }
    const setup = tx.setup;
    await raw.begin(async (t) => {
      await run(t, setup);
      for (const q of tx.statements) await run(t, q);
    });
  }
}

/** A statement that becomes the tenant mid-transaction (`unsafeWithMemberTenant`'s lookup). */
const switchesToTenant = (q: SentQuery) => q.params.includes(TENANT_ROLE);

/** Transactions that run as a tenant: opened as one (`withTenant`) or entered by slug (org procedures). */
export function tenantTransactions(txs: readonly Transaction[]): Transaction[] {
  return txs.filter((tx) => setupRole(tx) === TENANT_ROLE || tx.statements.some(switchesToTenant));
}

/**
 * The same tenant transactions with the role switch left out: the connection stays the table
 * owner (a superuser), which row-level security does not apply to. The org setting stays, so
 * nothing that reads it changes.
 */
export function asOwner(txs: readonly Transaction[], orgId: string): Transaction[] {
  // 'none' is SET ROLE NONE: the statement that would switch to the tenant role stays the owner.
  const owner = (q: SentQuery): SentQuery => (switchesToTenant(q) ? { ...q, params: q.params.map((p) => (p === TENANT_ROLE ? 'none' : p)) } : q);
  return txs.map((tx) => ({ setup: { text: "select set_config('app.org_id', $1, true)", params: [orgId] }, statements: tx.statements.map(owner) }));
}

/** Tables with an org_id column, with the planner's estimate of their size (from the last ANALYZE). */
export async function tenantTables(raw: Raw): Promise<Map<string, number>> {
  const rows = await raw<{ table_name: string; rows: number }[]>`
    select c.relname as table_name, greatest(c.reltuples, 0)::float8 as rows from pg_class c
    where c.relnamespace = 'public'::regnamespace and c.relkind in ('r', 'p')
      and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped)`;
  return new Map(rows.map((r) => [r.table_name, r.rows]));
}

export interface SeqScanFinding extends SeqScan {
  statement: string;
  /** Rows in the whole table: a scan of a handful of rows is the planner's right choice, not a missing index. */
  tableRows: number;
}

/** EXPLAIN of every read statement of the tenant transactions, as the tenant role plans it. */
export async function explainSeqScans(raw: Raw, txs: readonly Transaction[], tables: ReadonlyMap<string, number>): Promise<SeqScanFinding[]> {
  const names = new Set(tables.keys());
  const findings: SeqScanFinding[] = [];
  for (const tx of txs) {
    const setup = tx.setup;
    if (!setup) continue;
    await raw.begin(async (t) => {
      await run(t, setup);
      for (const q of tx.statements) {
        if (!/^\s*(select|with)\b/i.test(q.text)) continue;
        const [row] = await run(t, { text: `explain (format json) ${q.text}`, params: q.params }, { prepare: false });
        const scans = findSeqScans(row?.['QUERY PLAN'], names);
        findings.push(...scans.map((s) => ({ ...s, tableRows: tables.get(s.table) ?? 0, statement: q.text.replace(/\s+/g, ' ').trim() })));
        // Run for real too, so the statements after it are planned as the tenant, as in the app.
        if (switchesToTenant(q)) await run(t, q);
      }
    });
  }
  return findings;
}
