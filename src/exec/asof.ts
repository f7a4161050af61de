/**
 * The as-of join over two materialized sides, on the calling thread: the `by` columns packed and
 * matched as `join` packs them (a table of the right side's groups, the left rows looked up in
 * it), both sides' rows split into those groups in row order, the sort order checked, then one
 * forward merge per group. Everything depends on the rows only, so the answer is the same for
 * every thread count and morsel size.
 */
import { makeKeyLayout } from '../../kernels/hash/keys.js';
import { asofMatch, firstUnsorted, keysInGroupOrder, type AsofGroups, type AsofKeys } from '../../kernels/join/asof.js';
import { takeRows } from '../../kernels/join/gather.js';
import { buildJoinTable, directSlots, groupByKey, joinKeys, lookupKeys, type JoinKeys } from '../../kernels/join/index.js';
import type { PhysicalPlan } from '../physical/plan.js';
import { AsofSortError, asofColumns } from '../plan/asof.js';
import { Table } from '../table/table.js';
import type { Vec } from '../../kernels/vec.js';
import type { ExecContext } from './context.js';
import { storedVec } from './join-keys.js';
import { keyPair, pairBounds, toColumn } from './join.js';

type AsofOp = Extract<PhysicalPlan, { op: 'asof' }>;

/**
 * Runs an as-of join: the left side, then the right, then the join itself.
 *
 * @example
 * const t = await runAsof(ctx, physicalAsof);
 */
export async function runAsof(ctx: ExecContext, p: AsofOp): Promise<Table> {
  const left = await ctx.run(p.left);
  const right = await ctx.run(p.right);
  return asofTables(left, right, p);
}

/** 1 where both the key and every `by` column are non-null: only such rows take part. */
function bothValid(a: Uint8Array | null, b: Uint8Array | null, n: number): Uint8Array | null {
  if (a === null) return b;
  if (b === null) return a;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = a[i]! & b[i]!;
  return out;
}

/** The rows with a valid key, as one group. */
function oneGroup(valid: Uint8Array | null, n: number): AsofGroups {
  if (valid === null) {
    const rows = new Int32Array(n);
    for (let i = 0; i < n; i++) rows[i] = i;
    return { offsets: Int32Array.of(0, n), rows };
  }
  let count = 0;
  for (let i = 0; i < n; i++) count += valid[i]!;
  const rows = new Int32Array(count);
  for (let i = 0, o = 0; i < n; i++) if (valid[i] === 1) rows[o++] = i;
  return { offsets: Int32Array.of(0, count), rows };
}

/**
 * Both sides' rows in groups of equal `by` values (group ids: the right side's distinct values),
 * rows with a null key or `by` value in none.
 */
function byGroups(left: Table, right: Table, p: AsofOp, lOn: Vec, rOn: Vec): { left: AsofGroups; right: AsofGroups } {
  if (p.byLeft.length === 0) return { left: oneGroup(lOn.valid, left.height), right: oneGroup(rOn.valid, right.height) };
  const pairs = p.byLeft.map((l, i) => keyPair(left.getColumn(l), right.getColumn(p.byRight[i]!)));
  const layout = makeKeyLayout(
    pairs.map((k) => k.left.kind),
    pairs.map((k) => k.left.valid !== null || k.right.valid !== null),
    pairs.map(pairBounds),
  );
  const keysOf = (side: 'left' | 'right', on: Vec, height: number): JoinKeys => {
    const keys = joinKeys(
      pairs.map((k) => k[side]),
      layout,
      height,
    );
    return { ...keys, valid: bothValid(keys.valid, on.valid, height) };
  };
  const table = buildJoinTable(keysOf('right', rOn, right.height), { directSlots: directSlots(layout) });
  const ids = lookupKeys(table, keysOf('left', lOn, left.height));
  return { left: groupByKey(ids, null, table.keyCount), right: { offsets: table.offsets, rows: table.rows } };
}

/** A side's keys in group order; the key column itself when its one group is every row. */
function groupOrder(keys: Vec, groups: AsofGroups): AsofKeys {
  const values = keys.values as AsofKeys;
  return groups.rows.length === keys.length && groups.offsets.length === 2 ? values : keysInGroupOrder(values, groups.rows);
}

function requireSorted(table: Table, column: string, keys: AsofKeys, groups: AsofGroups, side: 'left' | 'right', grouped: boolean): void {
  const bad = firstUnsorted(keys, groups);
  if (bad === null) return;
  const show = (row: number): string => String(table.getColumn(column).get(row));
  const within = grouped ? ' within its by group' : '';
  throw new AsofSortError(
    side,
    column,
    bad.row,
    `joinAsof() needs the ${side} side sorted by "${column}"${within}, but row ${bad.row} (${show(bad.row)}) comes after row ${bad.previous} (${show(bad.previous)}); sort it first, or pass checkSorted: false if it is sorted`,
  );
}

/**
 * As-of joins two materialized tables as `p` says: every left row once, in order, with its
 * matched right row's columns (nulls where none matched).
 *
 * @example
 * asofTables(trades, quotes, { op: 'asof', leftOn: 'time', rightOn: 'time', byLeft: ['sym'], byRight: ['sym'], strategy: 'backward', ... });
 */
export function asofTables(left: Table, right: Table, p: AsofOp): Table {
  const on = keyPair(left.getColumn(p.leftOn), right.getColumn(p.rightOn));
  const groups = byGroups(left, right, p, on.left, on.right);
  const lk = groupOrder(on.left, groups.left);
  const rk = groupOrder(on.right, groups.right);
  if (p.checkSorted) {
    const grouped = p.byLeft.length > 0;
    requireSorted(left, p.leftOn, lk, groups.left, 'left', grouped);
    requireSorted(right, p.rightOn, rk, groups.right, 'right', grouped);
  }
  const match = asofMatch(lk, rk, groups.left, groups.right, left.height, p);
  const columns = asofColumns(left.schema, right.schema, p).map((c) => {
    const column = (c.side === 'left' ? left : right).getColumn(c.source);
    if (c.side === 'left') return column.rename(c.name);
    const source = storedVec(column);
    return toColumn(c.name, c.dtype, takeRows(source.vec, match), source.dictionary);
  });
  return new Table(columns);
}
