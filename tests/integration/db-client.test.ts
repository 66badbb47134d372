import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { sql } from 'drizzle-orm';
import { getDb, openDatabase, queryRows, textArray } from '@/db/client';

// pg-boss installs its schema as one script with its own BEGIN/COMMIT, through executeSql.
describe('executeSql, when a multi-statement script fails inside its transaction', () => {
  it('rolls it back, so the connection serves the next query instead of failing with 25P02', async () => {
    const url = inject('databaseUrl');
    // One connection, so the next query surely gets the one the script used.
    const db = url ? openDatabase({ kind: 'postgres', url, poolSize: 1 }) : openDatabase({ kind: 'pglite', dir: 'memory://' });
    try {
      await expect(db.executeSql('begin; select 1; select 1 / 0; commit;')).rejects.toThrow(/division by zero/);
      const { rows } = await db.executeSql('select $1::int as answer', [42]);
      expect(rows).toEqual([{ answer: 42 }]);
      const [state] = (await db.executeSql('select 1 as ok;')).rows;
      expect(state).toEqual({ ok: 1 });
    } finally {
      await db.close();
    }
  });
});

describe('textArray', () => {
  it('carries any text through as one array parameter, in order', async () => {
    const values = ['plain', 'with, comma', 'with "quotes"', 'back\\slash', '{braces}', ' spaced ', '', 'NULL', 'ünïcödé'];
    const rows = await queryRows<{ v: string; n: string }>(getDb(), sql`select v, n::text from unnest(${textArray(values)}) with ordinality as x(v, n)`);
    expect(rows.map((r) => r.v)).toEqual(values);
    const [match] = await queryRows<{ hit: boolean }>(getDb(), sql`select 'with, comma' = any(${textArray(values)}) as hit`);
    expect(match!.hit).toBe(true);
    const [none] = await queryRows<{ n: number }>(getDb(), sql`select cardinality(${textArray([])})::int as n`);
    expect(none!.n).toBe(0);
  });
});
