/** Gathers a join's output rows by row index, where index -1 (the other side had no match) gives a null. */
import { allocValues } from '../alloc.js';
import type { Vec } from '../vec.js';

/**
 * Rows `rows[0], rows[1], ...` of `vec`; a -1 row is null. Indexes may repeat and come in any
 * order (a build row matches many probe rows).
 *
 * @example
 * takeRows({ kind: 'i32', length: 2, values: Int32Array.of(5, 6), valid: null }, Int32Array.of(1, -1));
 * // values [6, 0], valid [1, 0]
 */
export function takeRows(vec: Vec, rows: Int32Array): Vec {
  const n = rows.length;
  const src = vec.valid;
  let missing = false;
  for (let i = 0; i < n; i++) if (rows[i]! < 0) missing = true;
  const valid = src === null && !missing ? null : new Uint8Array(n);
  const values = allocValues(vec.kind, n);
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
