/** Per-thread scratch arrays reused across batches, so per-batch temporaries cost a fill, not an allocation. */
import type { Vec } from '../vec.js';

const pool: Float64Array[] = [];

/**
 * A zeroed Float64Array of `n` entries; `slot` tells apart the temporaries one kernel needs at
 * once. Valid until the same slot is asked for again.
 *
 * @example
 * const sums = zeroedF64(0, groups);
 */
export function zeroedF64(slot: number, n: number): Float64Array {
  let a = pool[slot];
  if (a === undefined || a.length < n) {
    a = new Float64Array(Math.max(n, 1024));
    pool[slot] = a;
  }
  const view = a.subarray(0, n);
  view.fill(0);
  return view;
}

/**
 * The values of a numeric or boolean vector as f64, in scratch slot `slot` unless they already are
 * f64 (then the vector's own array).
 */
export function f64Values(v: Vec, rows: number, slot: number): Float64Array {
  if (v.kind === 'f64') return v.values as Float64Array;
  let a = pool[slot];
  if (a === undefined || a.length < rows) {
    a = new Float64Array(Math.max(rows, 1024));
    pool[slot] = a;
  }
  if (v.kind === 'i64') {
    const src = v.values as BigInt64Array;
    for (let i = 0; i < rows; i++) a[i] = Number(src[i]!);
  } else {
    const src = v.values as Int32Array | Uint8Array;
    for (let i = 0; i < rows; i++) a[i] = src[i]!;
  }
  return a;
}
