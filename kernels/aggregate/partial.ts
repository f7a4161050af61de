/** One morsel's partial aggregate: its groups (keys, hashes, first rows, merge-bucket order) and agg states. */
import type { Vec } from '../vec.js';
import { BUCKETS, bucketOf } from '../hash/hash.js';
import { groupRows } from '../hash/groups.js';
import type { KeyLayout } from '../hash/keys.js';
import type { RowContext } from './kernel.js';
import { aggKernel, gathersValues } from './index.js';
import type { AggKernelSpec, AggState } from './state.js';

/**
 * The groups of one morsel with one state per aggregation. Groups are numbered bucket by bucket
 * (stable, so each bucket keeps first-appearance order): bucket b is the contiguous range
 * `[bucketStart[b], bucketStart[b + 1])`, which a bucket merge reads sequentially. Everything is
 * shared memory, so a partial goes to any thread by reference.
 */
export interface GroupPartial {
  readonly kind: 'hash';
  readonly groups: number;
  readonly width: number;
  readonly words: Int32Array;
  readonly hashes: Int32Array;
  /** Global input row of each group's first appearance (ascending within a bucket). */
  readonly firstRow: Int32Array;
  readonly bucketStart: Int32Array;
  readonly states: AggState[];
  /** Rough merge cost: groups plus gathered values. */
  readonly weight: number;
}

/** Inputs of one aggregation for a batch: its first and (for corr) second argument. */
export interface AggInputs {
  readonly a: Vec | null;
  readonly b: Vec | null;
}

/**
 * Group rows [0, rows) of a batch by `keys` and fold every aggregation over them.
 *
 * @example
 * const p = buildPartial([id1], layout, [{ op: 'sum', kind: 'i32' }], [{ a: v1, b: null }], rows, { rowBase: 0, sel: null });
 * p.groups; // distinct id1 values in the batch
 */
export function buildPartial(
  keys: readonly Vec[],
  layout: KeyLayout,
  aggs: readonly AggKernelSpec[],
  inputs: readonly AggInputs[],
  rows: number,
  ctx: RowContext,
): GroupPartial {
  const local = groupRows(keys, layout, rows);
  const n = local.count;
  const W = layout.width;
  const sel = ctx.sel;
  const { rank, ...groups } = numberByBucket(
    n,
    W,
    local.hashes,
    local.words,
    (g) => g,
    (g) => {
      const fr = local.firstRow[g]!;
      return ctx.rowBase + (sel === null ? fr : sel[fr]!);
    },
  );
  const gids = local.gids;
  if (n > 1) for (let i = 0; i < rows; i++) gids[i] = rank[gids[i]!]!;
  let weight = n;
  const states = aggs.map((spec, k) => {
    const kernel = aggKernel(spec);
    const s = kernel.init(spec, n);
    const input = inputs[k]!;
    kernel.update(spec, s, input.a, input.b, gids, rows, ctx);
    if (gathersValues(spec.op)) for (const part of s.parts) weight += part.offsets[n]!;
    return s;
  });
  return { kind: 'hash', groups: n, width: W, ...groups, states, weight };
}

/** The group arrays of a partial, renumbered bucket by bucket; `rank[g]` is group g's new number. */
export interface BucketNumbering {
  readonly words: Int32Array;
  readonly hashes: Int32Array;
  readonly firstRow: Int32Array;
  readonly bucketStart: Int32Array;
  readonly rank: Int32Array;
}

/**
 * Number `n` groups bucket-major with a stable counting sort, so each bucket is one contiguous,
 * first-appearance-ordered range, and lay out their keys, hashes and first rows in one shared
 * buffer. Group g has hash `hashOf[g]`, key words `keyWords[keyOf(g) * width ...]` and first row
 * `firstOf(g)`.
 *
 * @example
 * const { rank, ...groups } = numberByBucket(n, width, hashes, words, (g) => g, (g) => firstRow[g]);
 */
export function numberByBucket(
  n: number,
  width: number,
  hashOf: Int32Array,
  keyWords: Int32Array,
  keyOf: (g: number) => number,
  firstOf: (g: number) => number,
): BucketNumbering {
  const W = width;
  const buf = new SharedArrayBuffer(4 * (n * W + 2 * n + BUCKETS + 1));
  let at = 0;
  const take = (len: number): Int32Array => {
    const a = new Int32Array(buf, at * 4, len);
    at += len;
    return a;
  };
  const words = take(n * W);
  const hashes = take(n);
  const firstRow = take(n);
  const bucketStart = take(BUCKETS + 1);
  for (let g = 0; g < n; g++) bucketStart[bucketOf(hashOf[g]!) + 1]!++;
  for (let b = 0; b < BUCKETS; b++) bucketStart[b + 1]! += bucketStart[b]!;
  const cursor = bucketStart.slice(0, BUCKETS);
  const rank = new Int32Array(n);
  for (let g = 0; g < n; g++) {
    const r = cursor[bucketOf(hashOf[g]!)]!++;
    rank[g] = r;
    hashes[r] = hashOf[g]!;
    firstRow[r] = firstOf(g);
    const k = keyOf(g) * W;
    for (let w = 0; w < W; w++) words[r * W + w] = keyWords[k + w]!;
  }
  return { words, hashes, firstRow, bucketStart, rank };
}
