/** The one state shape every aggregation uses: per-group typed arrays plus gathered lists, all plain data. */
import type { VecKind } from '../vec.js';
import type { AggKernelFn } from '../ir.js';

/** Aggregations the kernels run: the user-facing ones plus row-selecting ones behind head/unique. */
export type AggOp = AggKernelFn | 'headRows' | 'topN';

/**
 * What one aggregation computes, with its input kinds fixed by the planner.
 *
 * @example
 * const spec: AggKernelSpec = { op: 'sum', kind: 'i32' };          // Int32 in, Int64 out
 * const q: AggKernelSpec = { op: 'quantile', kind: 'f64', q: 0.9 };
 */
export interface AggKernelSpec {
  readonly op: AggOp;
  /** Kind of the input vector (null for `len`). */
  readonly kind: VecKind | null;
  /** Kind of the second input (`corr`). */
  readonly kind2?: VecKind | null;
  /** Quantile in [0, 1] for `quantile`. */
  readonly q?: number;
  /** Rows kept per group for `headRows` / `topN`. */
  readonly n?: number;
  /** Sort direction of the `topN` key. */
  readonly descending?: boolean;
  readonly nullsLast?: boolean;
}

/** Values gathered per group in one partial: CSR layout (`offsets` has groups + 1 entries). */
export interface ListPart {
  readonly offsets: Int32Array;
  readonly f: Float64Array;
  readonly i: Int32Array;
  readonly u: Uint8Array;
}

/** Entries of one source partial merged into this state: source entry `srcStart + j` went to group `dstIdx[j]`. */
export interface ListSource {
  readonly part: ListPart;
  readonly srcStart: number;
  readonly dstIdx: Int32Array;
  readonly n: number;
}

/**
 * Per-group state of one aggregation for `size` groups. Which arrays an aggregation uses is its
 * own business (see each kernel). A partial holds its gathered values in `parts` (one per batch
 * it folded); a merged state records the partial lists it absorbed in `sources`, in merge order,
 * and walks them once at finalize.
 */
export interface AggState {
  readonly op: AggOp;
  size: number;
  f: Float64Array[];
  i: Int32Array[];
  b: BigInt64Array[];
  u: Uint8Array[];
  /**
   * Interleaved per-group records (`stride` f64 values per group) for states read together on
   * every row, so a row touches one cache line instead of one per array. Empty when unused.
   */
  wide: Float64Array;
  stride: number;
  parts: ListPart[];
  sources: ListSource[];
}

/**
 * A zeroed state with the given numbers of f64, i32, i64 and byte arrays of `size` entries, all
 * carved from one SharedArrayBuffer: a partial then crosses threads as one buffer, not dozens.
 */
export function newState(op: AggOp, size: number, f: number, i: number, b: number, u: number): AggState {
  const bytes = (f + b) * size * 8 + i * size * 4 + u * size;
  const buf = new SharedArrayBuffer(bytes + 8);
  let at = 0;
  const take = <T>(n: number, width: number, make: (offset: number) => T): T[] =>
    Array.from({ length: n }, () => {
      const a = make(at);
      at += size * width;
      return a;
    });
  const fs = take(f, 8, (o) => new Float64Array(buf, o, size));
  const bs = take(b, 8, (o) => new BigInt64Array(buf, o, size));
  const is = take(i, 4, (o) => new Int32Array(buf, o, size));
  const us = take(u, 1, (o) => new Uint8Array(buf, o, size));
  return { op, size, f: fs, i: is, b: bs, u: us, wide: new Float64Array(0), stride: 0, parts: [], sources: [] };
}

/**
 * The arrays of a state that keeps one value of its input's kind per group (min, max, first,
 * last), for `newState`: one f64 array for f64 input, one i64 array for i64, else one i32 array
 * (Int32, booleans, dictionary codes and ranks).
 */
export function valueArrays(kind: VecKind | null): { readonly f: number; readonly i: number; readonly b: number } {
  return { f: kind === 'f64' ? 1 : 0, i: kind === 'f64' || kind === 'i64' ? 0 : 1, b: kind === 'i64' ? 1 : 0 };
}

/**
 * The value array of such a state (see valueArrays).
 *
 * @example
 * const acc = valueArray('f64', state) as Float64Array;
 */
export function valueArray(kind: VecKind | null, s: AggState): Float64Array | Int32Array | BigInt64Array {
  return kind === 'f64' ? s.f[0]! : kind === 'i64' ? s.b[0]! : s.i[0]!;
}

/**
 * Enlarge every per-group array to hold `capacity` groups (new groups zeroed). The grown arrays
 * are plain memory: a state grows only while a merge task folds partials into it, and what leaves
 * the task is finalized or copied, so the arrays it outgrew are collected with the task's garbage.
 */
export function growState(s: AggState, capacity: number): void {
  if (capacity <= s.size) return;
  const grown = <T extends Float64Array | Int32Array | BigInt64Array | Uint8Array>(a: T, make: (n: number) => T, n: number): T => {
    const out = make(n);
    out.set(a as never);
    return out;
  };
  s.f = s.f.map((a) => grown(a, (n) => new Float64Array(n), capacity));
  s.i = s.i.map((a) => grown(a, (n) => new Int32Array(n), capacity));
  s.b = s.b.map((a) => grown(a, (n) => new BigInt64Array(n), capacity));
  s.u = s.u.map((a) => grown(a, (n) => new Uint8Array(n), capacity));
  if (s.stride > 0) s.wide = grown(s.wide, (n) => new Float64Array(n), capacity * s.stride);
  s.size = capacity;
}

/** Exclusive prefix sums of `counts[0..n)` as CSR offsets (n + 1 entries). */
export function offsetsOf(counts: Int32Array, n: number): Int32Array {
  const off = new Int32Array(new SharedArrayBuffer((n + 1) * 4));
  let t = 0;
  for (let g = 0; g < n; g++) {
    off[g] = t;
    t += counts[g]!;
  }
  off[n] = t;
  return off;
}
