/** min and max of valid values, keeping the input type; NaN is skipped unless a group holds nothing else. */
import type { Vec } from '../vec.js';
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import type { AggKernelSpec, AggState } from './state.js';
import { newState, valueArray, valueArrays } from './state.js';

/**
 * min's and max's state: the best value so far, in an array of the input's kind (see
 * valueArrays), and a byte per group that says whether it holds one yet.
 */
export const MINMAX_STATE = {
  value: (spec: AggKernelSpec, s: AggState): Float64Array | Int32Array | BigInt64Array => valueArray(spec.kind, s),
  f64: (s: AggState): Float64Array => s.f[0]!,
  i32: (s: AggState): Int32Array => s.i[0]!,
  i64: (s: AggState): BigInt64Array => s.b[0]!,
  has: (s: AggState): Uint8Array => s.u[0]!,
};

/**
 * Smallest (`min`) or largest (`max`) valid value per group; null for a group without any. Utf8
 * columns arrive as ranks of their sorted dictionary, so the integer order is the string order.
 *
 * @example
 * // values 3, null, 1 in one group → min 1, max 3
 */
export const minMaxKernel: AggKernel = {
  init(spec, groups) {
    const { f, i, b } = valueArrays(spec.kind);
    return newState(spec.op, groups, f, i, b, 1);
  },
  update(spec, s, a, _b, gids, rows) {
    const v = a!;
    const isMax = spec.op === 'max';
    const has = MINMAX_STATE.has(s);
    switch (v.kind) {
      case 'f64':
        return isMax
          ? maxF64(MINMAX_STATE.f64(s), has, v.values as Float64Array, v.valid, gids, rows)
          : minF64(MINMAX_STATE.f64(s), has, v.values as Float64Array, v.valid, gids, rows);
      case 'i32':
        return isMax
          ? maxI32(MINMAX_STATE.i32(s), has, v.values as Int32Array, v.valid, gids, rows)
          : minI32(MINMAX_STATE.i32(s), has, v.values as Int32Array, v.valid, gids, rows);
      case 'bool':
        return updateGeneric(MINMAX_STATE.i32(s), has, v, gids, rows, isMax);
      case 'i64':
        return updateGeneric(MINMAX_STATE.i64(s), has, v, gids, rows, isMax);
    }
  },
  merge(spec, dst, dstIdx, src, srcStart, n) {
    const isMax = spec.op === 'max';
    const dh = MINMAX_STATE.has(dst);
    const sh = MINMAX_STATE.has(src);
    const d = MINMAX_STATE.value(spec, dst);
    const x = MINMAX_STATE.value(spec, src);
    for (let j = 0; j < n; j++) {
      const e = srcStart + j;
      if (sh[e] === 0) continue;
      const g = dstIdx[j]!;
      const val = x[e]!;
      if (dh[g] === 0) {
        dh[g] = 1;
        d[g] = val;
        continue;
      }
      const cur = d[g]!;
      if (isMax ? val > cur || cur !== cur : val < cur || cur !== cur) d[g] = val;
    }
  },
  finalize(spec, s, groups, shared): Vec {
    const kind = spec.kind!;
    const out = allocValues(kind, groups, shared);
    const src = MINMAX_STATE.value(spec, s);
    (out as { set(a: ArrayLike<number | bigint>): void }).set(src.subarray(0, groups) as ArrayLike<number | bigint>);
    const has = MINMAX_STATE.has(s);
    let nulls = 0;
    for (let g = 0; g < groups; g++) if (has[g] === 0) nulls++;
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      valid.set(has.subarray(0, groups));
    }
    return { kind, length: groups, values: out, valid };
  },
};

function minF64(acc: Float64Array, has: Uint8Array, v: Float64Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    const x = v[i]!;
    if (has[g] === 0) {
      has[g] = 1;
      acc[g] = x;
    } else {
      const cur = acc[g]!;
      if (x < cur || cur !== cur) acc[g] = x;
    }
  }
}

function maxF64(acc: Float64Array, has: Uint8Array, v: Float64Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    const x = v[i]!;
    if (has[g] === 0) {
      has[g] = 1;
      acc[g] = x;
    } else {
      const cur = acc[g]!;
      if (x > cur || cur !== cur) acc[g] = x;
    }
  }
}

function minI32(acc: Int32Array, has: Uint8Array, v: Int32Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    const x = v[i]!;
    if (has[g] === 0) {
      has[g] = 1;
      acc[g] = x;
    } else if (x < acc[g]!) acc[g] = x;
  }
}

function maxI32(acc: Int32Array, has: Uint8Array, v: Int32Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    const x = v[i]!;
    if (has[g] === 0) {
      has[g] = 1;
      acc[g] = x;
    } else if (x > acc[g]!) acc[g] = x;
  }
}

function updateGeneric(acc: Int32Array | BigInt64Array, has: Uint8Array, v: Vec, gids: Int32Array, rows: number, isMax: boolean): void {
  const vals = v.values as ArrayLike<number | bigint>;
  const a = acc as unknown as { [i: number]: number | bigint };
  for (let i = 0; i < rows; i++) {
    if (v.valid !== null && v.valid[i] === 0) continue;
    const g = gids[i]!;
    const x = vals[i]!;
    if (has[g] === 0) {
      has[g] = 1;
      a[g] = x;
    } else if (isMax ? x > a[g]! : x < a[g]!) a[g] = x;
  }
}
