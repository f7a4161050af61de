/** Chunks (Arrow layout) to vectors and back: zero-copy where possible, exact null counts. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBits } from '../../kernels/bitmap.js';
import { chunkToVec, vecToChunk } from '../../kernels/convert.js';
import type { VecKind } from '../../kernels/vec.js';
import { genVec, rng } from './support/gen.js';
import { toJs } from './support/values.js';

describe('chunkToVec', () => {
  it('shares numeric values and unpacks validity', () => {
    const values = new Int32Array(new SharedArrayBuffer(12));
    values.set([4, 5, 6]);
    const v = chunkToVec({ length: 3, nullCount: 1, values, validity: packBits(Uint8Array.of(1, 0, 1), 3) }, 'i32');
    expect(v.values).toBe(values);
    expect(toJs(v)).toEqual([4, null, 6]);
  });

  it('unpacks boolean values to bytes', () => {
    const v = chunkToVec({ length: 4, nullCount: 0, values: Uint8Array.of(0b1010), validity: null }, 'bool');
    expect(Array.from(v.values as Uint8Array)).toEqual([0, 1, 0, 1]);
    expect(v.valid).toBeNull();
  });

  it('skips a bitmap that marks no nulls', () => {
    const v = chunkToVec({ length: 2, nullCount: 0, values: Float64Array.of(1, 2), validity: Uint8Array.of(3) }, 'f64');
    expect(v.valid).toBeNull();
  });

  it('views only the chunk length of a longer array', () => {
    const v = chunkToVec({ length: 2, nullCount: 0, values: BigInt64Array.of(1n, 2n, 3n), validity: null }, 'i64');
    expect(v.values.length).toBe(2);
  });

  it('refuses an array of the wrong type for the kind', () => {
    expect(() => chunkToVec({ length: 1, nullCount: 0, values: Int32Array.of(1), validity: null }, 'f64')).toThrow(
      /Int32Array cannot hold f64/,
    );
  });
});

describe('vecToChunk', () => {
  it('drops an all-valid mask and counts nulls exactly', () => {
    const c = vecToChunk({ kind: 'f64', length: 3, values: Float64Array.of(1, 2, 3), valid: Uint8Array.of(1, 1, 1) });
    expect(c.validity).toBeNull();
    expect(c.nullCount).toBe(0);
    const d = vecToChunk({ kind: 'f64', length: 3, values: Float64Array.of(1, 2, 3), valid: Uint8Array.of(0, 1, 0) });
    expect(d.nullCount).toBe(2);
    expect(Array.from(d.validity!)).toEqual([0b010]);
  });

  it('allocates in shared memory, reusing values that already are', () => {
    const local = vecToChunk({ kind: 'i32', length: 2, values: Int32Array.of(1, 2), valid: null });
    expect(local.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    const shared = new Float64Array(new SharedArrayBuffer(16));
    expect(vecToChunk({ kind: 'f64', length: 2, values: shared, valid: null }).values).toBe(shared);
    const bools = vecToChunk({ kind: 'bool', length: 3, values: Uint8Array.of(1, 0, 1), valid: Uint8Array.of(1, 1, 0) });
    expect(bools.values.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(bools.validity!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(Array.from(bools.values as Uint8Array)).toEqual([0b101]);
  });

  it('round-trips random vectors of every kind', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<VecKind>('i32', 'i64', 'f64', 'bool'),
        fc.integer({ min: 0, max: 70 }),
        fc.integer(),
        fc.constantFrom(0, 0.3),
        (kind, n, seed, nullRate) => {
          const v = genVec(kind, n, rng(seed), { nullRate, offset: seed % 2 === 0 });
          const c = vecToChunk(v);
          expect(c.length).toBe(n);
          expect(c.nullCount).toBe(toJs(v).filter((x) => x === null).length);
          expect(toJs(chunkToVec(c, kind))).toEqual(toJs(v));
        },
      ),
    );
  });
});
