/** Selections: masks to row indexes, gathering rows, and concatenation. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concatVecs, maskToSelection, take } from '../../kernels/select.js';
import type { VecKind } from '../../kernels/vec.js';
import { genVec, rng } from './support/gen.js';
import { fromJs, toJs } from './support/values.js';

const kindArb = fc.constantFrom<VecKind>('i32', 'i64', 'f64', 'bool');

describe('maskToSelection', () => {
  it('keeps rows that are true and valid', () => {
    const mask = fromJs('bool', [true, false, null, true, true]);
    expect(Array.from(maskToSelection(mask))).toEqual([0, 3, 4]);
  });

  it('agrees with a filter over random masks', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.integer(), fc.constantFrom(0, 0.4), (n, seed, nullRate) => {
        const mask = genVec('bool', n, rng(seed), { nullRate });
        const want = toJs(mask).flatMap((x, i) => (x === true ? [i] : []));
        expect(Array.from(maskToSelection(mask))).toEqual(want);
      }),
    );
  });

  it('needs a bool vector', () => {
    expect(() => maskToSelection(fromJs('i32', [1]))).toThrow(/bool/);
  });
});

describe('take', () => {
  it('gathers values and validity in any order, with repeats', () => {
    fc.assert(
      fc.property(kindArb, fc.integer({ min: 1, max: 60 }), fc.integer(), (kind, n, seed) => {
        const rand = rng(seed);
        const v = genVec(kind, n, rand, { nullRate: seed % 3 === 0 ? 0 : 0.3, offset: true });
        const sel = Int32Array.from({ length: Math.floor(rand() * 2 * n) }, () => Math.floor(rand() * n));
        const src = toJs(v);
        const out = take(v, sel);
        expect(out.kind).toBe(kind);
        expect(toJs(out)).toEqual(Array.from(sel, (i) => src[i]));
      }),
    );
  });

  it('gives an empty vector for an empty selection', () => {
    expect(take(fromJs('f64', [1, null]), new Int32Array(0)).length).toBe(0);
  });
});

describe('concatVecs', () => {
  it('joins vectors in order, with a mask only when some part has nulls', () => {
    fc.assert(
      fc.property(
        kindArb,
        fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer(), fc.boolean()), { maxLength: 5 }),
        (kind, parts) => {
          const vecs = parts.map(([n, seed, nulls]) => genVec(kind, n, rng(seed), { nullRate: nulls ? 0.5 : 0, offset: true }));
          const out = concatVecs(vecs, kind);
          expect(toJs(out)).toEqual(vecs.flatMap(toJs));
          expect(out.valid === null).toBe(vecs.every((v) => v.valid === null));
        },
      ),
    );
  });

  it('needs a kind for an empty list and refuses mixed kinds', () => {
    expect(concatVecs([], 'i32').length).toBe(0);
    expect(() => concatVecs([])).toThrow(/needs a kind/);
    expect(() => concatVecs([fromJs('i32', [1]), fromJs('f64', [1])])).toThrow(/cannot mix/);
  });
});
