/** argsort and mergeRuns against a comparator sort: stability, NaN and null placement, several keys. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { take } from '../../kernels/select.js';
import { argsort, compareRows, mergeRuns, splitRuns } from '../../kernels/sort.js';
import type { Vec, VecKind } from '../../kernels/vec.js';
import { genVec, I64_MAX, I64_MIN, rng } from './support/gen.js';
import { refArgsort } from './support/sort-reference.js';
import { fromJs, toJs } from './support/values.js';

const kindArb = fc.constantFrom<VecKind>('i32', 'i64', 'f64', 'bool');
const keySpec = fc.record({ kind: kindArb, descending: fc.boolean(), nullsLast: fc.boolean(), nullRate: fc.constantFrom(0, 0.2) });
const sortCase = fc.record({
  keys: fc.array(keySpec, { minLength: 1, maxLength: 3 }),
  n: fc.oneof(fc.constantFrom(0, 1, 2), fc.integer({ min: 0, max: 400 })),
  seed: fc.integer(),
});

function makeKeys(c: { keys: { kind: VecKind; nullRate: number }[]; n: number; seed: number }): Vec[] {
  const rand = rng(c.seed);
  return c.keys.map((k) => genVec(k.kind, c.n, rand, { nullRate: k.nullRate, offset: true }));
}

describe('argsort', () => {
  it('matches a stable comparator sort on random keys', () => {
    fc.assert(
      fc.property(sortCase, (c) => {
        const keys = makeKeys(c);
        const desc = c.keys.map((k) => k.descending);
        const last = c.keys.map((k) => k.nullsLast);
        expect(Array.from(argsort(keys, desc, last))).toEqual(refArgsort(keys.map(toJs), desc, last));
      }),
      { numRuns: 300 },
    );
  });

  it('puts NaN above +Infinity and below nulls-last, and first when descending', () => {
    const key = fromJs('f64', [1, NaN, null, Infinity, -Infinity, -0, 0]);
    expect(Array.from(argsort([key], [false], [true]))).toEqual([4, 5, 6, 0, 3, 1, 2]);
    expect(Array.from(argsort([key], [true], [true]))).toEqual([1, 3, 0, 5, 6, 4, 2]);
    expect(Array.from(argsort([key], [false], [false]))).toEqual([2, 4, 5, 6, 0, 3, 1]);
  });

  it('sorts i64 extremes and keeps ties in row order', () => {
    const key = fromJs('i64', [5n, I64_MAX, I64_MIN, 5n, -1n, 0n]);
    expect(Array.from(argsort([key], [false], [true]))).toEqual([2, 4, 5, 0, 3, 1]);
    expect(Array.from(argsort([key], [true], [true]))).toEqual([1, 0, 3, 5, 4, 2]);
  });

  it('orders by the first key, then the next, each in its own direction', () => {
    const a = fromJs('i32', [1, 2, 1, 2, 1]);
    const b = fromJs('f64', [0.5, 0.1, 0.7, 0.9, 0.5]);
    expect(Array.from(argsort([a, b], [false, true], [true, true]))).toEqual([2, 0, 4, 3, 1]);
  });

  it('sorts a long i32 key that needs every radix pass', () => {
    const rand = rng(99);
    const key = genVec('i32', 70_000, rand, { nullRate: 0, value: (r) => (r() * 4294967296) | 0 });
    const order = argsort([key], [false], [true]);
    const v = key.values as Int32Array;
    let outOfOrder = 0;
    for (let i = 1; i < order.length; i++) if (v[order[i - 1]!]! > v[order[i]!]!) outOfOrder++;
    expect(outOfOrder).toBe(0);
    expect(new Set(order).size).toBe(70_000);
  });

  it('matches the reference on morsel-sized keys of every kind (the wide-digit radix path)', () => {
    const rand = rng(5);
    const n = 20_000;
    for (const kind of ['f64', 'i64', 'i32', 'bool'] as const) {
      const keys = [genVec(kind, n, rand, { nullRate: 0.05 }), genVec('f64', n, rand, { nullRate: 0.05 })];
      for (const desc of [false, true]) {
        const d = [desc, !desc];
        const last = [!desc, true];
        expect(Array.from(argsort(keys, d, last))).toEqual(refArgsort(keys.map(toJs), d, last));
      }
    }
  });

  it('needs at least one key of equal length', () => {
    expect(() => argsort([], [], [])).toThrow(/at least one key/);
    expect(() => argsort([fromJs('i32', [1, 2]), fromJs('i32', [1])], [false, false], [true, true])).toThrow(/key 1 has 1 rows/);
  });
});

/** Cut the rows at `cuts` into runs, each with its own argsort. */
function makeRuns(keys: Vec[], cuts: number[], desc: boolean[], last: boolean[]) {
  const n = keys[0]!.length;
  const bounds = [0, ...cuts.filter((x) => x <= n).sort((x, y) => x - y), n];
  const runs: { keys: Vec[]; order: Int32Array }[] = [];
  for (let r = 0; r + 1 < bounds.length; r++) {
    const sel = Int32Array.from({ length: bounds[r + 1]! - bounds[r]! }, (_, i) => bounds[r]! + i);
    const runKeys = keys.map((k) => take(k, sel));
    runs.push({ keys: runKeys, order: argsort(runKeys, desc, last) });
  }
  return { bounds, runs };
}

