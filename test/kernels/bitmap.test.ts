/** Bit-packed bitmaps and byte masks round-trip, against a bit-by-bit reference. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { andValidity, countZeros, packBits, unpackBits } from '../../kernels/bitmap.js';

const mask = fc.array(fc.constantFrom(0, 1), { maxLength: 200 }).map((a) => Uint8Array.from(a));

describe('bitmaps', () => {
  it('packs LSB first, as Arrow, into shared memory with zeroed padding bits', () => {
    const packed = packBits(Uint8Array.of(1, 0, 1, 1, 0, 0, 0, 0, 1, 1), 10);
    expect(Array.from(packed)).toEqual([0b00001101, 0b11]);
    expect(packed.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('round-trips any mask and agrees with per-bit reads', () => {
    fc.assert(
      fc.property(mask, (m) => {
        const packed = packBits(m, m.length);
        expect(packed.length).toBe(Math.ceil(m.length / 8));
        for (let i = 0; i < m.length; i++) expect((packed[i >> 3]! >> (i & 7)) & 1).toBe(m[i]);
        expect(unpackBits(packed, m.length)).toEqual(m);
      }),
    );
  });

  it('unpacks only the requested bits of a longer bitmap', () => {
    expect(Array.from(unpackBits(Uint8Array.of(0xff, 0xff), 3))).toEqual([1, 1, 1]);
  });

  it('ANDs validity masks, with null meaning all valid', () => {
    const a = Uint8Array.of(1, 1, 0, 0);
    const b = Uint8Array.of(1, 0, 1, 0);
    expect(Array.from(andValidity(a, b, 4)!)).toEqual([1, 0, 0, 0]);
    expect(andValidity(null, null, 4)).toBeNull();
    expect(andValidity(a, null, 4)).toBe(a);
    expect(andValidity(null, b, 4)).toBe(b);
  });

  it('counts zeros of a byte mask', () => {
    fc.assert(
      fc.property(mask, (m) => {
        expect(countZeros(m, m.length)).toBe(m.filter((x) => x === 0).length);
      }),
    );
    expect(countZeros(null, 5)).toBe(0);
  });
});
