/** takeRows, takeChunked and coalesceVecs: a join's output gather, where row -1 is a null from the side without a match. */
import { describe, expect, it } from 'vitest';
import { vecToChunk } from '../../../kernels/convert.js';
import { coalesceVecs, locateRows, takeChunked, takeLocated, takeRows } from '../../../kernels/join/gather.js';
import type { Vec } from '../../../kernels/vec.js';
import { vec } from '../aggregate/helpers.js';

const i32 = (values: number[], valid: number[] | null = null): Vec => ({
  kind: 'i32',
  length: values.length,
  values: Int32Array.from(values),
  valid: valid === null ? null : Uint8Array.from(valid),
});

describe('takeRows', () => {
  it('gathers repeated and unordered rows, -1 as null', () => {
    const out = takeRows(i32([5, 6, 7]), Int32Array.of(2, 0, -1, 2));
    expect([...(out.values as Int32Array)]).toEqual([7, 5, 0, 7]);
    expect([...out.valid!]).toEqual([1, 1, 0, 1]);
  });

  it('keeps no validity when every row is present and valid, and carries the source nulls', () => {
    expect(takeRows(i32([1, 2]), Int32Array.of(1, 0)).valid).toBeNull();
    expect([...takeRows(i32([1, 2], [1, 0]), Int32Array.of(1, 0)).valid!]).toEqual([0, 1]);
  });

  it('gathers bigint and float values', () => {
    const big: Vec = { kind: 'i64', length: 2, values: BigInt64Array.of(2n ** 60n, -1n), valid: null };
    expect([...(takeRows(big, Int32Array.of(1, 0, -1)).values as BigInt64Array)]).toEqual([-1n, 2n ** 60n, 0n]);
    const f: Vec = { kind: 'f64', length: 2, values: Float64Array.of(-0, Number.NaN), valid: null };
    const g = takeRows(f, Int32Array.of(0, 1)).values as Float64Array;
    expect(Object.is(g[0], -0)).toBe(true);
    expect(g[1]).toBeNaN();
  });
});

describe('coalesceVecs', () => {
  it('takes the first vector where it is valid, else the second (null when both are)', () => {
    const out = coalesceVecs(i32([1, 0, 0], [1, 0, 0]), i32([9, 8, 0], [1, 1, 0]));
    expect([...(out.values as Int32Array)].slice(0, 2)).toEqual([1, 8]);
    expect([...out.valid!]).toEqual([1, 1, 0]);
  });

  it('returns the first vector itself when it has no nulls', () => {
    const a = i32([1, 2]);
    expect(coalesceVecs(a, i32([3, 4]))).toBe(a);
  });
});

describe('takeChunked', () => {
  // columns cut into chunks of equal power-of-two, equal odd and unequal sizes, each kind, with and without nulls
  const cuts: Record<string, number[]> = { pow2: [0, 4, 8, 10], odd: [0, 3, 6, 10], uneven: [0, 1, 7, 10], one: [0, 10] };
  const kinds = ['i32', 'f64', 'i64', 'bool'] as const;
  for (const [name, starts] of Object.entries(cuts)) {
    for (const kind of kinds) {
      it(`reads rows of ${kind} chunks cut ${name} as takeRows reads the whole column`, () => {
        const raw = Array.from({ length: 10 }, (_, i) => (i % 4 === 3 ? null : kind === 'bool' ? i % 2 : i * 3 - 7));
        const whole = vec(kind, kind === 'i64' ? raw.map((v) => (v === null ? null : BigInt(v))) : raw);
        const chunks = starts.slice(1).map((end, c) => {
          const s = starts[c]!;
          return vecToChunk({
            kind,
            length: end - s,
            values: whole.values.slice(s, end) as Vec['values'],
            valid: whole.valid === null ? null : whole.valid.slice(s, end),
          });
        });
        const rows = Int32Array.of(9, -1, 0, 3, 3, 7, 4, 1, -1, 8, 2, 6, 5);
        const got = takeChunked({ kind, chunks, starts: Int32Array.from(starts) }, rows);
        const want = takeRows(whole, rows);
        expect(got.values.buffer).toBeInstanceOf(SharedArrayBuffer);
        for (let i = 0; i < rows.length; i++) {
          const isNull = (v: Vec): boolean => v.valid !== null && v.valid[i] === 0;
          expect(isNull(got)).toBe(isNull(want));
          if (!isNull(want)) expect(got.values[i]).toBe(want.values[i]);
        }
      });
    }
  }
});

describe('locateRows', () => {
  it('needs no pass for one chunk: the rows are the offsets, and the gather reads chunk 0', () => {
    const rows = Int32Array.of(2, -1, 0);
    const loc = locateRows(Int32Array.of(0, 3), rows);
    expect(loc.chunk).toBeNull();
    expect(loc.offset).toBe(rows);
    const col = { kind: 'i32' as const, chunks: [vecToChunk(i32([5, 6, 7]))], starts: Int32Array.of(0, 3) };
    const got = takeLocated(col, loc);
    expect(Array.from(got.values as Int32Array)).toEqual([7, 0, 5]);
    expect(Array.from(got.valid!)).toEqual([1, 0, 1]);
  });

  it('fills the arrays it is given, whatever they held, for several chunks', () => {
    const out = { chunk: Int32Array.of(9, 9, 9, 9), offset: Int32Array.of(9, 9, 9, 9) };
    const loc = locateRows(Int32Array.of(0, 4, 8, 10), Int32Array.of(9, -1, 4, 3), out);
    expect(loc.chunk).toBe(out.chunk);
    expect(Array.from(loc.chunk!)).toEqual([2, -1, 1, 0]);
    expect(Array.from(loc.offset)).toEqual([1, -1, 0, 3]);
  });
});
