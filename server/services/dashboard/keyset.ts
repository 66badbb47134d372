import { sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { SortOrder } from './dashboard-view';

/**
 * Keyset pagination: a page starts after the last row of the previous one, found by its sort value
 * and id, so deep pages cost what the first one does and rows written meanwhile neither repeat nor
 * vanish. The cursor is opaque to clients but validated here, so a tampered one gets words, not a
 * database error.
 */

export interface SortKey {
  /** The expression rows are ordered by. */
  expr: SQL;
  /** The same value as exact text, carried in the cursor (timestamps keep their microseconds). */
  text: SQL;
  /** The type the cursor's text is cast back to. */
  cast: 'timestamptz' | 'numeric' | 'int' | 'text';
  /** Nullable keys sort their nulls last in either direction. */
  nullable: boolean;
}

export interface KeysetPosition {
  value: string | null;
  id: string;
}

/** Exact text of a timestamptz, independent of the session's DateStyle and TimeZone. */
export function timestampText(expr: SQL): SQL {
  return sql`to_char(${expr} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** A real instant Postgres can read: JavaScript rolls 30 February over to March and accepts year 0; Postgres refuses both. */
function isTimestampText(v: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/.test(v) || v < '0001') return false;
  const instant = new Date(v);
  return !Number.isNaN(instant.getTime()) && instant.toISOString().slice(0, 23) === v.slice(0, 23);
}

const VALUE_SHAPES: Record<SortKey['cast'], (v: string) => boolean> = {
  timestamptz: isTimestampText,
  numeric: (v) => /^-?\d{1,15}(\.\d{1,12})?$/.test(v),
  int: (v) => /^-?\d{1,9}$/.test(v),
  // Postgres text cannot hold a NUL byte.
  text: (v) => v.length <= 400 && !v.includes('\u0000'),
};

const ZPayload = z.object({ t: z.string(), v: z.string().max(400).nullable(), id: z.uuid() });

export const ZCursor = z.string().max(1000, 'is not a valid page cursor; reload the list to start again');

export function encodeCursor(tag: string, position: KeysetPosition): string {
  return Buffer.from(JSON.stringify({ t: tag, v: position.value, id: position.id })).toString('base64url');
}

/** The position a cursor points at, or the reason it cannot be used with this sort. */
export function decodeCursor(cursor: string, tag: string, key: Pick<SortKey, 'cast' | 'nullable'>): KeysetPosition | { error: string } {
  let payload: z.infer<typeof ZPayload>;
  try {
    payload = ZPayload.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    return { error: 'is not a valid page cursor; reload the list to start again' };
  }
  if (payload.t !== tag) return { error: 'belongs to another sort order; reload the list to start again' };
  const valueOk = payload.v === null ? key.nullable : VALUE_SHAPES[key.cast](payload.v);
  if (!valueOk) return { error: 'is not a valid page cursor; reload the list to start again' };
  return { value: payload.v, id: payload.id };
}

export function keysetOrderBy(key: Pick<SortKey, 'nullable'> & { expr: SQL }, order: SortOrder, id: SQL): SQL {
  const dir = sql.raw(order);
  return key.nullable ? sql`${key.expr} ${dir} nulls last, ${id} ${dir}` : sql`${key.expr} ${dir}, ${id} ${dir}`;
}

/** Rows strictly after `position` in the order keysetOrderBy gives. */
export function keysetAfter(key: SortKey, order: SortOrder, id: SQL, position: KeysetPosition): SQL {
  const op = sql.raw(order === 'asc' ? '>' : '<');
  const lastId = sql`${position.id}::uuid`;
  if (position.value === null) return sql`(${key.expr} is null and ${id} ${op} ${lastId})`;
  const past = sql`(${key.expr}, ${id}) ${op} (${position.value}::${sql.raw(key.cast)}, ${lastId})`;
  return key.nullable ? sql`(${past} or ${key.expr} is null)` : past;
}

/**
 * The input of a list with one fixed order: an optional cursor (decoded, or a field error that
 * says what to do) and a page size between 1 and `max`.
 */
export function keysetPageInput({ tag, key, size, max }: { tag: string; key: Pick<SortKey, 'cast' | 'nullable'>; size: number; max: number }) {
  return z
    .object({
      cursor: ZCursor.nullish(),
      limit: z
        .number({ error: 'must be a number' })
        .int('must be a whole number')
        .min(1, 'must be at least 1')
        .max(max, `must be at most ${max}`)
        .default(size),
    })
    .transform(({ cursor, limit }, ctx) => {
      if (!cursor) return { limit, after: null };
      const after = decodeCursor(cursor, tag, key);
      if ('error' in after) {
        ctx.addIssue({ code: 'custom', message: after.error, path: ['cursor'] });
        return z.NEVER;
      }
      return { limit, after };
    });
}
