/** The smallest cases the differential tests found where the engine and the reference disagree, kept as named checks. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, corr, DataFrame, lit, shutdownPool } from '../../src/index.js';
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
    const lf = df
      .lazy()
      .groupBy('g')
      .agg(corr(col('x'), col('y')).alias('r'));
    const check = (rows: Record<string, unknown>[]) => {
      expect(rows.map((r) => r.g)).toEqual([1, 2, 3]);
      expect(rows[0]!.r).toBeNaN();
      expect(rows[1]!.r).toBeCloseTo(1, 12);
      expect(rows[2]!.r).toBeNull();
    };
    check(runPlan(lf.plan));
    for (const threads of [1, 2]) check((await lf.collect({ threads })).toRecords());
  });

  it('a filter that tells -0 from 0 stays above a group-by, head or unique whose Float64 key merges them', async () => {
    const df = DataFrame.fromColumns({ x: [-0, 0, 0, 1, NaN, NaN], y: [1, 2, 3, 4, 5, 6] }, { dtypes: { x: 'Float64', y: 'Int32' } });
    const telling = lit(1).div(col('x')).gt(0);
    const cases: [ReturnType<typeof df.lazy>, Record<string, unknown>[]][] = [
      // the group's key is its first row's -0 (as DuckDB and Polars), and 1 / -0 > 0 drops the group;
      // 1 / NaN is NaN, which the total order puts above 0
      [
        df.lazy().groupBy('x').agg(col('y').sum().alias('s')).filter(telling),
        [
          { x: 1, s: 4n },
          { x: NaN, s: 11n },
        ],
      ],
      // unique keeps each key's first row: (-0, 1), which 1 / -0 > 0 drops
      [
        df.lazy().unique({ subset: 'x' }).filter(telling),
        [
          { x: 1, y: 4 },
          { x: NaN, y: 5 },
        ],
      ],
      [
        df.lazy().groupBy('x').head(1).filter(telling),
        [
          { x: 1, y: 4 },
          { x: NaN, y: 5 },
        ],
      ],
      // every NaN is one key, and NaN is above every number in comparisons
      [df.lazy().groupBy('x').agg(col('y').sum().alias('s')).filter(col('x').gt(1)), [{ x: NaN, s: 11n }]],
    ];
    for (const [lf, want] of cases) {
      expect(runPlan(lf.plan)).toEqual(want);
      for (const threads of [1, 2])
        for (const optimize of [true, false]) expect((await lf.collect({ threads, optimize })).toRecords()).toEqual(want);
    }
    // a group's Float64 key is its first row's value, whichever member that is, on any thread count
    const keys = df.lazy().groupBy('x').agg(col('y').sum().alias('s'), col('x').max().alias('m'));
    const zeroFirst = DataFrame.fromColumns({ x: [0, -0, 1, -0], y: [1, 2, 3, 4] }, { dtypes: { x: 'Float64', y: 'Int32' } });
    for (const threads of [1, 2])
      for (const morselSize of [1, 2, 64]) {
        const got = (await keys.collect({ threads, morselSize })).toRecords();
        expect(got.map((r) => Object.is(r.x, -0))).toEqual([true, false, false]);
        const z = (await zeroFirst.lazy().groupBy('x').agg(col('y').sum().alias('s')).collect({ threads, morselSize })).toRecords();
        expect(z).toEqual([
          { x: 0, s: 7n },
          { x: 1, s: 3n },
        ]);
        expect(Object.is(z[0]!.x, 0)).toBe(true);
      }
  });

  it('median and quantile between two equal infinities are that infinity, as in DuckDB', async () => {
    const inf = DataFrame.fromColumns({ x: [Infinity, Infinity] }, { dtypes: { x: 'Float64' } });
    const mixed = DataFrame.fromColumns({ x: [-Infinity, -Infinity, Infinity] }, { dtypes: { x: 'Float64' } });
    const cases: [ReturnType<typeof inf.lazy>, Record<string, unknown>[]][] = [
      [inf.lazy().select(col('x').median().alias('m')), [{ m: Infinity }]],
      [mixed.lazy().select(col('x').quantile(0.25).alias('q'), col('x').quantile(0.75).alias('r')), [{ q: -Infinity, r: NaN }]],
    ];
    for (const [lf, want] of cases) {
      expect(runPlan(lf.plan)).toEqual(want);
      for (const threads of [1, 2]) expect((await lf.collect({ threads })).toRecords()).toEqual(want);
    }
  });

  it('an untyped null conjunct is a Boolean null: the filter keeps no row, with or without the optimizer', async () => {
    const df = DataFrame.fromColumns({ x: [-0, 0, 0, 1], y: [1, 2, 3, 4] }, { dtypes: { x: 'Float64', y: 'Int32' } });
    const projected = df.lazy().select(col('x').add(1).alias('y'));
    for (const lf of [
      projected.filter(col('y').gt(1).and(null)),
      projected.filter(lit(null)),
      df.lazy().filter(col('y').gt(1), lit(null)),
    ]) {
      expect(runPlan(lf.plan)).toEqual([]);
      for (const threads of [1, 2]) for (const optimize of [true, false]) expect((await lf.collect({ threads, optimize })).height).toBe(0);
    }
    // `or null` is true exactly where the other side is
    const or = projected.filter(col('y').gt(1).or(null));
    for (const optimize of [true, false]) expect((await or.collect({ optimize })).toRecords()).toEqual([{ y: 2 }]);
  });

  it('groupBy(...).head(0) after a sort is an empty frame, as it is without the sort', async () => {
    const df = DataFrame.fromColumns({ i: [0, 1, 0] }, { dtypes: { i: 'Int32' } });
    for (const lf of [
      df.lazy().groupBy('i').head(0),
      df.lazy().sort('i').groupBy('i').head(0),
      df.lazy().sort('i', { descending: true }).groupBy('i').head(0),
    ]) {
      expect(runPlan(lf.plan)).toEqual([]);
      for (const threads of [1, 2]) {
        const out = await lf.collect({ threads });
        expect(out.height).toBe(0);
        expect(out.columns).toEqual(['i']);
      }
    }
  });
  it('a per-group top-n keeps rows whose sort key is +Infinity (or -Infinity descending) while the group has room', async () => {
    const df = DataFrame.fromColumns(
      { b: [-Infinity, 1, Infinity, NaN, null, 2], k: [1, 1, 1, 1, 1, 2] },
      { dtypes: { b: 'Float64', k: 'Int32' } },
    );
    const cases = [
      // a sort then a head becomes a top-n per group when optimized
      { lf: df.lazy().select(col('k'), col('b').abs().alias('c0')).sort('c0').filter(col('c0').gt(-2)).groupBy('k').head(2), n: 3 },
      { lf: df.lazy().sort('b').groupBy('k').head(4), n: 5 },
      { lf: df.lazy().sort('b', { descending: true }).groupBy('k').head(4), n: 5 },
      { lf: df.lazy().sort('b', { descending: true, nullsLast: true }).groupBy('k').head(3), n: 4 },
    ];
    for (const { lf, n } of cases) {
      const want = runPlan(lf.plan);
      expect(want).toHaveLength(n);
      for (const threads of [1, 2]) {
        for (const optimize of [true, false]) {
          expect((await lf.collect({ threads, optimize, morselSize: 2 })).toRecords()).toEqual(want);
        }
      }
    }
  });
});
