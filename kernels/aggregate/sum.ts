/**
 * sum: f64 accumulators, exact for every input: Int32 sums carry their high part into a second
 * array before an accumulator can round (see `addExactI32`); Int64 inputs wrap in int64.
 */
import type { Vec } from '../vec.js';
import { allocValues } from '../alloc.js';
import type { AggKernel } from './kernel.js';
import { addRowsF64, addRowsU8, mergeAddF64, writeI64 } from './loops.js';
import { newState, type AggState } from './state.js';

/**
 * sum's state: one f64 accumulator per group, or one wrapping i64 accumulator for Int64 input.
 * An Int32 sum also has `carry`: the accumulator's multiples of 2^32 that were moved out of it
 * once it reached 2^52, so it never leaves the range where a double holds every integer.
 */
export const SUM_STATE = {
  total: (s: AggState): Float64Array => s.f[0]!,
  carry: (s: AggState): Float64Array => s.f[1]!,
  total64: (s: AggState): BigInt64Array => s.b[0]!,
};

/** 2^52: an Int32 sum's accumulator moves its high part to the carry once it gets this far. */
export const SUM_CARRY_AT = 4503599627370496;
const TWO_32 = 4294967296;

/**
 * Add `x` (an integer below 2^32 in magnitude) to group `g`'s Int32 sum exactly: the accumulator
 * stays below 2^52 + 2^32 in magnitude, so every addition is exact, and its multiples of 2^32 go
 * to `carry` (exact up to 2^53 of them). Ten million values near 2^31 sum past 2^53, where a lone
 * double would round, and round differently for each way the rows were split among threads.
 */
export function addExactI32(acc: Float64Array, carry: Float64Array, g: number, x: number): void {
  const t = acc[g]! + x;
  if (t < SUM_CARRY_AT && t > -SUM_CARRY_AT) acc[g] = t;
  else {
    const h = Math.trunc(t / TWO_32);
    carry[g]! += h;
    acc[g] = t - h * TWO_32;
  }
}

/**
 * Sum of valid values; 0 for a group with none (as Polars). Int32 and Boolean sums are Int64.
 *
 * @example
 * // values 1, null, 2 in one group → 3n as Int64
 */
export const sumKernel: AggKernel = {
  init(spec, groups) {
    if (spec.kind === 'i64') return newState('sum', groups, 0, 0, 1, 0);
    return newState('sum', groups, spec.kind === 'i32' ? 2 : 1, 0, 0, 0);
  },
  update(_spec, s, a, _b, gids, rows) {
    const v = a!;
    switch (v.kind) {
      case 'f64':
        return addRowsF64(SUM_STATE.total(s), v.values as Float64Array, v.valid, gids, rows);
      case 'i32':
        return addRowsExactI32(SUM_STATE.total(s), SUM_STATE.carry(s), v.values as Int32Array, v.valid, gids, rows);
      case 'bool':
        return addRowsU8(SUM_STATE.total(s), v.values as Uint8Array, v.valid, gids, rows);
      case 'i64':
        return addRowsI64(SUM_STATE.total64(s), v.values as BigInt64Array, v.valid, gids, rows);
    }
  },
  merge(spec, dst, dstIdx, src, srcStart, n) {
    if (spec.kind === 'i64') {
      const d = SUM_STATE.total64(dst);
      const x = SUM_STATE.total64(src);
      for (let j = 0; j < n; j++) d[dstIdx[j]!] = BigInt.asIntN(64, d[dstIdx[j]!]! + x[srcStart + j]!);
    } else if (spec.kind === 'i32') {
      const d = SUM_STATE.total(dst);
      const dc = SUM_STATE.carry(dst);
      const x = SUM_STATE.total(src);
      const xc = SUM_STATE.carry(src);
      for (let j = 0; j < n; j++) {
        const g = dstIdx[j]!;
        dc[g]! += xc[srcStart + j]!;
        addExactI32(d, dc, g, x[srcStart + j]!);
      }
    } else mergeAddF64(SUM_STATE.total(dst), dstIdx, SUM_STATE.total(src), srcStart, n);
  },
  finalize(spec, s, groups, shared): Vec {
    if (spec.kind === 'f64') {
      const out = allocValues('f64', groups, shared) as Float64Array;
      out.set(SUM_STATE.total(s).subarray(0, groups));
      return { kind: 'f64', length: groups, values: out, valid: null };
    }
    const out = allocValues('i64', groups, shared) as BigInt64Array;
    if (spec.kind === 'i64') out.set(SUM_STATE.total64(s).subarray(0, groups));
    else {
      const words = new Int32Array(out.buffer, out.byteOffset, groups * 2);
      const acc = SUM_STATE.total(s);
      const carry = spec.kind === 'i32' ? SUM_STATE.carry(s) : null;
      for (let g = 0; g < groups; g++) {
        const c = carry === null ? 0 : carry[g]!;
        // past 2^63 the total wraps in int64, as an Int64 sum does (and Polars' sums)
        if (c === 0) writeI64(words, g, acc[g]!);
        else out[g] = BigInt.asIntN(64, BigInt(c) * 4294967296n + BigInt(acc[g]!));
      }
    }
    return { kind: 'i64', length: groups, values: out, valid: null };
  },
};

function addRowsExactI32(
  acc: Float64Array,
  carry: Float64Array,
  v: Int32Array,
  valid: Uint8Array | null,
  gids: Int32Array,
  rows: number,
): void {
  for (let i = 0; i < rows; i++) if (valid === null || valid[i] !== 0) addExactI32(acc, carry, gids[i]!, v[i]!);
}

function addRowsI64(acc: BigInt64Array, v: BigInt64Array, valid: Uint8Array | null, gids: Int32Array, rows: number): void {
  for (let i = 0; i < rows; i++) {
    if (valid !== null && valid[i] === 0) continue;
    const g = gids[i]!;
    acc[g] = BigInt.asIntN(64, acc[g]! + v[i]!);
  }
}
