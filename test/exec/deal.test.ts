/** Dealing weighted items to tasks: heaviest first, to the least loaded, ties in item order. */
import { describe, expect, it } from 'vitest';
import { dealByWeight } from '../../src/exec/deal.js';

describe('dealByWeight', () => {
  it('gives the heaviest item first to the least loaded task', () => {
    expect(dealByWeight([5, 1, 4], (w) => w, 2)).toEqual([[5], [4, 1]]);
    expect(dealByWeight([3, 3, 3, 3], (w) => w, 2)).toEqual([
      [3, 3],
      [3, 3],
    ]);
  });

  it('breaks ties by item order, and makes no more lists than items', () => {
    const items = ['a', 'b', 'c'];
    expect(dealByWeight(items, () => 1, 8)).toEqual([['a'], ['b'], ['c']]);
    expect(dealByWeight([], () => 1, 4)).toEqual([]);
  });
});