describe('mergeRuns', () => {
  const mergeCase = fc.record({
    sort: sortCase,
    cuts: fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }),
    limit: fc.option(fc.integer({ min: 0, max: 50 })),
  });

  it('merges per-run sorts into the global stable order (ties: run, then position)', () => {
    fc.assert(
      fc.property(mergeCase, ({ sort: c, cuts, limit }) => {
        const keys = makeKeys(c);
        const desc = c.keys.map((k) => k.descending);
        const last = c.keys.map((k) => k.nullsLast);
        const { bounds, runs } = makeRuns(keys, cuts, desc, last);
        // A run may hand over only its top rows when the query has a limit.
        if (limit !== null) runs.forEach((r, i) => (runs[i] = { keys: r.keys, order: r.order.subarray(0, limit) }));
        const merged = mergeRuns(runs, desc, last, limit ?? Infinity);
        const got = Array.from(merged.row, (row, i) => bounds[merged.run[i]!]! + row);
        const want = refArgsort(keys.map(toJs), desc, last);
        expect(got).toEqual(limit === null ? want : want.slice(0, limit));
      }),
      { numRuns: 300 },
    );
  });

  it('gives an empty order for no runs', () => {
    const m = mergeRuns([], [], []);
    expect(m.run.length + m.row.length).toBe(0);
  });

  it('breaks ties by run index', () => {
    const runs = [0, 1, 2].map(() => ({ keys: [fromJs('i32', [7, 7])], order: Int32Array.of(0, 1) }));
    const m = mergeRuns(runs, [false], [true]);
    expect(Array.from(m.run)).toEqual([0, 0, 1, 1, 2, 2]);
    expect(Array.from(m.row)).toEqual([0, 1, 0, 1, 0, 1]);
  });
});

describe('splitRuns', () => {
  it('cuts runs into key ranges whose separate merges concatenate to the full merge', () => {
    fc.assert(
      fc.property(
        sortCase,
        fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 6 }),
        fc.integer({ min: 1, max: 5 }),
        (c, cuts, parts) => {
          const keys = makeKeys(c);
          const desc = c.keys.map((k) => k.descending);
          const last = c.keys.map((k) => k.nullsLast);
          const { runs } = makeRuns(keys, cuts, desc, last);
          const split = splitRuns(runs, desc, last, parts);
          split.forEach((cut, i) => {
            expect(cut.length).toBe(parts + 1);
            expect(cut[0]).toBe(0);
            expect(cut[parts]).toBe(runs[i]!.order.length);
            for (let p = 0; p < parts; p++) expect(cut[p]!).toBeLessThanOrEqual(cut[p + 1]!);
          });
          const whole = mergeRuns(runs, desc, last);
          const pieces = Array.from({ length: parts }, (_, p) =>
            mergeRuns(
              runs.map((r, i) => ({ keys: r.keys, order: r.order.subarray(split[i]![p], split[i]![p + 1]) })),
              desc,
              last,
            ),
          );
          expect(pieces.flatMap((m) => Array.from(m.run))).toEqual(Array.from(whole.run));
          expect(pieces.flatMap((m) => Array.from(m.row))).toEqual(Array.from(whole.row));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('spreads distinct keys over the ranges', () => {
    const keys = [
      fromJs(
        'i32',
        Array.from({ length: 1000 }, (_, i) => (i * 7919) % 1000),
      ),
    ];
    const { runs } = makeRuns(keys, [250, 500, 750], [false], [true]);
    const split = splitRuns(runs, [false], [true], 4);
    const sizes = [0, 1, 2, 3].map((p) => split.reduce((s, cut) => s + cut[p + 1]! - cut[p]!, 0));
    for (const size of sizes) expect(size).toBeGreaterThan(150);
  });

  it('needs a positive number of parts', () => {
    expect(() => splitRuns([], [], [], 0)).toThrow(/positive integer/);
  });
});

describe('compareRows', () => {
  it('orders rows like argsort', () => {
    fc.assert(
      fc.property(sortCase, (c) => {
        const keys = makeKeys(c);
        const desc = c.keys.map((k) => k.descending);
        const last = c.keys.map((k) => k.nullsLast);
        const idx = Array.from({ length: c.n }, (_, i) => i).sort((i, j) => compareRows(keys, i, keys, j, desc, last) || i - j);
        expect(idx).toEqual(Array.from(argsort(keys, desc, last)));
      }),
    );
  });
});
