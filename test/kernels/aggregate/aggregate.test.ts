/** Aggregation kernels against a row-at-a-time reference, through partials and morsel-order merges. */
import { describe, expect, it } from 'vitest';
import { BUCKETS } from '../../../kernels/hash/hash.js';
import { makeKeyLayout } from '../../../kernels/hash/keys.js';
import { buildPartial, type GroupPartial } from '../../../kernels/aggregate/partial.js';
import { finalizeGroups, mergePartials } from '../../../kernels/aggregate/merge.js';
import { aggKernel, markRows, type AggKernelSpec } from '../../../kernels/aggregate/index.js';
import type { Vec, VecKind } from '../../../kernels/vec.js';
import { at, close, reference, referenceCorr, rng, sliceVec, vec } from './helpers.js';

function dataset(seed: number, rows: number, kind: VecKind) {
  const r = rng(seed);
  const keys: (number | null)[] = [];
  const vals: (number | bigint | boolean | null)[] = [];
  const vals2: (number | null)[] = [];
  for (let i = 0; i < rows; i++) {
    keys.push(r() < 0.05 ? null : Math.floor(r() * 37) - 5);
    const x = r();
    if (x < 0.1) vals.push(null);
    else if (kind === 'f64') vals.push(x < 0.12 ? NaN : x < 0.14 ? -0 : Math.round((r() - 0.3) * 1000) / 8);
    else if (kind === 'i32') vals.push(Math.floor((r() - 0.5) * 2000));
    else if (kind === 'i64') vals.push(BigInt(Math.floor((r() - 0.5) * 2e6)) * 1000003n);
    else vals.push(r() < 0.5);
    vals2.push(r() < 0.1 ? null : Math.floor(r() * 100) / 4);
  }
  return { keys: vec('i32', keys), values: vec(kind, vals), values2: vec('f64', vals2), rawKeys: keys, rawVals: vals, rawVals2: vals2 };
}

/** The rows a stable sort by `raw` followed by the first `n` per group keeps, as a mask. */
function topNReference(
  raw: readonly (number | null)[],
  groupOf: (i: number) => number,
  n: number,
  descending: boolean,
  nullsLast: boolean,
): Uint8Array {
  const rank = (x: number | null): [number, number] =>
    x === null ? [nullsLast ? 4 : 0, 0] : Number.isNaN(x) ? [descending ? 1 : 3, 0] : [2, descending ? -x : x];
  const order = raw
    .map((_, i) => i)
    .sort((a, b) => {
      const [ca, sa] = rank(raw[a]!);
      const [cb, sb] = rank(raw[b]!);
      return ca - cb || sa - sb || a - b;
    });
  const taken = new Map<number, number>();
  const want = new Uint8Array(raw.length);
  for (const i of order) {
    const g = groupOf(i);
    const t = taken.get(g) ?? 0;
    if (t < n) want[i] = 1;
    taken.set(g, t + 1);
  }
  return want;
}

function partialsOf(
  key: Vec,
  inputs: { a: Vec | null; b: Vec | null },
  specs: AggKernelSpec[],
  rows: number,
  morsel: number,
): GroupPartial[] {
  const layout = makeKeyLayout(['i32'], [true], [null]);
  const out: GroupPartial[] = [];
  for (let s = 0; s < rows; s += morsel) {
    const e = Math.min(rows, s + morsel);
    const ins = specs.map(() => ({ a: inputs.a && sliceVec(inputs.a, s, e), b: inputs.b && sliceVec(inputs.b, s, e) }));
    out.push(buildPartial([sliceVec(key, s, e)], layout, specs, ins, e - s, { rowBase: s, sel: null }));
  }
  return out;
}

const OPS: Record<VecKind, string[]> = {
  f64: ['sum', 'mean', 'min', 'max', 'count', 'len', 'first', 'last', 'nUnique', 'var', 'std', 'median', 'quantile'],
  i32: ['sum', 'mean', 'min', 'max', 'count', 'first', 'last', 'nUnique', 'var', 'std', 'median', 'quantile'],
  i64: ['sum', 'min', 'max', 'count', 'first', 'last', 'nUnique', 'mean'],
  bool: ['sum', 'count', 'first', 'last', 'nUnique', 'min', 'max', 'mean'],
};

