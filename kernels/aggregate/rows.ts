/** Row-selecting aggregations: the first n rows of each group (headRows) or its n best by a sort key (topN). */
import type { Vec } from '../vec.js';
import { allocValues } from '../alloc.js';
import type { AggKernel, RowContext } from './kernel.js';
import { forEachSlice, recordSource, csr } from './lists.js';
import { asF64 } from '../as-f64.js';
import type { AggKernelSpec, AggState } from './state.js';
import { newState } from './state.js';

/**
 * `headRows`: the first `n` rows of every group, in input order. Each morsel keeps at most n
 * global row ids per group; merged in morsel order, the first n survive. `finalize` gives the
 * number of rows kept per group; {@link markRows} marks the rows themselves.
 *
 * @example
 * // groups a, b, a, a with n = 2 → rows 0, 1, 2 are kept
 */
export const headRowsKernel: AggKernel = {
  init(spec, groups) {
    return newState(spec.op, groups, 0, 0, 0, 0);
  },
  update(spec, s, _a, _b, gids, rows, ctx) {
    const n = spec.n!;
    const counts = new Int32Array(s.size);
    for (let i = 0; i < rows; i++) {
      const g = gids[i]!;
      if (counts[g]! < n) counts[g]!++;
    }
    const { offsets, cursor } = csr(counts, s.size);
    const out = new Int32Array(new SharedArrayBuffer(offsets[s.size]! * 4));
    for (let i = 0; i < rows; i++) {
      const g = gids[i]!;
      if (cursor[g]! < offsets[g + 1]!) out[cursor[g]!++] = globalRow(ctx, i);
    }
    s.parts.push({ offsets, f: new Float64Array(0), i: out, u: new Uint8Array(0) });
  },
  merge(_spec, dst, dstIdx, src, srcStart, n) {
    recordSource(dst, src, dstIdx, srcStart, n);
  },
  finalize(spec, s, groups, shared): Vec {
    const out = allocValues('i32', groups, shared) as Int32Array;
    const n = spec.n!;
    forEachSlice(s, (g, _part, a, b) => {
      out[g] = Math.min(n, out[g]! + (b - a));
    });
    return { kind: 'i32', length: groups, values: out, valid: null };
  },
};

/**
 * `topN`: the `n` best rows of every group by one sort key (direction and null placement as the
 * sort), ties kept in input order: exactly the rows a stable sort followed by a per-group head
 * would keep. Each group holds one interleaved record `[held, (class, score, row) × n]`, best
 * first, so the common case (a row that loses to a full group's worst) reads one cache line;
 * batches fold in and partials merge without gathering lists. `finalize` gives the count per
 * group; {@link markRows} marks the rows.
 *
 * @example
 * // group a with keys 5, 9, 7 and n = 2, descending → the rows holding 9 and 7
 */
export const topNKernel: AggKernel = {
  init(spec, groups) {
    const s = newState(spec.op, groups, 0, 0, 0, 0);
    s.stride = 1 + 3 * spec.n!;
    s.wide = new Float64Array(new SharedArrayBuffer(groups * s.stride * 8));
    return s;
  },
  update(spec, s, a, _b, gids, rows, ctx) {
    const v = a!;
    const x = asF64(v, rows);
    const valid = v.valid;
    const sel = ctx.sel;
    const n = spec.n!;
    const w = s.wide;
    const stride = s.stride;
    const worst = 1 + 3 * (n - 1);
    const gate = gateOf(s, n);
    const descending = spec.descending === true;
    for (let i = 0; i < rows; i++) {
      const g = gids[i]!;
      const xi = x[i]!;
      if ((valid === null || valid[i] !== 0) && xi === xi) {
        // a number: the common case, decided by the group's gate alone
        const score = descending ? -xi : xi;
        if (score >= gate[g]!) continue;
        offer(w, g * stride, n, NUMBER, score, ctx.rowBase + (sel === null ? i : sel[i]!));
        gate[g] = numberGate(w, g * stride, n, worst);
        continue;
      }
      const b = g * stride;
      const isNull = valid !== null && valid[i] === 0;
      const cls = classOf(spec, isNull, xi);
      const score = scoreOf(spec, isNull, xi);
      if (w[b] === n) {
        const wc = w[b + worst]!;
        if (cls > wc || (cls === wc && score >= w[b + worst + 1]!)) continue;
      }
      offer(w, b, n, cls, score, ctx.rowBase + (sel === null ? i : sel[i]!));
      gate[g] = numberGate(w, b, n, worst);
    }
  },
  merge(spec, dst, dstIdx, src, srcStart, count) {
    const n = spec.n!;
    const sw = src.wide;
    const stride = src.stride;
    for (let j = 0; j < count; j++) {
      const e = (srcStart + j) * stride;
      const b = dstIdx[j]! * stride;
      for (let k = 0; k < sw[e]!; k++) offer(dst.wide, b, n, sw[e + 1 + 3 * k]!, sw[e + 2 + 3 * k]!, sw[e + 3 + 3 * k]!);
    }
  },
  finalize(_spec, s, groups, shared): Vec {
    const out = allocValues('i32', groups, shared) as Int32Array;
    for (let g = 0; g < groups; g++) out[g] = s.wide[g * s.stride]!;
    return { kind: 'i32', length: groups, values: out, valid: null };
  },
};

