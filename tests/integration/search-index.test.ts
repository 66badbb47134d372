import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, queryRows } from '@/db/client';
import { SYSTEM_ROLE, withTenant } from '@/db/tenant';
import { createTenant } from '../support/fixtures';

describe('candidate search', () => {
  it('searches through a function that returns only the calling agency’s candidates', async () => {
    const a = await createTenant('SearchA');
    const b = await createTenant('SearchB');
    const found = await withTenant(a.orgId, (tx) => queryRows<{ id: string }>(tx, sql`select id from afterview_search_candidate_ids('%candidate%')`));
    expect(found.map((r) => r.id)).toEqual([a.candidateId]);
    expect(found.map((r) => r.id)).not.toContain(b.candidateId);
    const none = await getDb().transaction(async (tx) => {
      await tx.execute(sql`select set_config('role', 'afterview_tenant', true)`);
      return queryRows(tx, sql`select id from afterview_search_candidate_ids('%%')`);
    });
    expect(none).toEqual([]);
  });

  it('needs the function: under RLS the trigram index cannot serve LIKE, as afterview_system it can', async () => {
    const org = await createTenant('SearchIdx');
    const planAs = (role: string) =>
      getDb().transaction(async (tx) => {
        await tx.execute(sql`select set_config('app.org_id', ${org.orgId}, true), set_config('role', ${role}, true)`);
        // With plain scans off, only an index whose condition matches can be used.
        await tx.execute(sql`set local enable_seqscan = off`);
        await tx.execute(sql`set local enable_indexscan = off`);
        const rows = await queryRows<Record<string, string>>(tx, sql`explain select c.id from candidates c where lower(c.name || ' ' || c.email) like '%nair%'`);
        return rows.map((row) => Object.values(row).join(' ')).join('\n');
      });
    expect(await planAs(SYSTEM_ROLE)).toContain('Index Cond: (lower(((name');
    expect(await planAs(SYSTEM_ROLE)).toContain('candidates_search_idx');
    expect(await planAs('afterview_tenant')).not.toContain('candidates_search_idx');
  });
});
