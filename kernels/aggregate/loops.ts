/** Shared monomorphic loops: scatter-add into per-group accumulators. */

/** `acc[gids[i]] += v[i]` over valid rows (Float64 input). */
export function addRowsF64(acc: Float64Array, v: Float64Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  if (valid === null) for (let i = 0; i < rows; i++) acc[gids[i]!]! += v[i]!;
  else for (let i = 0; i < rows; i++) if (valid[i] !== 0) acc[gids[i]!]! += v[i]!;
}

/** `acc[gids[i]] += v[i]` over valid rows (Int32 input, accumulated exactly in f64 below 2^53). */
export function addRowsI32(acc: Float64Array, v: Int32Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  if (valid === null) for (let i = 0; i < rows; i++) acc[gids[i]!]! += v[i]!;
  else for (let i = 0; i < rows; i++) if (valid[i] !== 0) acc[gids[i]!]! += v[i]!;
}

/** `acc[gids[i]] += v[i]` over valid rows (boolean bytes). */
export function addRowsU8(acc: Float64Array, v: Uint8Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  if (valid === null) for (let i = 0; i < rows; i++) acc[gids[i]!]! += v[i]!;
  else for (let i = 0; i < rows; i++) if (valid[i] !== 0) acc[gids[i]!]! += v[i]!;
}

/** Count valid rows per group. */
export function countRows(cnt: Int32Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  if (valid === null) for (let i = 0; i < rows; i++) cnt[gids[i]!]!++;
  else for (let i = 0; i < rows; i++) if (valid[i] !== 0) cnt[gids[i]!]!++;
}

/** `dst[dstIdx[j]] += src[srcStart + j]`. */
export function mergeAddF64(dst: Float64Array, dstIdx: Int32Array, src: Float64Array, srcStart: number, n: number): void {
  for (let j = 0; j < n; j++) dst[dstIdx[j]!]! += src[srcStart + j]!;
}

export function mergeAddI32(dst: Int32Array, dstIdx: Int32Array, src: Int32Array, srcStart: number, n: number): void {
  for (let j = 0; j < n; j++) dst[dstIdx[j]!]! += src[srcStart + j]!;
}

/** Write an integral f64 (|x| < 2^63) as an int64 into the word view of a BigInt64Array, without BigInt. */
export function writeI64(words: Int32Array, i: number, x: number): void {
  const hi = Math.floor(x / 4294967296);
  const lo = x - hi * 4294967296;
  words[2 * i] = lo | 0;
  words[2 * i + 1] = hi | 0;
}
