/** Gathers a join's output rows by row index, where index -1 (the other side had no match) gives a null. */
import { allocValues } from '../alloc.js';
import type { ChunkDesc, Vec, VecKind } from '../vec.js';

/**
 * Rows `rows[0], rows[1], ...` of `vec`; a -1 row is null. Indexes may repeat and come in any
 * order (a build row matches many probe rows). `shared` puts the values in SharedArrayBuffer (an
 * output chunk a worker hands back).
 *
 * @example
 * takeRows({ kind: 'i32', length: 2, values: Int32Array.of(5, 6), valid: null }, Int32Array.of(1, -1));
 * // values [6, 0], valid [1, 0]
 */
export function takeRows(vec: Vec, rows: Int32Array, shared = false): Vec {
  const n = rows.length;
  const src = vec.valid;
  let missing = false;
  for (let i = 0; i < n; i++) if (rows[i]! < 0) missing = true;
  const valid = src === null && !missing ? null : new Uint8Array(n);
  const values = allocValues(vec.kind, n, shared);
  if (vec.values instanceof BigInt64Array) {
    const from = vec.values;
    const to = values as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r >= 0) to[i] = from[r]!;
    }
  } else {
    const from = vec.values;
    const to = values as Int32Array | Float64Array | Uint8Array;
    for (let i = 0; i < n; i++) {
      const r = rows[i]!;
      if (r >= 0) to[i] = from[r]!;
    }
  }
  if (valid !== null) for (let i = 0; i < n; i++) valid[i] = rows[i]! < 0 ? 0 : src === null ? 1 : src[rows[i]!]!;
  return { kind: vec.kind, length: n, values, valid };
}

/**
 * `a` where it is valid, else `b` (same kind and length): a full join's coalesced key column.
 *
 * @example
 * coalesceVecs(leftKeys, rightKeys);
 */
export function coalesceVecs(a: Vec, b: Vec): Vec {
  if (a.valid === null) return a;
  const n = a.length;
  const values = allocValues(a.kind, n);
  const valid = new Uint8Array(n);
  const av = a.valid;
  const bv = b.valid;
  const to = values as { [i: number]: number | bigint };
  const fa = a.values as unknown as { [i: number]: number | bigint };
  const fb = b.values as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < n; i++) {
    if (av[i] !== 0) {
      to[i] = fa[i]!;
      valid[i] = 1;
    } else {
      to[i] = fb[i]!;
      valid[i] = bv === null ? 1 : bv[i]!;
    }
  }
  return { kind: a.kind, length: n, values, valid };
}

/** A whole stored column as a worker sees it: its chunks (values shared, validity bit-packed) and where each starts. */
export interface ChunkedColumn {
  readonly kind: VecKind;
  readonly chunks: readonly ChunkDesc[];
  /** `chunks.length + 1` row boundaries. */
  readonly starts: Int32Array;
}

/**
 * Rows `rows[i]` (global, any order, -1 for null) of a chunked column, read in place: no
 * concatenation of the column and no unpacking of whole bitmaps, so the build side of a join is
 * gathered straight from the chunks it was stored in. Values land in shared memory.
 *
 * @example
 * takeChunked({ kind: 'i32', chunks: [c0, c1], starts: Int32Array.of(0, 4, 8) }, Int32Array.of(5, -1)); // row 1 of c1, then null
 */
export function takeChunked(col: ChunkedColumn, rows: Int32Array): Vec {
  const n = rows.length;
  const kind = col.kind;
  const values = allocValues(kind, n, true);
  const chunks = col.chunks;
  const starts = col.starts;
  const C = chunks.length;
  let anyNull = false;
  for (let i = 0; i < n; i++) if (rows[i]! < 0) anyNull = true;
  for (const c of chunks) if (c.validity !== null && c.nullCount > 0) anyNull = true;
  const valid = anyNull ? new Uint8Array(n) : null;
  // equal chunks (all but the last) find theirs by a division; others by a binary search
  const size = C > 0 ? starts[1]! - starts[0]! : 1;
  let uniform = size > 0;
  for (let c = 0; c + 1 < C && uniform; c++) if (starts[c + 1]! - starts[c]! !== size) uniform = false;
  // values as 32-bit words (two per f64/i64 row), so one monomorphic loop serves every kind
  const bool = kind === 'bool';
  const W = kind === 'f64' || kind === 'i64' ? 2 : 1;
  const out = bool ? (values as Uint8Array) : words(values);
  const src = chunks.map((c) => (bool ? (c.values as Uint8Array) : words(c.values)));
  const bits = chunks.map((c) => (c.validity === null || c.nullCount === 0 ? null : c.validity));
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < 0) continue;
    let c = 0;
    if (uniform) c = Math.min(C - 1, Math.floor(r / size));
    else {
      let lo = 0;
      let hi = C - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (starts[mid]! <= r) lo = mid;
        else hi = mid - 1;
      }
      c = lo;
    }
    const off = r - starts[c]!;
    const from = src[c]!;
    if (bool) out[i] = (from[off >> 3]! >> (off & 7)) & 1;
    else if (W === 1) out[i] = from[off]!;
    else {
      out[2 * i] = from[2 * off]!;
      out[2 * i + 1] = from[2 * off + 1]!;
    }
    if (valid !== null) {
      const b = bits[c] ?? null;
      valid[i] = b === null ? 1 : (b[off >> 3]! >> (off & 7)) & 1;
    }
  }
  return { kind, length: n, values, valid };
}

function words(a: Vec['values']): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}
