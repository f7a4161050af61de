/** The memoryLimit collect option: a query that grows past it rejects with a MemoryLimitError, the pool stays usable, and a query under it is untouched. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, MemoryLimitError, shutdownPool } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

/** 2e6 rows whose every key matches 20 rows of the other side: a join of 4e7 rows, several hundred MB. */
function sides(): { left: DataFrame; right: DataFrame } {
  const n = 2_000_000;
  const left = DataFrame.fromColumns(
    { k: Array.from({ length: n }, (_, i) => i % 100_000), v: Array.from({ length: n }, (_, i) => i) },
    { dtypes: { k: 'Int32', v: 'Int32' } },
  );
  const right = DataFrame.fromColumns(
    { k: Array.from({ length: 2_000_000 }, (_, i) => i % 100_000), w: Array.from({ length: 2_000_000 }, (_, i) => i * 2) },
    { dtypes: { k: 'Int32', w: 'Int32' } },
  );
  return { left, right };
}

describe('memoryLimit', () => {
  it('stops a query that grows past it, on 1 and 2 threads, and leaves the pool usable', async () => {
    const { left, right } = sides();
    const query = left.lazy().join(right.lazy(), { on: 'k' });
    for (const threads of [1, 2]) {
      const limit = process.memoryUsage.rss() + 128 * 2 ** 20;
      const e = await query.collect({ threads, memoryLimit: limit }).then(
        () => null,
        (err: unknown) => err,
      );
      expect(e, `threads ${threads}`).toBeInstanceOf(MemoryLimitError);
      expect((e as MemoryLimitError).limit).toBe(limit);
      expect((e as MemoryLimitError).rss).toBeGreaterThan(limit);
    }
    // the pool still answers, and a query under its limit runs to the end
    const small = await left
      .lazy()
      .filter(col('k').eq(7))
      .select(col('v').sum().alias('s'))
      .collect({ threads: 2, memoryLimit: 64 * 2 ** 30 });
    expect(small.getColumn('s').toArray()).toEqual([
      BigInt(Array.from({ length: 20 }, (_, j) => 7 + j * 100_000).reduce((a, b) => a + b, 0)),
    ]);
  });
});
