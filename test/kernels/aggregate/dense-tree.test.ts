/** The fixed merge tree over dense partials: the same answer, bit for bit, however the tasks are cut into batches. */
import { describe, expect, it } from 'vitest';
import { createDense, recycleDense, updateDense, type DensePartial } from '../../../kernels/aggregate/dense.js';
import { mergesByTree, reduceTree, treeNodes } from '../../../kernels/aggregate/dense-tree.js';
import { finalizeGroups, mergeDense } from '../../../kernels/aggregate/merge.js';
import type { AggKernelSpec } from '../../../kernels/aggregate/state.js';
import { makeKeyLayout, slotCount } from '../../../kernels/hash/keys.js';
import { at, rng, sliceVec, vec } from './helpers.js';

const rows = 3000;
const r = rng(5);
const rawKey = Array.from({ length: rows }, () => (r() < 0.05 ? null : Math.floor(r() * 30)));
// values whose sums depend on the order of additions
const rawVal = Array.from({ length: rows }, () => (r() < 0.1 ? null : (r() - 0.5) * 10 ** Math.floor(r() * 12)));
const key = vec('i32', rawKey);
const val = vec('f64', rawVal);
const layout = makeKeyLayout(['i32'], [true], [[0, 29]]);
const SPECS: AggKernelSpec[] = [
  { op: 'sum', kind: 'f64' },
  { op: 'mean', kind: 'f64' },
  { op: 'min', kind: 'f64' },
  { op: 'max', kind: 'f64' },
  { op: 'count', kind: 'f64' },
  { op: 'len', kind: null },
];
const TASKS = 7;

/** One fresh dense partial per task, each over an equal run of rows. */
function taskPartials(): DensePartial[] {
  return Array.from({ length: TASKS }, (_, t) => {
    const s = Math.floor((t * rows) / TASKS);
    const e = Math.floor(((t + 1) * rows) / TASKS);
    const p = createDense(SPECS, slotCount(layout));
    updateDense(
      p,
      [sliceVec(key, s, e)],
      layout,
      SPECS,
      SPECS.map(() => ({ a: sliceVec(val, s, e), b: null })),
      e - s,
      { rowBase: s, sel: null },
    );
    return p;
  });
}

/** Every way to cut [0, n) into contiguous batches, as lists of cut points. */
function cuts(n: number): number[][] {
  if (n === 0) return [[0]];
  const out: number[][] = [];
  for (let first = 1; first <= n; first++) for (const rest of cuts(n - first)) out.push([0, ...rest.map((c) => c + first)]);
  return out;
}

/** The finished answer of partials merged in order (or of one tree root), as float bits: "the same" means bit for bit. */
function answer(...partials: DensePartial[]): string[] {
  const f = finalizeGroups(mergeDense(partials, SPECS, 0, slotCount(layout), false), layout, SPECS, false);
  const f64 = new Float64Array(1);
  const u = new Uint32Array(f64.buffer);
  const cell = (v: unknown): string => {
    if (typeof v !== 'number') return String(v);
    f64[0] = v;
    return `${u[0]}:${u[1]}`;
  };
  return Array.from({ length: f.groups }, (_, g) => [at(f.keys[0]!, g), ...f.values.map((v) => at(v, g))].map(cell).join(' '));
}

