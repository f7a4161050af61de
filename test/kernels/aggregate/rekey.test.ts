/** A dense partial moved to another key layout: the hash partial buildPartial makes of the same rows, group for group. */
import { describe, expect, it } from 'vitest';
import { createDense, updateDense } from '../../../kernels/aggregate/dense.js';
import { aggKernel } from '../../../kernels/aggregate/index.js';
import { buildPartial, type GroupPartial } from '../../../kernels/aggregate/partial.js';
import { denseAsGroups } from '../../../kernels/aggregate/rekey.js';
import type { AggKernelSpec } from '../../../kernels/aggregate/state.js';
import { makeKeyLayout, reachableSlots, slotCount } from '../../../kernels/hash/keys.js';
import type { Vec } from '../../../kernels/vec.js';

const SPECS: AggKernelSpec[] = [
  { op: 'sum', kind: 'f64' },
  { op: 'sum', kind: 'i32' },
  { op: 'mean', kind: 'i32' },
  { op: 'min', kind: 'f64' },
  { op: 'max', kind: 'i32' },
  { op: 'count', kind: 'f64' },
  { op: 'len', kind: null },
  { op: 'std', kind: 'f64' },
  { op: 'var', kind: 'i32' },
  { op: 'first', kind: 'f64' },
  { op: 'last', kind: 'i32' },
  { op: 'corr', kind: 'f64', kind2: 'i32' },
];

/** `n` rows: two integer keys (one with nulls) in small ranges, an f64 and an i32 input with nulls. */
function rows(n: number): { keys: Vec[]; x: Vec; v: Vec } {
  let seed = 5;
  const rand = (m: number): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return Math.floor((seed / 2 ** 32) * m);
  };
  const a = Int32Array.from({ length: n }, () => 1000 + rand(40));
  const b = Int32Array.from({ length: n }, () => rand(7) - 3);
  const bValid = Uint8Array.from({ length: n }, () => (rand(10) === 0 ? 0 : 1));
  const x = Float64Array.from({ length: n }, () => rand(2001) / 8 - 125);
  const xValid = Uint8Array.from({ length: n }, () => (rand(12) === 0 ? 0 : 1));
  const v = Int32Array.from({ length: n }, () => rand(100_000) - 50_000);
  return {
    keys: [
      { kind: 'i32', length: n, values: a, valid: null },
      { kind: 'i32', length: n, values: b, valid: bValid },
    ],
    x: { kind: 'f64', length: n, values: x, valid: xValid },
    v: { kind: 'i32', length: n, values: v, valid: null },
  };
}

/** Each aggregation's finalized values, as plain arrays (null where not valid). */
function finals(p: GroupPartial): unknown[][] {
  return SPECS.map((spec, k) => {
    const out = aggKernel(spec).finalize(spec, p.states[k]!, p.groups, false);
    return Array.from(out.values as ArrayLike<number | bigint>, (x, i) => (out.valid !== null && out.valid[i] === 0 ? null : x));
  });
}

describe('denseAsGroups', () => {
  it('gives the groups, first rows, bucket order and states of a hash partial built from the same rows', () => {
    const n = 3000;
    const { keys, x, v } = rows(n);
    const inputs = SPECS.map((s) => ({ a: s.op === 'len' ? null : s.kind === 'f64' ? x : v, b: s.op === 'corr' ? v : null }));
    // the batch's own layout (dense) and the stream's (generic, hashed)
    const from = makeKeyLayout(
      ['i32', 'i32'],
      [true, true],
      [
        [1000, 1039],
        [-3, 3],
      ],
    );
    const to = makeKeyLayout(['i32', 'i32'], [true, true], [null, null]);
    const ctx = { rowBase: 700, sel: null };
    const dense = createDense(SPECS, slotCount(from), reachableSlots(from));
    updateDense(dense, keys, from, SPECS, inputs, n, ctx);
    const got = denseAsGroups(dense, from, to, SPECS);
    const want = buildPartial(keys, to, SPECS, inputs, n, ctx);
    expect(got.groups).toBe(want.groups);
    expect(got.width).toBe(want.width);
    expect([...got.words]).toEqual([...want.words]);
    expect([...got.hashes]).toEqual([...want.hashes]);
    expect([...got.firstRow]).toEqual([...want.firstRow]);
    expect([...got.bucketStart]).toEqual([...want.bucketStart]);
    expect(finals(got)).toEqual(finals(want));
  });

  it('refuses an aggregation whose states gather values', () => {
    const from = makeKeyLayout(['i32'], [true], [[0, 9]]);
    const to = makeKeyLayout(['i32'], [true], [null]);
    const specs: AggKernelSpec[] = [{ op: 'median', kind: 'f64' }];
    expect(() => denseAsGroups(createDense(specs, slotCount(from)), from, to, specs)).toThrow(/per-group/);
  });
});
