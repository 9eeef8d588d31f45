import { asc, desc, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { decodeCursor, encodeCursor } from './cursor.js';

type Key = string | number | Date;

/**
 * Keyset pagination over (sort column, id): stable under inserts, O(page) at any depth.
 * `decode` turns the cursor's stored value back into the column's type.
 */
export function keyset(opts: { col: AnyColumn; id: AnyColumn; dir: 'asc' | 'desc'; cursor?: string; decode?: (v: string) => Key }) {
  const { col, id, dir } = opts;
  let where: SQL | undefined;
  if (opts.cursor) {
    const c = decodeCursor(opts.cursor, ['v', 'id']);
    const v = opts.decode ? opts.decode(String(c.v)) : c.v;
    // A row comparison, not (col < v OR col = v AND id < c): Postgres turns the row form into
    // an index condition, so page 100 costs what page 1 costs.
    where = dir === 'asc' ? sql`(${col}, ${id}) > (${v}, ${c.id})` : sql`(${col}, ${id}) < (${v}, ${c.id})`;
  }
  const orderBy = dir === 'asc' ? [asc(col), asc(id)] : [desc(col), desc(id)];
  const next = <R>(rowsOut: R[], limit: number, key: (r: R) => { v: Key; id: string }) => {
    if (rowsOut.length <= limit) return null;
    const last = key(rowsOut[limit - 1]!);
    return encodeCursor({ v: last.v instanceof Date ? last.v.toISOString() : last.v, id: last.id });
  };
  return { where, orderBy, next };
}

export const asDate = (v: string) => {
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) throw new Error('bad date');
  return d;
};
