/** Dense partials: states indexed by packed key slot, several batches per partial, merged whole or by slot range. */
import { describe, expect, it } from 'vitest';
import { createDense, updateDense, type DensePartial } from '../../../kernels/aggregate/dense.js';
import { markRows, type AggKernelSpec } from '../../../kernels/aggregate/index.js';
import { finalizeGroups, mergeDense } from '../../../kernels/aggregate/merge.js';
import { makeKeyLayout, reachableSlots, slotCount } from '../../../kernels/hash/keys.js';
import { at, close, reference, rng, sliceVec, vec } from './helpers.js';

const rows = 4000;
const r = rng(21);
const rawKey = Array.from({ length: rows }, () => (r() < 0.04 ? null : Math.floor(r() * 40) + 10));
const rawVal = Array.from({ length: rows }, () => (r() < 0.1 ? null : Math.round(r() * 1000) / 4));
const key = vec('i32', rawKey);
const val = vec('f64', rawVal);
const layout = makeKeyLayout(['i32'], [true], [[10, 49]]);
const SPECS: AggKernelSpec[] = [
  { op: 'sum', kind: 'f64' },
  { op: 'mean', kind: 'f64' },
  { op: 'std', kind: 'f64' },
  { op: 'min', kind: 'f64' },
  { op: 'first', kind: 'f64' },
  { op: 'last', kind: 'f64' },
  { op: 'count', kind: 'f64' },
  { op: 'median', kind: 'f64' },
  { op: 'nUnique', kind: 'f64' },
];

/** Partials of `perPartial` batches of `batch` rows each, like dense tasks over several morsels. */
function partials(specs: readonly AggKernelSpec[], batch: number, perPartial: number): DensePartial[] {
  const out: DensePartial[] = [];
  let p: DensePartial | null = null;
  let inPartial = 0;
  for (let s = 0; s < rows; s += batch) {
    if (p === null || inPartial === perPartial) {
      p = createDense(specs, slotCount(layout));
      out.push(p);
      inPartial = 0;
    }
    const e = Math.min(rows, s + batch);
    updateDense(
      p,
      [sliceVec(key, s, e)],
      layout,
      specs,
      specs.map(() => ({ a: sliceVec(val, s, e), b: null })),
      e - s,
      { rowBase: s, sel: null },
    );
    inPartial++;
  }
  return out;
}

