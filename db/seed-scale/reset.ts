import { sql } from 'drizzle-orm';
import { execute, queryRows, type Tx } from '../client';
import { scaleEmailSql, SCALE_SLUG_SQL } from './options';

export interface ScaleAgency extends Record<string, unknown> {
  id: string;
  slug: string;
}

export async function findScaleAgencies(tx: Tx): Promise<ScaleAgency[]> {
  return queryRows<ScaleAgency>(tx, sql.raw(`select id::text as id, slug from organizations where ${SCALE_SLUG_SQL} order by slug`));
}

const idList = (ids: string[]) => `array[${ids.map((id) => `'${id}'`).join(', ')}]::uuid[]`;

/**
 * Deletes the scale agencies, then the people who belonged to nothing else. With triggers off
 * (replica mode) no cascade runs, so every tenant table is emptied of those agencies explicitly
 * (found in the catalog, like the migrations' RLS helper finds them), and so is every reference
 * to the deleted users; with triggers on, the foreign keys' own cascades do it.
 */
export async function deleteScaleAgencies(tx: Tx, agencies: ScaleAgency[], replica: boolean): Promise<{ users: number }> {
  if (agencies.length > 0) {
    const ids = idList(agencies.map((a) => a.id));
    if (replica) {
      const tables = await queryRows<{ name: string }>(
        tx,
        sql`select c.relname as name from pg_class c
            join pg_namespace n on n.oid = c.relnamespace
            join pg_attribute a on a.attrelid = c.oid and a.attname = 'org_id' and not a.attisdropped
            where n.nspname = 'public' and c.relkind in ('r', 'p') order by c.relname`,
      );
      for (const { name } of tables) await execute(tx, sql.raw(`delete from "${name}" where org_id = any(${ids})`));
    }
    await execute(tx, sql.raw(`delete from organizations where id = any(${ids})`));
  }

  await execute(tx, 
    sql.raw(`
      create temp table scale_gone_users on commit drop as
      select u.id from users u where ${scaleEmailSql('u.email')}
        and not exists (select 1 from memberships m where m.user_id = u.id)`),
  );
  if (replica) {
    const refs = await queryRows<{ tbl: string; col: string; action: string }>(
      tx,
      sql`select c.conrelid::regclass::text as tbl, a.attname as col, c.confdeltype::text as action
          from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          where c.contype = 'f' and c.confrelid = 'users'::regclass and cardinality(c.conkey) = 1
          order by 1, 2`,
    );
    // Someone kept by a restricting key stays: deleting them would leave a dangling reference.
    for (const ref of refs.filter((r) => r.action === 'a' || r.action === 'r')) {
      await execute(tx, sql.raw(`delete from scale_gone_users g where exists (select 1 from ${ref.tbl} x where x."${ref.col}" = g.id)`));
    }
    for (const ref of refs) {
      if (ref.action === 'c') await execute(tx, sql.raw(`delete from ${ref.tbl} where "${ref.col}" in (select id from scale_gone_users)`));
      if (ref.action === 'n' || ref.action === 'd') {
        await execute(tx, sql.raw(`update ${ref.tbl} set "${ref.col}" = null where "${ref.col}" in (select id from scale_gone_users)`));
      }
    }
  }
  const [gone] = await queryRows<{ n: number }>(tx, sql`with d as (delete from users where id in (select id from scale_gone_users) returning 1) select count(*)::int as n from d`);
  return { users: gone?.n ?? 0 };
}
