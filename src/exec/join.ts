/**
 * The hash join over two materialized sides, on the calling thread: both sides' keys cast to one
 * type and packed with one layout, a table built on one side, the other probed, and the output
 * gathered by row index. Everything here depends on the rows only, so the answer is the same for
 * every thread count and morsel size.
 */
import { vecToChunk } from '../../kernels/convert.js';
import { castKey } from '../../kernels/join/cast.js';
import { makeKeyLayout, type KeyBounds } from '../../kernels/hash/keys.js';
import { coalesceVecs, takeRows } from '../../kernels/join/gather.js';
import {
  buildJoinTable,
  directSlots,
  joinKeys,
  keyRowCount,
  probeJoin,
  probeMask,
  unmatchedBuildRows,
  type JoinKeys,
  type JoinTable,
} from '../../kernels/join/index.js';
import { JOIN_SMALL_ROWS, OUTPUT_CHUNK } from '../../kernels/tuning.js';
import type { Vec } from '../../kernels/vec.js';
import type { PhysicalPlan } from '../physical/plan.js';
import { JoinValidationError } from '../plan/errors.js';
import { joinColumns } from '../plan/join.js';
import { Column } from '../table/column.js';
import type { ChunkData } from '../table/chunk.js';
import type { Dictionary } from '../table/dictionary.js';
import { Table } from '../table/table.js';
import type { DataType } from '../types/dtype.js';
import { InvalidArgumentError } from '../errors.js';
import type { ExecContext } from './context.js';
import { columnVec, keyPlan, storedVec } from './join-keys.js';
import { joinInParallel } from './join-parallel.js';

type JoinOp = Extract<PhysicalPlan, { op: 'join' }>;

/** Most output rows a join can index (Int32 row indexes). */
const MAX_JOIN_ROWS = 2 ** 31 - 1;

/**
 * Runs a join: the left side, then the right, then the join itself. A small join (both sides
 * together at most JOIN_SMALL_ROWS rows), a cross join and a join that validates its keys run
 * here on the calling thread; any other runs as tasks (on the pool when there are threads):
 * build, probe morsels, gather per morsel. The strategy depends on the sizes only, never on the
 * thread count, and both strategies give the same rows in the same order.
 *
 * @example
 * const t = await runJoin(ctx, physicalJoin);
 */
export async function runJoin(ctx: ExecContext, p: JoinOp): Promise<Table> {
  const t0 = performance.now();
  const left = await ctx.run(p.left);
  const right = await ctx.run(p.right);
  if (!joinsOnCallingThread(p, left.height, right.height)) return joinInParallel(ctx, left, right, p, performance.now() - t0);
  return joinTables(left, right, p);
}

/**
 * Whether a join runs on the calling thread: cross joins, joins that validate their keys, and
 * joins whose sides hold at most JOIN_SMALL_ROWS rows together, where a pool round costs more
 * than the join.
 *
 * @example
 * joinsOnCallingThread({ how: 'inner', validate: 'm:m', ... }, 100, 100); // true
 */
export function joinsOnCallingThread(p: Pick<JoinOp, 'how' | 'validate'>, leftRows: number, rightRows: number): boolean {
  return p.how === 'cross' || p.validate !== 'm:m' || leftRows + rightRows <= JOIN_SMALL_ROWS;
}

/** One key pair cast to the type they compare as; Utf8 right codes renumbered into a dictionary that extends the left one. */
export interface KeyPair {
  readonly left: Vec;
  readonly right: Vec;
  readonly dtype: DataType;
  /** For Utf8 keys: the left dictionary followed by the right-only values, which both sides' codes index. */
  readonly dictionary: Dictionary | null;
}

/**
 * Both sides of one key as vectors of the type they compare as (Utf8: codes of one dictionary).
 *
 * @example
 * keyPair(left.getColumn('id'), right.getColumn('id')).dtype; // 'Int64' for Int32 against Int64
 */
export function keyPair(left: Column, right: Column): KeyPair {
  const plan = keyPlan(left, right);
  return {
    left: castKey(columnVec(left), plan.left),
    right: castKey(columnVec(right), plan.right),
    dtype: plan.dtype,
    dictionary: plan.dictionary,
  };
}

function describeKey(table: Table, names: readonly string[], row: number): string {
  return names
    .map((n) => {
      const v = table.getColumn(n).get(row);
      return `${n}=${typeof v === 'string' ? JSON.stringify(v) : String(v)}`;
    })
    .join(', ');
}

/** Throws when a key id of `built` holds more than one row of `table`. */
function requireUnique(built: JoinTable, table: Table, names: readonly string[], side: 'left' | 'right'): void {
  for (let k = 0; k < built.keyCount; k++) {
    if (keyRowCount(built, k) <= 1) continue;
    const key = describeKey(table, names, built.rows[built.offsets[k]!]!);
    throw new JoinValidationError(side, key, `join() validation failed: the ${side} key (${key}) occurs more than once`);
  }
}

/** Left and right row per output row (-1: no row on that side). */
interface RowPairs {
  readonly left: Int32Array;
  readonly right: Int32Array | null;
}

