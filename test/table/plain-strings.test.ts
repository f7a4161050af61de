/** How many strings a plain column's keying makes room for, from the rows keyed so far. */
import { describe, expect, it } from 'vitest';
import { expectedDistinct } from '../../src/table/plain-strings.js';

describe('expectedDistinct', () => {
  const n = 65_536;
  /** Distinct values among n uniform draws from D, as expected. */
  const drawn = (D: number): number => Math.round(D * -Math.expm1(-n / D));

  it('finds the count of values the first rows were drawn from, plus a quarter', () => {
    for (const D of [1e4, 1e5, 1e6, 1e7]) {
      const got = expectedDistinct(n, drawn(D), 1e9);
      expect(got / D, `D ${D}`).toBeGreaterThan(1.2);
      expect(got / D, `D ${D}`).toBeLessThan(1.3);
    }
  });

  it('takes rows nearly all distinct to stay so, and never passes the row count', () => {
    expect(expectedDistinct(n, n, 1e8)).toBe(1e8);
    expect(expectedDistinct(n, drawn(1e8), 1e8)).toBe(1e8);
    expect(expectedDistinct(n, drawn(1e6), 500_000)).toBe(500_000);
  });
});
