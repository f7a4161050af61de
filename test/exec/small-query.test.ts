/** A query whose inputs fill one morsel runs on the calling thread: no pool is started, and the answer is the pool's. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, concat, DataFrame, shutdownPool } from '../../src/index.js';
import { fitsOneMorsel } from '../../src/exec/small-query.js';
import { planPhysical } from '../../src/physical/planner.js';
import { optimize } from '../../src/optimizer/index.js';
import { poolThreadIds } from '../../src/pool/pool.js';
import type { LazyFrame } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

function frame(rows: number): DataFrame {
  return DataFrame.fromColumns({
    g: Array.from({ length: rows }, (_, i) => `k${i % 7}`),
    v: Array.from({ length: rows }, (_, i) => (i * 13) % 101),
  });
}

function physical(lf: LazyFrame) {
  return planPhysical(optimize(lf.plan).plan);
}

const query = (df: DataFrame) => df.lazy().filter(col('v').gt(10)).groupBy('g').agg(col('v').sum().alias('s')).sort('g');

describe('queries of one morsel', () => {
  it('fit when every input is a frame of at most one morsel in all, and never with a join', () => {
    const small = frame(1000);
    expect(fitsOneMorsel(physical(query(small)), null)).toBe(true);
    expect(fitsOneMorsel(physical(query(small)), 999)).toBe(false);
    expect(fitsOneMorsel(physical(query(frame(70_000))), null)).toBe(false);
    // the inputs of a union count together: 60,000 rows fit, 80,000 do not
    const union = (rows: number) =>
      concat([frame(rows).lazy(), frame(rows).lazy()])
        .groupBy('g')
        .agg(col('v').max());
    expect(fitsOneMorsel(physical(union(30_000)), null)).toBe(true);
    expect(fitsOneMorsel(physical(union(40_000)), null)).toBe(false);
    const join = small.lazy().join(small.lazy(), { on: 'g' });
    expect(fitsOneMorsel(physical(join), null)).toBe(false);
  });

  it('run on the calling thread at two threads, with the answer the pool gives', async () => {
    await shutdownPool();
    const small = frame(5000);
    const two = await query(small).collect({ threads: 2 });
    expect(poolThreadIds(2)).toEqual([]);
    // the same query cut into morsels goes to the pool and gives the same rows
    const pooled = await query(small).collect({ threads: 2, morselSize: 512 });
    expect(poolThreadIds(2)).toHaveLength(2);
    expect(two.toRecords()).toEqual(pooled.toRecords());
    expect(two.toRecords()).toEqual((await query(small).collect({ threads: 1 })).toRecords());
  });
});
