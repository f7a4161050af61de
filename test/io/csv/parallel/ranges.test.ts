import { describe, expect, it } from 'vitest';
import { planRanges, quoteParity } from '../../../../src/io/csv/parallel/ranges.js';

describe('planRanges', () => {
  it('tiles [from, size) with full ranges, then quarter ranges over the last two ranges of bytes', () => {
    const r = planRanges(10, 200, 40);
    expect(r.slice(0, 3)).toEqual([
      { start: 10, end: 50 },
      { start: 50, end: 90 },
      { start: 90, end: 130 },
    ]);
    expect(r.slice(3).map((x) => x.end - x.start)).toEqual([10, 10, 10, 10, 10, 10, 10]);
  });

  it('tiles every file exactly, whatever the sizes', () => {
    for (const size of [0, 1, 7, 100, 1000, 4097]) {
      for (const rangeSize of [1, 3, 40, 1024, 1 << 20]) {
        const r = planRanges(0, size, rangeSize);
        let at = 0;
        for (const x of r) {
          expect(x.start).toBe(at);
          expect(x.end).toBeGreaterThan(x.start);
          expect(x.end - x.start).toBeLessThanOrEqual(rangeSize);
          at = x.end;
        }
        expect(at).toBe(size);
      }
    }
  });

  it('cuts a small file into quarter ranges, and refuses a range size below 1', () => {
    expect(planRanges(0, 60, 40).map((x) => x.end - x.start)).toEqual([10, 10, 10, 10, 10, 10]);
    expect(() => planRanges(0, 10, 0)).toThrow(/rangeSize/);
  });
});

describe('quoteParity', () => {
  it('is the parity of the prefix sums, starting outside quotes', () => {
    expect(quoteParity([3, 1, 2])).toEqual([false, true, false, false]);
    expect(quoteParity([])).toEqual([false]);
  });
});
