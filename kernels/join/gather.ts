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
 * Where rows of a chunked column are: chunk index and offset in it (-1 for a null row). `chunk`
 * is null when the column has one chunk: every row is in chunk 0 and `offset` is the rows themselves.
 */
export interface RowLocations {
  readonly chunk: Int32Array | null;
  readonly offset: Int32Array;
}

/**
 * The chunk and offset of each row `rows[i]` (global, -1 for null), found once for every column
 * stored with the same chunk boundaries. Equal chunks (all but the last) are found by a shift
 * or a division, others by a binary search; a single chunk needs no pass at all. `out` (two
 * arrays of rows.length, any contents) saves the allocations.
 *
 * @example
 * locateRows(Int32Array.of(0, 4, 8), Int32Array.of(5, -1)); // chunk [1, -1], offset [1, -1]
 */
export function locateRows(starts: Int32Array, rows: Int32Array, out?: { chunk: Int32Array; offset: Int32Array }): RowLocations {
  const n = rows.length;
  const C = starts.length - 1;
  if (C <= 1) return { chunk: null, offset: rows };
  const chunk = out?.chunk ?? new Int32Array(n);
  const offset = out?.offset ?? new Int32Array(n);
  const size = starts[1]! - starts[0]!;
  let uniform = size > 0;
  for (let c = 0; c + 1 < C && uniform; c++) if (starts[c + 1]! - starts[c]! !== size) uniform = false;
  const shift = uniform && (size & (size - 1)) === 0 ? Math.log2(size) : -1;
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    if (r < 0) {
      chunk[i] = -1;
      offset[i] = -1;
      continue;
    }
    let c: number;
    if (shift >= 0) c = Math.min(C - 1, r >>> shift);
    else if (uniform) c = Math.min(C - 1, Math.floor(r / size));
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
    chunk[i] = c;
    offset[i] = r - starts[c]!;
  }
  return { chunk, offset };
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
  return takeLocated(col, locateRows(col.starts, rows));
}

/**
 * {@link takeChunked} with the rows already located (one `locateRows` for every column that
 * shares the chunk boundaries).
 *
 * @example
 * const loc = locateRows(starts, rows);
 * const a = takeLocated(colA, loc), b = takeLocated(colB, loc);
 */
export function takeLocated(col: ChunkedColumn, loc: RowLocations): Vec {
  const n = loc.offset.length;
  const kind = col.kind;
  const values = allocValues(kind, n, true);
  const chunks = col.chunks;
  const chunkOf = loc.chunk;
  const offsetOf = loc.offset;
  let anyNull = false;
  for (let i = 0; i < n && !anyNull; i++) if (offsetOf[i]! < 0) anyNull = true;
  for (const c of chunks) if (c.validity !== null && c.nullCount > 0) anyNull = true;
  if (kind === 'bool')
    gatherBits(
      chunks.map((c) => c.values as Uint8Array),
      values as Uint8Array,
      chunkOf,
      offsetOf,
    );
  else if (kind === 'i32')
    gatherWords(
      chunks.map((c) => words(c.values)),
      words(values),
      chunkOf,
      offsetOf,
    );
  else
    gatherPairs(
      chunks.map((c) => words(c.values)),
      words(values),
      chunkOf,
      offsetOf,
    );
  let valid: Uint8Array | null = null;
  if (anyNull) {
    valid = new Uint8Array(n);
    const bits = chunks.map((c) => (c.validity === null || c.nullCount === 0 ? null : c.validity));
    for (let i = 0; i < n; i++) {
      const o = offsetOf[i]!;
      if (o < 0) continue;
      const b = bits[chunkOf === null ? 0 : chunkOf[i]!] ?? null;
      valid[i] = b === null ? 1 : (b[o >> 3]! >> (o & 7)) & 1;
    }
  }
  return { kind, length: n, values, valid };
}

// one loop per word width, each monomorphic; a single chunk (a small build side) skips the chunk
// lookup. An offset of -1 (a null row) leaves the output's zero.

function gatherWords(src: Int32Array[], out: Int32Array, chunkOf: Int32Array | null, offsetOf: Int32Array): void {
  const n = out.length;
  if (chunkOf === null) {
    const from = src[0]!;
    for (let i = 0; i < n; i++) {
      const o = offsetOf[i]!;
      if (o >= 0) out[i] = from[o]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const c = chunkOf[i]!;
    if (c >= 0) out[i] = src[c]![offsetOf[i]!]!;
  }
}

function gatherPairs(src: Int32Array[], out: Int32Array, chunkOf: Int32Array | null, offsetOf: Int32Array): void {
  const n = out.length >> 1;
  if (chunkOf === null) {
    const from = src[0]!;
    for (let i = 0; i < n; i++) {
      const o = offsetOf[i]!;
      if (o < 0) continue;
      out[2 * i] = from[2 * o]!;
      out[2 * i + 1] = from[2 * o + 1]!;
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const c = chunkOf[i]!;
    if (c < 0) continue;
    const from = src[c]!;
    const o = 2 * offsetOf[i]!;
    out[2 * i] = from[o]!;
    out[2 * i + 1] = from[o + 1]!;
  }
}

function gatherBits(src: Uint8Array[], out: Uint8Array, chunkOf: Int32Array | null, offsetOf: Int32Array): void {
  for (let i = 0; i < out.length; i++) {
    const o = offsetOf[i]!;
    if (o < 0) continue;
    const b = src[chunkOf === null ? 0 : chunkOf[i]!]!;
    out[i] = (b[o >> 3]! >> (o & 7)) & 1;
  }
}

function words(a: Vec['values']): Int32Array {
  return new Int32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}