/** The sort class of numbers (see classOf). */
const NUMBER = 2;

/**
 * Per topN state, each group's gate: the score a number must beat (be below) to enter the group
 * (NaN: any number enters, so a score of ±Infinity is never turned away by the gate itself),
 * so that the common row, one that loses, reads one f64 from an array that stays in cache instead
 * of the group's record. Kept beside the state, on the thread that updates it, never sent.
 */
const gates = new WeakMap<AggState, Float64Array>();

function gateOf(s: AggState, n: number): Float64Array {
  let gate = gates.get(s);
  if (gate === undefined) {
    gate = new Float64Array(s.size);
    const worst = 1 + 3 * (n - 1);
    for (let g = 0; g < s.size; g++) gate[g] = numberGate(s.wide, g * s.stride, n, worst);
    gates.set(s, gate);
  }
  return gate;
}

/**
 * The gate of the record at `b`: any number (NaN, which no `score >= gate` passes) until it holds
 * n rows; then the worst row's score when that row is a number, none (-Infinity) when it is of a
 * class before numbers (a null first, a NaN when descending), any when it is after them. A number
 * offered at its gate loses to the equal row already held, which came first. "Any" cannot be
 * +Infinity: an infinite score would then be turned away from a group with room.
 */
function numberGate(w: Float64Array, b: number, n: number, worst: number): number {
  if (w[b]! < n) return Number.NaN;
  const wc = w[b + worst]!;
  if (wc === NUMBER) return w[b + worst + 1]!;
  return wc < NUMBER ? -Infinity : Number.NaN;
}

/**
 * Offer a candidate to the record at `b`: it goes before the first one it beats (equal ones stay
 * ahead, since rows arrive in order).
 */
function offer(w: Float64Array, b: number, n: number, cls: number, score: number, row: number): void {
  const c = w[b]!;
  let p = c;
  while (p > 0) {
    const at = b + 1 + 3 * (p - 1);
    const pc = w[at]!;
    if (cls < pc || (cls === pc && score < w[at + 1]!)) p--;
    else break;
  }
  if (p >= n) return;
  for (let k = c < n ? c : n - 1; k > p; k--) {
    const to = b + 1 + 3 * k;
    w[to] = w[to - 3]!;
    w[to + 1] = w[to - 2]!;
    w[to + 2] = w[to - 1]!;
  }
  const at = b + 1 + 3 * p;
  w[at] = cls;
  w[at + 1] = score;
  w[at + 2] = row;
  if (c < n) w[b] = c + 1;
}

/**
 * Set `mask[row] = 1` for every row a merged `headRows` / `topN` state keeps.
 *
 * @example
 * markRows(spec, merged, groups, mask); // mask has one byte per input row
 */
export function markRows(spec: AggKernelSpec, s: AggState, groups: number, mask: Uint8Array): void {
  if (spec.op === 'headRows') {
    const taken = new Int32Array(groups);
    const n = spec.n!;
    forEachSlice(s, (g, part, a, b) => {
      for (let p = a; p < b && taken[g]! < n; p++) {
        mask[part.i[p]!] = 1;
        taken[g]!++;
      }
    });
    return;
  }
  const w = s.wide;
  for (let g = 0; g < groups; g++) {
    const b = g * s.stride;
    for (let k = 0; k < w[b]!; k++) mask[w[b + 3 + 3 * k]!] = 1;
  }
}

function globalRow(ctx: RowContext, i: number): number {
  return ctx.rowBase + (ctx.sel === null ? i : ctx.sel[i]!);
}

/**
 * Sort classes, in output order: nulls first, NaN when descending (largest first), numbers,
 * NaN when ascending, nulls last. Within a class, smaller scores come first.
 */
function classOf(spec: AggKernelSpec, isNull: boolean, x: number): number {
  if (isNull) return spec.nullsLast === false ? 0 : 4;
  if (x !== x) return spec.descending ? 1 : 3;
  return 2;
}

function scoreOf(spec: AggKernelSpec, isNull: boolean, x: number): number {
  if (isNull || x !== x) return 0;
  return spec.descending ? -x : x;
}
