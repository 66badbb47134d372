import { describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { openDatabase } from '@/db/client';

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