describe('dense aggregation', () => {
  it('matches a per-row reference, groups in first-appearance order', () => {
    const merged = mergeDense(partials(SPECS, 300, 3), SPECS, 0, slotCount(layout), false);
    const f = finalizeGroups(merged, layout, SPECS, false);
    const groups = new Map<number | null, (number | null)[]>();
    rawKey.forEach((k, i) => {
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(rawVal[i]!);
    });
    expect(Array.from({ length: f.groups }, (_, g) => at(f.keys[0]!, g))).toEqual([...groups.keys()]);
    SPECS.forEach((spec, k) => {
      for (let g = 0; g < f.groups; g++) {
        const want = reference(spec.op, groups.get(at(f.keys[0]!, g) as number | null)!, 0.5, 'f64');
        expect(close(at(f.values[k]!, g), want), `${spec.op} group ${g}`).toBe(true);
      }
    });
  });

  it('gives bit-identical results merged whole or by slot ranges', () => {
    const ps = partials(SPECS, 250, 2);
    const size = slotCount(layout);
    const whole = finalizeGroups(mergeDense(ps, SPECS, 0, size, false), layout, SPECS, false);
    const byKey = new Map<unknown, number>();
    for (let g = 0; g < whole.groups; g++) byKey.set(at(whole.keys[0]!, g), g);
    let seen = 0;
    for (const [s0, s1] of [
      [0, 17],
      [17, 40],
      [40, size],
    ] as const) {
      const part = finalizeGroups(mergeDense(ps, SPECS, s0, s1, false), layout, SPECS, false);
      for (let g = 0; g < part.groups; g++) {
        const w = byKey.get(at(part.keys[0]!, g))!;
        SPECS.forEach((_, k) => expect(Object.is(at(part.values[k]!, g), at(whole.values[k]!, w))).toBe(true));
        seen++;
      }
    }
    expect(seen).toBe(whole.groups);
  });

  it('takes a lone partial of simple aggregations as the merge, with the same bits as merging it by ranges', () => {
    const simple: AggKernelSpec[] = [
      { op: 'sum', kind: 'f64' },
      { op: 'mean', kind: 'f64' },
      { op: 'max', kind: 'f64' },
      { op: 'count', kind: 'f64' },
    ];
    const [p] = partials(simple, 500, 100);
    const size = slotCount(layout);
    const whole = mergeDense([p!], simple, 0, size, false);
    expect(whole.states[0]).toBe(p!.states[0]); // no copy
    const lone = finalizeGroups(whole, layout, simple, false);
    const halves = [
      finalizeGroups(mergeDense([p!], simple, 0, 20, false), layout, simple, false),
      finalizeGroups(mergeDense([p!], simple, 20, size, false), layout, simple, false),
    ];
    const byKey = new Map<unknown, unknown[]>();
    for (const h of halves)
      for (let g = 0; g < h.groups; g++)
        byKey.set(
          at(h.keys[0]!, g),
          h.values.map((v) => at(v, g)),
        );
    expect(byKey.size).toBe(lone.groups);
    for (let g = 0; g < lone.groups; g++) {
      const got = lone.values.map((v) => at(v, g));
      byKey.get(at(lone.keys[0]!, g))!.forEach((w, k) => expect(Object.is(got[k], w)).toBe(true));
    }
  });

  it('tests for first rows until every reachable slot is seen, and only then stops', () => {
    // keys 2..5 for a long while, key 1 only at the end: slot 0 (lo stays 0) is never reached
    const bounded = makeKeyLayout(['i32'], [false], [[1, 5]]);
    const spec: AggKernelSpec = { op: 'sum', kind: 'f64' };
    const n = 3000;
    const keys = Array.from({ length: n }, (_, i) => (i === n - 1 ? 1 : 2 + (i % 4)));
    const p = createDense([spec], slotCount(bounded), reachableSlots(bounded));
    expect(p.unseen).toBe(5);
    for (let s = 0; s < n; s += 1000) {
      const e = Math.min(n, s + 1000);
      updateDense(
        p,
        [vec('i32', keys.slice(s, e))],
        bounded,
        [spec],
        [
          {
            a: vec(
              'f64',
              keys.slice(s, e).map(() => 1),
            ),
            b: null,
          },
        ],
        e - s,
        { rowBase: s, sel: null },
      );
    }
    expect(p.unseen).toBe(0);
    const f = finalizeGroups(mergeDense([p], [spec], 0, p.size, false), bounded, [spec], false);
    expect(Array.from({ length: f.groups }, (_, g) => at(f.keys[0]!, g))).toEqual([2, 3, 4, 5, 1]);
    expect(Array.from({ length: f.groups }, (_, g) => at(f.values[0]!, g))).toEqual([750, 750, 750, 749, 1]);
  });

  it('keeps per-group heads and top n across batches of one partial', () => {
    const head: AggKernelSpec = { op: 'headRows', kind: null, n: 2 };
    const top: AggKernelSpec = { op: 'topN', kind: 'f64', n: 2, descending: true, nullsLast: true };
    for (const spec of [head, top]) {
      const m = mergeDense(partials([spec], 128, 4), [spec], 0, slotCount(layout), false);
      const mask = new Uint8Array(rows);
      markRows(spec, m.states[0]!, m.size, mask);
      const want = new Uint8Array(rows);
      const order = rawKey.map((_, i) => i);
      if (spec.op === 'topN') {
        const rank = (x: number | null): number => (x === null ? Infinity : -x);
        order.sort((a, b) => rank(rawVal[a]!) - rank(rawVal[b]!) || a - b);
      }
      const taken = new Map<number | null, number>();
      for (const i of order) {
        const t = taken.get(rawKey[i]!) ?? 0;
        if (t < 2) want[i] = 1;
        taken.set(rawKey[i]!, t + 1);
      }
      expect(Array.from(mask)).toEqual(Array.from(want));
    }
  });

  it('refuses a key outside its planned bounds instead of dropping its rows', () => {
    const spec: AggKernelSpec = { op: 'sum', kind: 'f64' };
    const bounded = makeKeyLayout(['i32'], [false], [[100, 149]]);
    const p = createDense([spec], slotCount(bounded));
    const run = (): void =>
      updateDense(p, [vec('i32', [120, 160])], bounded, [spec], [{ a: vec('f64', [1, 2]), b: null }], 2, { rowBase: 0, sel: null });
    expect(run).toThrow(/outside its planned range/);
  });

  it('yields one group without keys, even over no rows', () => {
    const none = makeKeyLayout([], [], []);
    const spec: AggKernelSpec = { op: 'mean', kind: 'f64' };
    const m = mergeDense([createDense([spec], slotCount(none))], [spec], 0, 1, true);
    const f = finalizeGroups(m, none, [spec], false);
    expect(f.groups).toBe(1);
    expect(at(f.values[0]!, 0)).toBeNull();
  });

  it('skips sorting when slots are already in order of first appearance, and sorts when they are not', () => {
    const codes = makeKeyLayout(['i32'], [false], [[0, 39]]);
    const specs: AggKernelSpec[] = [{ op: 'sum', kind: 'f64' }];
    const run = (keys: number[]) => {
      const p = createDense(specs, slotCount(codes));
      updateDense(
        p,
        [vec('i32', keys)],
        codes,
        specs,
        [
          {
            a: vec(
              'f64',
              keys.map((_, i) => i),
            ),
            b: null,
          },
        ],
        keys.length,
        { rowBase: 0, sel: null },
      );
      return mergeDense([p], specs, 0, slotCount(codes), false);
    };
    const keysOf = (m: ReturnType<typeof run>) => {
      const f = finalizeGroups(m, codes, specs, false);
      return Array.from({ length: f.groups }, (_, g) => at(f.keys[0]!, g));
    };
    // every slot seen, in slot order (as the codes of a string key are): no order to apply
    const all = Array.from({ length: 40 }, (_, i) => i);
    const inOrder = run([...all, ...all]);
    expect(inOrder.order).toBeNull();
    expect(keysOf(inOrder)).toEqual(all);
    // the same keys first met in another order come out in that order
    const reversed = [...all].reverse();
    const m = run(reversed);
    expect(m.order).not.toBeNull();
    expect(keysOf(m)).toEqual(reversed);
  });

  it('counts rows once per slot when several counts are one per row, with the same answers', () => {
    // no nulls in the values: mean, count and len all count every row of a group
    const noNulls = vec(
      'f64',
      rawVal.map((v, i) => v ?? i / 8),
    );
    const specs: AggKernelSpec[] = [
      { op: 'mean', kind: 'f64' },
      { op: 'count', kind: 'f64' },
      { op: 'len', kind: 'f64' },
      { op: 'mean', kind: 'f64' },
      { op: 'count', kind: 'f64' },
    ];
    // a nullable input among them keeps its own count
    const withNulls = [noNulls, noNulls, null, noNulls, val];
    const p = createDense(specs, slotCount(layout));
    for (let s = 0; s < rows; s += 300) {
      const e = Math.min(rows, s + 300);
      updateDense(
        p,
        [sliceVec(key, s, e)],
        layout,
        specs,
        withNulls.map((v) => ({ a: v === null ? null : sliceVec(v, s, e), b: null })),
        e - s,
        { rowBase: s, sel: null },
      );
    }
    const f = finalizeGroups(mergeDense([p], specs, 0, slotCount(layout), false), layout, specs, false);
    const groups = new Map<number | null, number[]>();
    rawKey.forEach((k, i) => {
      if (!groups.has(k)) groups.set(k, []);
      groups.get(k)!.push(i);
    });
    for (let g = 0; g < f.groups; g++) {
      const rowsOf = groups.get(at(f.keys[0]!, g) as number | null)!;
      const xs = rowsOf.map((i) => at(noNulls, i) as number);
      expect(close(at(f.values[0]!, g), xs.reduce((a, b) => a + b, 0) / xs.length)).toBe(true);
      expect(at(f.values[1]!, g)).toBe(rowsOf.length);
      expect(at(f.values[2]!, g)).toBe(rowsOf.length);
      expect(at(f.values[4]!, g)).toBe(rowsOf.filter((i) => rawVal[i] !== null).length);
    }
  });
});
