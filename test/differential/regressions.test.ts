/** The smallest cases the differential tests found where the engine and the reference disagree, kept as named checks. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, corr, DataFrame, shutdownPool } from '../../src/index.js';
import { runPlan } from '../reference/evaluate.js';

afterAll(async () => {
  await shutdownPool();
});

describe('found by the differential tests', () => {
  it('str.slice takes the window [start, start + length) clamped to the string, as Polars does', async () => {
    // Polars (pola-rs/polars#15232): a start before the beginning shortens the slice; it does not
    // slide the window right.
    const df = DataFrame.fromColumns({ s: ['B', 'abc', 'abcd'] });
    const lf = df.lazy().select(col('s').str.slice(-2, 1).alias('a'), col('s').str.slice(-5, 3).alias('b'));
    const want = [
      { a: '', b: '' },
      { a: 'b', b: 'a' },
      { a: 'c', b: 'ab' },
    ];
    expect(runPlan(lf.plan)).toEqual(want);
    for (const threads of [1, 2]) expect((await lf.collect({ threads })).toRecords()).toEqual(want);
  });

  it('corr over a single pair is NaN (zero variance), as in Polars and DuckDB; over no pair it is null', async () => {
    const df = DataFrame.fromColumns({ g: [1, 2, 2, 3], x: [1, 5, 6, null], y: [2, 7, 9, 4] }, { dtypes: { x: 'Float64', y: 'Float64' } });
    const lf = df.lazy().groupBy('g').agg(corr(col('x'), col('y')).alias('r'));
    const check = (rows: Record<string, unknown>[]) => {
      expect(rows.map((r) => r.g)).toEqual([1, 2, 3]);
      expect(rows[0]!.r).toBeNaN();
      expect(rows[1]!.r).toBeCloseTo(1, 12);
      expect(rows[2]!.r).toBeNull();
    };
    check(runPlan(lf.plan));
    for (const threads of [1, 2]) check((await lf.collect({ threads })).toRecords());
  });

  it('groupBy(...).head(0) after a sort is an empty frame, as it is without the sort', async () => {
    const df = DataFrame.fromColumns({ i: [0, 1, 0] }, { dtypes: { i: 'Int32' } });
    for (const lf of [df.lazy().groupBy('i').head(0), df.lazy().sort('i').groupBy('i').head(0), df.lazy().sort('i', { descending: true }).groupBy('i').head(0)]) {
      expect(runPlan(lf.plan)).toEqual([]);
      for (const threads of [1, 2]) {
        const out = await lf.collect({ threads });
        expect(out.height).toBe(0);
        expect(out.columnNames).toEqual(['i']);
      }
    }
  });
});