describe('dense merge tree', () => {
  it('lists the largest subtrees inside a run of tasks', () => {
    expect(treeNodes(8, 0, 8)).toEqual([[0, 8]]);
    expect(treeNodes(8, 0, 4)).toEqual([[0, 4]]);
    expect(treeNodes(8, 3, 6)).toEqual([
      [3, 4],
      [4, 6],
    ]);
    expect(treeNodes(5, 0, 3)).toEqual([
      [0, 2],
      [2, 3],
    ]);
    expect(treeNodes(0, 0, 0)).toEqual([]);
    // every task falls in exactly one node, in order
    for (const c of cuts(TASKS)) {
      const flat = c.slice(1).flatMap((to, i) => treeNodes(TASKS, c[i]!, to));
      expect(flat.flatMap(([lo, hi]) => Array.from({ length: hi - lo }, (_, k) => lo + k))).toEqual([...Array(TASKS).keys()]);
    }
  });

  it('gives the same bits from single tasks as from subtrees merged by any cut into batches', () => {
    const whole = answer(reduceTree(0, TASKS, (lo, hi) => (hi - lo === 1 ? taskPartials()[lo]! : null), SPECS));
    for (const c of cuts(TASKS)) {
      const parts = taskPartials();
      // each batch merges its own subtrees first, as a worker does
      const known = new Map<string, DensePartial>();
      c.slice(1).forEach((to, i) => {
        for (const [lo, hi] of treeNodes(TASKS, c[i]!, to))
          known.set(
            `${lo}-${hi}`,
            reduceTree(lo, hi, (a, b) => (b - a === 1 ? parts[a]! : null), SPECS),
          );
      });
      const root = reduceTree(0, TASKS, (lo, hi) => known.get(`${lo}-${hi}`) ?? null, SPECS);
      expect(answer(root), `batches cut at ${c.join(',')}`).toEqual(whole);
    }
    // slot range by slot range, as the main thread finishes a large tree
    const parts = taskPartials();
    let root: DensePartial | null = null;
    for (const range of [
      [0, 7],
      [7, 20],
      [20, slotCount(layout)],
    ] as const) {
      root = reduceTree(0, TASKS, (lo, hi) => (hi - lo === 1 ? parts[lo]! : null), SPECS, range);
    }
    expect(answer(root!)).toEqual(whole);
    // the data is order-sensitive: merging the same partials in task order rounds differently
    expect(answer(...taskPartials())).not.toEqual(whole);
  });

  it('agrees with merging every task partial in order, up to float rounding, groups in first-appearance order', () => {
    const root = reduceTree(
      0,
      TASKS,
      (
        (ps) => (lo: number, hi: number) =>
          hi - lo === 1 ? ps[lo]! : null
      )(taskPartials()),
      SPECS,
    );
    const tree = finalizeGroups(mergeDense([root], SPECS, 0, root.size, false), layout, SPECS, false);
    const fold = finalizeGroups(mergeDense(taskPartials(), SPECS, 0, root.size, false), layout, SPECS, false);
    expect(tree.groups).toBe(fold.groups);
    // the rounding of a sum in any order is bounded by a small multiple of the sum of magnitudes
    const magnitude = new Map<number | null, number>();
    rawKey.forEach((k, i) => magnitude.set(k, (magnitude.get(k) ?? 0) + Math.abs(rawVal[i] ?? 0)));
    for (let g = 0; g < tree.groups; g++) {
      const k0 = at(tree.keys[0]!, g) as number | null;
      expect(k0).toBe(at(fold.keys[0]!, g));
      const bound = 1e-12 * (magnitude.get(k0) ?? 0);
      SPECS.forEach((spec, k) => {
        const a = at(tree.values[k]!, g) as number | null;
        const b = at(fold.values[k]!, g) as number | null;
        if (a === null || b === null) expect(a).toBe(b);
        else expect(Math.abs(a - b), `${spec.op} group ${g}`).toBeLessThanOrEqual(bound);
      });
    }
  });

  it('reuses a spent partial, emptied, for the next one of the same shape', () => {
    const [spent] = taskPartials();
    recycleDense(spent!, SPECS);
    const again = createDense(SPECS, slotCount(layout));
    expect(again).toBe(spent);
    expect(Array.from(again.first).every((f) => f === -1)).toBe(true);
    expect(again.states.every((st) => st.f.every((a) => a.every((x) => x === 0)) && st.i.every((a) => a.every((x) => x === 0)))).toBe(true);
    // and answers stay the same when every partial comes from recycled memory
    const before = answer(
      reduceTree(
        0,
        TASKS,
        (
          (ps) => (lo: number, hi: number) =>
            hi - lo === 1 ? ps[lo]! : null
        )(taskPartials()),
        SPECS,
      ),
    );
    const after = answer(
      reduceTree(
        0,
        TASKS,
        (
          (ps) => (lo: number, hi: number) =>
            hi - lo === 1 ? ps[lo]! : null
        )(taskPartials()),
        SPECS,
      ),
    );
    expect(after).toEqual(before);
    // aggregations with gathered values are never kept
    const median: AggKernelSpec[] = [{ op: 'median', kind: 'f64' }];
    const p = createDense(median, 8);
    recycleDense(p, median);
    expect(createDense(median, 8)).not.toBe(p);
  });

  it('is only for aggregations that merge slot by slot', () => {
    expect(mergesByTree(SPECS)).toBe(true);
    expect(mergesByTree([{ op: 'median', kind: 'f64' }])).toBe(false);
    expect(mergesByTree([{ op: 'first', kind: 'f64' }])).toBe(false);
  });
});
