/** The fused loop reads each kernel's own state layout: folding rows with it, or with the kernel, finalizes to the same answer. */
import { describe, expect, it } from 'vitest';
import { aggKernel } from '../../../kernels/aggregate/index.js';
import { fusedMerge, fusedUpdate } from '../../../kernels/aggregate/fused.js';
import type { AggKernelSpec } from '../../../kernels/aggregate/state.js';
import type { Vec } from '../../../kernels/vec.js';

const ROWS = 64;
const GROUPS = 5;
const slots = Int32Array.from({ length: ROWS }, (_, i) => (i * 7) % GROUPS);
const f64: Vec = {
  kind: 'f64',
  length: ROWS,
  values: Float64Array.from({ length: ROWS }, (_, i) => (i % 3 === 0 ? -i / 4 : i * 1.5)),
  valid: Uint8Array.from({ length: ROWS }, (_, i) => (i % 5 === 0 ? 0 : 1)),
};
const i32: Vec = { kind: 'i32', length: ROWS, values: Int32Array.from({ length: ROWS }, (_, i) => ((i * 37) % 101) - 50), valid: null };

const CASES: readonly [AggKernelSpec, Vec | null][] = [
  [{ op: 'sum', kind: 'f64' }, f64],
  [{ op: 'sum', kind: 'i32' }, i32],
  [{ op: 'mean', kind: 'f64' }, f64],
  [{ op: 'mean', kind: 'i32' }, i32],
  [{ op: 'count', kind: 'f64' }, f64],
  [{ op: 'len', kind: null }, null],
  [{ op: 'min', kind: 'f64' }, f64],
  [{ op: 'max', kind: 'i32' }, i32],
];

const plain = (v: Vec): unknown => ({
  kind: v.kind,
  values: Array.from(v.values as ArrayLike<number | bigint>),
  valid: v.valid === null ? null : [...v.valid],
});

describe('named state layouts', () => {
  it.each(CASES)('%o: the fused loop and merge fill the arrays the kernel finalizes', (spec, input) => {
    const kernel = aggKernel(spec);
    // the kernel's own update, in two halves merged by the kernel
    const half = ROWS / 2;
    const cut = (v: Vec | null, from: number): Vec | null =>
      v === null
        ? null
        : {
            ...v,
            length: half,
            values: v.values.subarray(from, from + half) as Vec['values'],
            valid: v.valid === null ? null : v.valid.subarray(from, from + half),
          };
    const a = kernel.init(spec, GROUPS);
    const b = kernel.init(spec, GROUPS);
    kernel.update(spec, a, cut(input, 0), null, slots.subarray(0, half), half, { rowBase: 0, sel: null });
    kernel.update(spec, b, cut(input, half), null, slots.subarray(half), half, { rowBase: half, sel: null });
    const ids = Int32Array.from({ length: GROUPS }, (_, g) => g);
    kernel.merge(spec, a, ids, b, 0, GROUPS);
    // the fused loop over the same halves, merged by the fused merge
    const fa = kernel.init(spec, GROUPS);
    const fb = kernel.init(spec, GROUPS);
    const run = (state: typeof fa, from: number): Int32Array => {
      const first = new Int32Array(GROUPS).fill(-1);
      const seen = new Int32Array(1);
      fusedUpdate(
        [spec],
        [cut(input, from)],
        [state],
        { slots: slots.subarray(from, from + half) },
        GROUPS,
        first,
        seen,
        GROUPS,
        half,
        from,
        null,
      );
      return first;
    };
    const firstA = run(fa, 0);
    const firstB = run(fb, half);
    fusedMerge([spec], [fa], firstA, [fb], firstB, 0, GROUPS);
    expect(plain(kernel.finalize(spec, fa, GROUPS, false))).toEqual(plain(kernel.finalize(spec, a, GROUPS, false)));
    expect([...firstA]).toEqual([0, 1, 2, 3, 4].map((g) => slots.indexOf(g)));
  });
});
