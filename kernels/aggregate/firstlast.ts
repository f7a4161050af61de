/** first and last: the value (null included) of a group's first or last row in input order. */
import type { Vec } from '../vec.js';
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import type { AggKernelSpec, AggState } from './state.js';
import { newState } from './state.js';

/**
 * `first`/`last` return the value of the first/last row of each group, even when it is null (as
 * Polars). Partials merge in morsel order, so "first" is the earliest morsel's first row.
 *
 * @example
 * // values null, 2, 3 in one group → first null, last 3
 */
export const firstLastKernel: AggKernel = {
  init(spec, groups) {
    const k = spec.kind;
    // u[0]: the value is valid, u[1]: the group has a row
    return newState(spec.op, groups, k === 'f64' ? 1 : 0, k === 'i32' || k === 'bool' ? 1 : 0, k === 'i64' ? 1 : 0, 2);
  },
  update(spec, s, a, _b, gids, rows) {
    const v = a!;
    const vals = v.values as ArrayLike<number | bigint>;
    const acc = pick(spec, s) as unknown as { [i: number]: number | bigint };
    const valid = s.u[0]!;
    const seen = s.u[1]!;
    const isFirst = spec.op === 'first';
    for (let i = 0; i < rows; i++) {
      const g = gids[i]!;
      if (isFirst && seen[g] !== 0) continue;
      seen[g] = 1;
      acc[g] = vals[i]!;
      valid[g] = v.valid === null ? 1 : v.valid[i]!;
    }
  },
  merge(spec, dst, dstIdx, src, srcStart, n) {
    const d = pick(spec, dst) as unknown as { [i: number]: number | bigint };
    const x = pick(spec, src) as unknown as { [i: number]: number | bigint };
    const isFirst = spec.op === 'first';
    for (let j = 0; j < n; j++) {
      const e = srcStart + j;
      if (src.u[1]![e] === 0) continue;
      const g = dstIdx[j]!;
      if (isFirst && dst.u[1]![g] !== 0) continue;
      dst.u[1]![g] = 1;
      d[g] = x[e]!;
      dst.u[0]![g] = src.u[0]![e]!;
    }
  },
  finalize(spec, s, groups, shared): Vec {
    const kind = spec.kind!;
    const out = allocValues(kind, groups, shared);
    (out as { set(a: ArrayLike<number | bigint>): void }).set(pick(spec, s).subarray(0, groups) as ArrayLike<number | bigint>);
    const v = s.u[0]!;
    let nulls = 0;
    for (let g = 0; g < groups; g++) if (v[g] === 0) nulls++;
    let valid: Uint8Array | null = null;
    if (nulls > 0) {
      valid = allocBytes(groups, shared);
      valid.set(v.subarray(0, groups));
    }
    return { kind, length: groups, values: out, valid };
  },
};

function pick(spec: AggKernelSpec, s: AggState): Float64Array | Int32Array | BigInt64Array {
  const k = spec.kind;
  return k === 'f64' ? s.f[0]! : k === 'i64' ? s.b[0]! : s.i[0]!;
}
