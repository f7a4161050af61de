/** first and last: the value (null included) of a group's first or last row in input order. */
import type { Vec } from '../vec.js';
import { allocBytes, allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import type { AggKernelSpec, AggState } from './state.js';
import { newState, valueArray, valueArrays } from './state.js';

/**
 * first's and last's state: the value, in an array of the input's kind (see valueArrays), a
 * byte per group that says whether that value is valid, and one that says whether the group
 * has had a row yet.
 */
export const FIRSTLAST_STATE = {
  value: (spec: AggKernelSpec, s: AggState): Float64Array | Int32Array | BigInt64Array => valueArray(spec.kind, s),
  valid: (s: AggState): Uint8Array => s.u[0]!,
  seen: (s: AggState): Uint8Array => s.u[1]!,
};

/**
 * `first`/`last` return the value of the first/last row of each group, even when it is null (as
 * Polars). Partials merge in morsel order, so "first" is the earliest morsel's first row.
 *
 * @example
 * // values null, 2, 3 in one group → first null, last 3
 */
export const firstLastKernel: AggKernel = {
  init(spec, groups) {
    const { f, i, b } = valueArrays(spec.kind);
    return newState(spec.op, groups, f, i, b, 2);
  },
  update(spec, s, a, _b, gids, rows) {
    const v = a!;
    const vals = v.values as ArrayLike<number | bigint>;
    const acc = FIRSTLAST_STATE.value(spec, s) as unknown as { [i: number]: number | bigint };
    const valid = FIRSTLAST_STATE.valid(s);
    const seen = FIRSTLAST_STATE.seen(s);
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
    const d = FIRSTLAST_STATE.value(spec, dst) as unknown as { [i: number]: number | bigint };
    const x = FIRSTLAST_STATE.value(spec, src) as unknown as { [i: number]: number | bigint };
    const dSeen = FIRSTLAST_STATE.seen(dst);
    const dValid = FIRSTLAST_STATE.valid(dst);
    const sSeen = FIRSTLAST_STATE.seen(src);
    const sValid = FIRSTLAST_STATE.valid(src);
    const isFirst = spec.op === 'first';
    for (let j = 0; j < n; j++) {
      const e = srcStart + j;
      if (sSeen[e] === 0) continue;
      const g = dstIdx[j]!;
      if (isFirst && dSeen[g] !== 0) continue;
      dSeen[g] = 1;
      d[g] = x[e]!;
      dValid[g] = sValid[e]!;
    }
  },
  finalize(spec, s, groups, shared): Vec {
    const kind = spec.kind!;
    const out = allocValues(kind, groups, shared);
    (out as { set(a: ArrayLike<number | bigint>): void }).set(
      FIRSTLAST_STATE.value(spec, s).subarray(0, groups) as ArrayLike<number | bigint>,
    );
    const v = FIRSTLAST_STATE.valid(s);
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