describe('aggregation kernels match a per-row reference', () => {
  const rows = 3000;
  for (const kind of ['f64', 'i32', 'i64', 'bool'] as VecKind[]) {
    for (const op of OPS[kind]) {
      it(`${op} over ${kind} (nulls, two morsel sizes, whole and bucketed merges)`, () => {
        const d = dataset(op.length * 31 + kind.length, rows, kind);
        const spec: AggKernelSpec = { op: op as AggKernelSpec['op'], kind: op === 'len' ? null : kind, q: 0.3 };
        const groupsRef = new Map<number | null, (number | bigint | boolean | null)[]>();
        d.rawKeys.forEach((k, i) => {
          if (!groupsRef.has(k)) groupsRef.set(k, []);
          groupsRef.get(k)!.push(d.rawVals[i]!);
        });
        const firstOrder = [...groupsRef.keys()];
        for (const morsel of [rows, 250]) {
          const parts = partialsOf(d.keys, { a: d.values, b: null }, [spec], rows, morsel);
          const layout = makeKeyLayout(['i32'], [true], [null]);
          const whole = finalizeGroups(mergePartials(parts, [spec], null, false), layout, [spec], false);
          // groups come out in order of first appearance
          expect(Array.from({ length: whole.groups }, (_, g) => at(whole.keys[0]!, g))).toEqual(firstOrder);
          for (let g = 0; g < whole.groups; g++) {
            const key = at(whole.keys[0]!, g) as number | null;
            const want = reference(op, groupsRef.get(key)!, 0.3, kind);
            const got = at(whole.values[0]!, g);
            expect(close(got, want), `${op} group ${key}: got ${got}, want ${want}`).toBe(true);
          }
          // bucketed merges cover every group once with bit-identical results
          let seen = 0;
          for (let b = 0; b < BUCKETS; b++) {
            const m = mergePartials(parts, [spec], b, false);
            const f = finalizeGroups(m, layout, [spec], false);
            for (let g = 0; g < f.groups; g++) {
              const key = at(f.keys[0]!, g) as number | null;
              const wg = firstOrder.indexOf(key);
              expect(Object.is(at(f.values[0]!, g), at(whole.values[0]!, wg))).toBe(true);
              seen++;
            }
          }
          expect(seen).toBe(whole.groups);
        }
      });
    }
  }

  it('corr over pairs where both sides are present', () => {
    const d = dataset(99, rows, 'f64');
    const x = d.rawVals.map((v) => (v === null || Number.isNaN(v as number) ? null : (v as number)));
    const xv = vec('f64', x);
    const spec: AggKernelSpec = { op: 'corr', kind: 'f64', kind2: 'f64' };
    const parts = partialsOf(d.keys, { a: xv, b: d.values2 }, [spec], rows, 333);
    const f = finalizeGroups(mergePartials(parts, [spec], null, false), makeKeyLayout(['i32'], [true], [null]), [spec], false);
    for (let g = 0; g < f.groups; g++) {
      const key = at(f.keys[0]!, g);
      const idx = d.rawKeys.flatMap((k, i) => (k === key ? [i] : []));
      const want = referenceCorr(
        idx.map((i) => x[i]!),
        idx.map((i) => d.rawVals2[i]!),
      );
      expect(close(at(f.values[0]!, g), want, 1e-7)).toBe(true);
    }
  });

  it('corr stays exact for values far from zero with a small spread', () => {
    // x = 1e9 + t, y = 1e9 - 3t + noise: sums of raw squares would cancel to nothing in f64
    const n = 5000;
    const r = rng(7);
    const keys: number[] = [];
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < n; i++) {
      keys.push(i % 3);
      const t = Math.floor(r() * 1000) / 16;
      xs.push(1e9 + t);
      ys.push(1e9 - 3 * t + Math.floor(r() * 64) / 16);
    }
    const spec: AggKernelSpec = { op: 'corr', kind: 'f64', kind2: 'f64' };
    const parts = partialsOf(vec('i32', keys), { a: vec('f64', xs), b: vec('f64', ys) }, [spec], n, 777);
    const f = finalizeGroups(mergePartials(parts, [spec], null, false), makeKeyLayout(['i32'], [true], [null]), [spec], false);
    expect(f.groups).toBe(3);
    for (let g = 0; g < 3; g++) {
      const key = at(f.keys[0]!, g) as number;
      const idx = keys.flatMap((k, i) => (k === key ? [i] : []));
      // the reference on the values less their common offset, which f64 holds exactly
      const want = referenceCorr(
        idx.map((i) => xs[i]! - 1e9),
        idx.map((i) => ys[i]! - 1e9),
      );
      expect(close(at(f.values[0]!, g), want, 1e-9)).toBe(true);
    }
  });

  it('Int32 sums are exact Int64 values', () => {
    const v = vec('i32', [2147483647, 2147483647, 2147483647, -5]);
    const k = vec('i32', [1, 1, 1, 1]);
    const spec: AggKernelSpec = { op: 'sum', kind: 'i32' };
    const parts = partialsOf(k, { a: v, b: null }, [spec], 4, 2);
    const f = finalizeGroups(mergePartials(parts, [spec], null, false), makeKeyLayout(['i32'], [true], [null]), [spec], false);
    expect(f.values[0]!.kind).toBe('i64');
    expect(at(f.values[0]!, 0)).toBe(3n * 2147483647n - 5n);
  });

  it('an aggregation without keys yields one group over zero rows', () => {
    const spec: AggKernelSpec = { op: 'sum', kind: 'f64' };
    const m = mergePartials([], [spec], null, true, 0);
    const f = finalizeGroups(m, makeKeyLayout([], [], []), [spec], false);
    expect(f.groups).toBe(1);
    expect(at(f.values[0]!, 0)).toBe(0);
  });

  it('headRows keeps the first n rows of each group across morsels', () => {
    const keys = vec('i32', [1, 2, 1, 1, 2, 3, 1, 2, 2, 3]);
    const spec: AggKernelSpec = { op: 'headRows', kind: null, n: 2 };
    const parts = partialsOf(keys, { a: null, b: null }, [spec], 10, 3);
    const m = mergePartials(parts, [spec], null, false);
    const mask = new Uint8Array(10);
    markRows(spec, m.states[0]!, m.groups, mask);
    expect(Array.from(mask)).toEqual([1, 1, 1, 0, 1, 1, 0, 0, 0, 1]);
  });

  it('topN keeps the best n per group with ties in input order, like a stable sort then head', () => {
    const r = rng(5);
    const n = 400;
    const keys = vec(
      'i32',
      Array.from({ length: n }, () => Math.floor(r() * 9)),
    );
    const raw = Array.from({ length: n }, () => (r() < 0.1 ? null : r() < 0.05 ? NaN : Math.floor(r() * 20)));
    const vals = vec('f64', raw);
    for (const descending of [true, false]) {
      for (const nullsLast of [true, false]) {
        const spec: AggKernelSpec = { op: 'topN', kind: 'f64', n: 3, descending, nullsLast };
        const parts = partialsOf(keys, { a: vals, b: null }, [spec], n, 37);
        const m = mergePartials(parts, [spec], null, false);
        const mask = new Uint8Array(n);
        markRows(spec, m.states[0]!, m.groups, mask);
        const want = topNReference(raw, (i) => at(keys, i) as number, 3, descending, nullsLast);
        expect(Array.from(mask)).toEqual(Array.from(want));
      }
    }
  });

  it('topN keeps the same rows when one state takes them in many batches (its gates carry over)', () => {
    const r = rng(9);
    const n = 600;
    const groups = 7;
    const gids = Int32Array.from({ length: n }, () => Math.floor(r() * groups));
    const raw = Array.from({ length: n }, () => (r() < 0.08 ? null : r() < 0.06 ? NaN : Math.floor(r() * 12)));
    for (const descending of [true, false]) {
      for (const nullsLast of [true, false]) {
        const spec: AggKernelSpec = { op: 'topN', kind: 'f64', n: 2, descending, nullsLast };
        const kernel = aggKernel(spec);
        const batched = kernel.init(spec, groups);
        for (let start = 0; start < n; start += 23) {
          const end = Math.min(n, start + 23);
          kernel.update(spec, batched, vec('f64', raw.slice(start, end)), null, gids.subarray(start, end), end - start, {
            rowBase: start,
            sel: null,
          });
        }
        const got = new Uint8Array(n);
        markRows(spec, batched, groups, got);
        const want = topNReference(raw, (i) => gids[i]!, 2, descending, nullsLast);
        expect(Array.from(got)).toEqual(Array.from(want));
        expect(got.reduce((a, b) => a + b, 0)).toBe(2 * groups);
      }
    }
  });
});
