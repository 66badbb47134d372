import type { SentQuery } from '@/db/client';

/** What a call sent, split back into the transactions it ran, so it can be replayed as it happened. */

export interface Transaction {
  /** The `set_config('app.org_id', …)` that opened it (withTenant / unsafeWithSystemRole), or null outside one. */
  setup: SentQuery | null;
  statements: SentQuery[];
}

const SETUP = /^\s*select set_config\('app\.org_id'/i;

/** Drizzle's BEGIN/COMMIT are not recorded, but every transaction of the app opens with its tenant setup. */
export function groupTransactions(queries: readonly SentQuery[]): Transaction[] {
  const groups: Transaction[] = [];
  for (const query of queries) {
    if (SETUP.test(query.text)) groups.push({ setup: query, statements: [] });
    else if (groups.length === 0) groups.push({ setup: null, statements: [query] });
    else groups.at(-1)!.statements.push(query);
  }
  return groups;
}

/** The role a transaction's setup switches to ('afterview_tenant', 'afterview_system'), if any. */
export function setupRole(tx: Transaction): string | null {
  const role = tx.setup?.params[1];
  return typeof role === 'string' && role !== '' ? role : null;
}

export interface SeqScan {
  table: string;
  /** How many rows the planner expected it to read. */
  rows: number;
}

/** Every Seq Scan on one of `tables` anywhere in an EXPLAIN (FORMAT JSON) result, sub-plans included. */
export function findSeqScans(plan: unknown, tables: ReadonlySet<string>): SeqScan[] {
  const found: SeqScan[] = [];
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    const n = node as Record<string, unknown>;
    const table = n['Relation Name'];
    if (n['Node Type'] === 'Seq Scan' && typeof table === 'string' && tables.has(table)) {
      found.push({ table, rows: Number(n['Plan Rows'] ?? 0) });
    }
    Object.values(n).forEach(visit);
  };
  visit(plan);
  return found;
}