function pairRows(p: JoinOp, leftKeys: JoinKeys, rightKeys: JoinKeys, leftHeight: number, rightHeight: number, tables: Tables): RowPairs {
  switch (p.how) {
    case 'cross': {
      // row indexes are Int32: a product past that is refused up front rather than failing mid-gather
      if (leftHeight * rightHeight > MAX_JOIN_ROWS)
        throw new InvalidArgumentError(
          'how',
          'cross',
          `a cross join of ${leftHeight} by ${rightHeight} rows would give ${leftHeight * rightHeight} rows, more than ${MAX_JOIN_ROWS}`,
        );
      const left = new Int32Array(leftHeight * rightHeight);
      const right = new Int32Array(leftHeight * rightHeight);
      for (let i = 0, o = 0; i < leftHeight; i++)
        for (let j = 0; j < rightHeight; j++, o++) {
          left[o] = i;
          right[o] = j;
        }
      return { left, right };
    }
    case 'semi':
    case 'anti': {
      const mask = probeMask(tables.right(), leftKeys, p.how);
      let count = 0;
      for (let i = 0; i < mask.length; i++) count += mask[i]!;
      const left = new Int32Array(count);
      for (let i = 0, o = 0; i < mask.length; i++) if (mask[i] === 1) left[o++] = i;
      return { left, right: null };
    }
    case 'inner':
    case 'left': {
      const pairs = probeJoin(tables.right(), leftKeys, p.how);
      return { left: pairs.probe, right: pairs.build };
    }
    case 'right': {
      const pairs = probeJoin(tables.left(), rightKeys, 'left');
      return { left: pairs.build, right: pairs.probe };
    }
    case 'full': {
      const matched = new Uint8Array(rightHeight);
      const pairs = probeJoin(tables.right(), leftKeys, 'left', { matched });
      const rest = unmatchedBuildRows(matched);
      const left = new Int32Array(pairs.length + rest.length).fill(-1);
      left.set(pairs.probe);
      const right = new Int32Array(pairs.length + rest.length);
      right.set(pairs.build);
      right.set(rest, pairs.length);
      return { left, right };
    }
  }
}

/** Each side's join table, built at most once, on first use. */
interface Tables {
  left(): JoinTable;
  right(): JoinTable;
}

function lazyTable(keys: JoinKeys, slots: number): () => JoinTable {
  let t: JoinTable | null = null;
  return () => (t ??= buildJoinTable(keys, { directSlots: slots }));
}

/**
 * [min, max] of the valid values of both sides of an i32 or bool key, so small integer keys and
 * dictionary codes pack as the group-by packs them (and index a direct table when they fit);
 * null for the wider kinds, which take the generic layout.
 *
 * @example
 * pairBounds(keyPair(left.getColumn('code'), right.getColumn('code'))); // [0, 99]
 */
export function pairBounds(pair: KeyPair): KeyBounds {
  if (pair.left.kind === 'bool') return [0, 1];
  if (pair.left.kind !== 'i32') return null;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const v of [pair.left, pair.right]) {
    const values = v.values as Int32Array;
    const valid = v.valid;
    for (let i = 0; i < v.length; i++) {
      if (valid !== null && valid[i] === 0) continue;
      const x = values[i]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
  }
  return lo > hi ? [0, 0] : [lo, hi];
}

/**
 * A vector as a column in output-sized chunks.
 *
 * @example
 * toColumn('v', 'Int32', vec, null).length === vec.length; // true
 */
export function toColumn(name: string, dtype: DataType, vec: Vec, dictionary: Dictionary | null): Column {
  const chunks: ChunkData[] = [];
  for (let s = 0; s < vec.length; s += OUTPUT_CHUNK) {
    const e = Math.min(vec.length, s + OUTPUT_CHUNK);
    const piece: Vec =
      s === 0 && e === vec.length
        ? vec
        : { kind: vec.kind, length: e - s, values: vec.values.subarray(s, e), valid: vec.valid === null ? null : vec.valid.subarray(s, e) };
    chunks.push(vecToChunk(piece) as ChunkData);
  }
  if (chunks.length === 0) chunks.push(vecToChunk({ ...vec, length: 0 }) as ChunkData);
  return new Column(name, dtype, chunks, dtype === 'Utf8' ? dictionary : null);
}

/**
 * Joins two materialized tables as `p` says; the output rows are ordered as the README's Joins
 * section documents.
 *
 * @example
 * joinTables(left, right, { op: 'join', how: 'inner', leftOn: ['id'], rightOn: ['id'], ... });
 */
export function joinTables(left: Table, right: Table, p: JoinOp): Table {
  const pairsOfKeys = p.leftOn.map((l, i) => keyPair(left.getColumn(l), right.getColumn(p.rightOn[i]!)));
  const kinds = pairsOfKeys.map((k) => k.left.kind);
  const nullable = pairsOfKeys.map((k) => k.left.valid !== null || k.right.valid !== null);
  const layout = makeKeyLayout(kinds, nullable, pairsOfKeys.map(pairBounds));
  const slots = directSlots(layout);
  const leftKeys = joinKeys(
    pairsOfKeys.map((k) => k.left),
    layout,
    left.height,
  );
  const rightKeys = joinKeys(
    pairsOfKeys.map((k) => k.right),
    layout,
    right.height,
  );
  const tables: Tables = { left: lazyTable(leftKeys, slots), right: lazyTable(rightKeys, slots) };
  if (p.validate === '1:1' || p.validate === '1:m') requireUnique(tables.left(), left, p.leftOn, 'left');
  if (p.validate === '1:1' || p.validate === 'm:1') requireUnique(tables.right(), right, p.rightOn, 'right');
  const rows = pairRows(p, leftKeys, rightKeys, left.height, right.height, tables);
  const columns = joinColumns(left.schema, right.schema, p).map((c) => {
    if (c.side === 'coalesced') {
      const k = pairsOfKeys[c.key]!;
      const vec = coalesceVecs(takeRows(k.left, rows.left), takeRows(k.right, rows.right!));
      return toColumn(c.name, c.dtype, vec, k.dictionary);
    }
    const source = storedVec((c.side === 'left' ? left : right).getColumn(c.source));
    return toColumn(c.name, c.dtype, takeRows(source.vec, c.side === 'left' ? rows.left : rows.right!), source.dictionary);
  });
  return new Table(columns);
}
