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

describe('queryRows', () => {
  // Postgres prints a timestamptz in the session's zone, with whatever offset that zone had then:
  // hours only, hours and minutes, or (local mean time, before 1900s standard time) seconds too.
  const zones = ['UTC', 'Asia/Kolkata', 'America/St_Johns', 'Pacific/Chatham', 'America/Los_Angeles', 'Asia/Kathmandu', 'Africa/Monrovia'];
  const instants = [
    '2026-11-25 10:00:00+00',
    '2026-11-25 10:00:00.123456+00',
    '2026-11-25 10:00:00.9999+00',
    '2024-02-29 23:59:59.5+00',
    '2026-03-29 01:30:00+00',
    '1900-01-01 00:00:00+00',
    '1850-06-01 12:00:00+00',
    '2999-12-31 23:59:59.999+00',
  ];

  it('reads every timestamptz as the instant Postgres meant, in any session time zone', async () => {
    for (const zone of zones) {
      const rows = await getDb().transaction(async (tx) => {
        await tx.execute(sql`select set_config('timezone', ${zone}, true)`);
        return queryRows<{ at: Date; text: string; ms: string }>(
          tx,
          sql`select at, at::text as text, floor(extract(epoch from at) * 1000)::bigint::text as ms from unnest(${`{${instants.join(',')}}`}::timestamptz[]) as x(at)`,
        );
      });
      expect(rows).toHaveLength(instants.length);
      for (const row of rows) {
        expect(row.at, `${zone}: ${row.text}`).toBeInstanceOf(Date);
        expect(row.at.getTime(), `${zone}: ${row.text}`).toBe(Number(row.ms));
      }
    }
  });

  it('leaves what is not a finite timestamp as Postgres wrote it', async () => {
    const [row] = await queryRows<{ inf: unknown; minus: unknown; none: unknown; bc: unknown }>(
      getDb(),
      sql`select 'infinity'::timestamptz as inf, '-infinity'::timestamptz as minus, null::timestamptz as none, '0044-03-15 12:00:00+00 BC'::timestamptz as bc`,
    );
    expect(row).toEqual({ inf: 'infinity', minus: '-infinity', none: null, bc: expect.stringMatching(/ BC$/) });
  });
});
