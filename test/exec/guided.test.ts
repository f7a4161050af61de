import { describe, expect, it } from 'vitest';
import { guidedCuts } from '../../src/exec/guided.js';

describe('guidedCuts', () => {
  it('starts with large runs of morsels and ends with single ones', () => {
    expect(guidedCuts(10, 2)).toEqual([0, 3, 5, 7, 8, 9, 10]);
    const cuts = guidedCuts(153, 2);
    const sizes = cuts.slice(1).map((c, b) => c - cuts[b]!);
    expect(sizes[0]).toBe(16);
    expect(sizes.at(-1)).toBe(1);
    for (let b = 1; b < sizes.length; b++) expect(sizes[b]).toBeLessThanOrEqual(sizes[b - 1]!);
  });

  it('covers every morsel exactly once, whatever the counts', () => {
    for (const count of [0, 1, 2, 7, 64, 1000]) {
      for (const threads of [1, 2, 3, 16]) {
        const cuts = guidedCuts(count, threads);
        expect(cuts[0]).toBe(0);
        expect(cuts.at(-1)).toBe(count);
        for (let b = 1; b < cuts.length; b++) expect(cuts[b]! - cuts[b - 1]!).toBeGreaterThanOrEqual(1);
      }
    }
  });
});
