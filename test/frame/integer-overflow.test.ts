/**
 * The integer overflow policy, one operation at a time: Int32 and Int64 arithmetic wraps (as
 * Polars), sums are exact Int64 and wrap past 2^63, float → integer casts out of range fail (null when not strict);
 * every answer the same for any thread count and morsel size.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, lit, shutdownPool } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

const I32_MAX = 2147483647;
const I32_MIN = -2147483648;
const RUNS = [
  { threads: 1, morselSize: 1 << 16 },
  { threads: 2, morselSize: 1 << 16 },
  { threads: 2, morselSize: 100_003 },
];

/** Wrap a bigint into Int32 or Int64 as two's complement does. */
const wrap32 = (x: bigint): number => Number(BigInt.asIntN(32, x));

describe('integer overflow', () => {
  it('wraps Int32 add, sub, mul and negation, as Polars does', async () => {
    const a = [I32_MAX, I32_MIN, 65536, -7, null];
    const b = [1, 1, 65536, I32_MIN, 3];
    const df = DataFrame.fromColumns({ a, b }, { dtypes: { a: 'Int32', b: 'Int32' } });
    for (const run of RUNS) {
      const out = await df
        .lazy()
        .select(
          col('a').add(col('b')).alias('add'),
          col('a').sub(col('b')).alias('sub'),
          col('a').mul(col('b')).alias('mul'),
          col('a').neg().alias('neg'),
        )
        .collect(run);
      expect(out.schema.get('add').dtype).toBe('Int32');
      const expected = a.map((x, i) => {
        if (x === null) return { add: null, sub: null, mul: null, neg: null };
        const y = BigInt(b[i]!);
        return { add: wrap32(BigInt(x) + y), sub: wrap32(BigInt(x) - y), mul: wrap32(BigInt(x) * y), neg: wrap32(-BigInt(x)) };
      });
      expect(out.toRecords()).toEqual(expected);
    }
  });

  it('wraps Int64 arithmetic at 64 bits', async () => {
    const max = 2n ** 63n - 1n;
    const df = DataFrame.fromColumns({ a: [max, -max - 1n, 3n ** 39n] }, { dtypes: { a: 'Int64' } });
    for (const run of RUNS) {
      const out = await df
        .lazy()
        .select(col('a').add(lit(1n)).alias('add'), col('a').sub(lit(1n)).alias('sub'), col('a').mul(col('a')).alias('sq'))
        .collect(run);
      expect(out.toRecords()).toEqual(
        [max, -max - 1n, 3n ** 39n].map((x) => ({
          add: BigInt.asIntN(64, x + 1n),
          sub: BigInt.asIntN(64, x - 1n),
          sq: BigInt.asIntN(64, x * x),
        })),
      );
    }
  });

  it('sums Int32 values exactly past 2^53, the same on every thread count and path', async () => {
    // 6e6 values near 2^31 in one group sum to about 1.3e16, past the 2^53 where a double rounds
    const n = 6_000_000;
    const g = new Int32Array(n);
    const v = new Int32Array(n);
    const expected = [0n, 0n];
    for (let i = 0; i < n; i++) {
      g[i] = i % 1000 === 0 ? 1 : 0;
      v[i] = i % 7 === 3 ? I32_MIN + (i % 5) : I32_MAX - (i % 11);
      expected[g[i]!]! += BigInt(v[i]!);
    }
    expect(expected[0]! > 2n ** 53n).toBe(true);
    const df = DataFrame.fromColumns({ g: Array.from(g), v: Array.from(v) }, { dtypes: { g: 'Int32', v: 'Int32' } });
    const total = expected[0]! + expected[1]!;
    for (const run of RUNS) {
      // few groups: the fused dense loop; with a median beside it: the sum's own kernel
      const fused = await df.lazy().groupBy('g').agg(col('v').sum().alias('s')).sort('g').collect(run);
      expect(fused.getColumn('s').toArray()).toEqual(expected);
      const own = await df.lazy().groupBy('g').agg(col('v').sum().alias('s'), col('v').median().alias('m')).sort('g').collect(run);
      expect(own.getColumn('s').toArray()).toEqual(expected);
      const whole = await df.lazy().select(col('v').sum().alias('s')).collect(run);
      expect(whole.getColumn('s').toArray()).toEqual([total]);
    }
  });

  it('wraps an Int64 sum past 2^63, as Polars does', async () => {
    const big = 2n ** 62n;
    const df = DataFrame.fromColumns({ g: [0, 0, 0, 1], v: [big, big, big, -big] }, { dtypes: { g: 'Int32', v: 'Int64' } });
    for (const run of RUNS) {
      const out = await df.lazy().groupBy('g').agg(col('v').sum().alias('s')).sort('g').collect(run);
      expect(out.getColumn('s').toArray()).toEqual([BigInt.asIntN(64, 3n * big), -big]);
    }
  });

  it('fails a cast that does not fit (Float64 or Int64 to Int32, Float64 to Int64), or gives null when not strict', async () => {
    const df = DataFrame.fromColumns(
      { f: [2147483647.9, 2147483648, -2147483649, Number.NaN, 1e19, -2.5], i: [2n ** 31n, -(2n ** 31n), 5n, null, 0n, -1n] },
      { dtypes: { f: 'Float64', i: 'Int64' } },
    );
    for (const run of RUNS) {
      const out = await df
        .lazy()
        .select(
          col('f').cast('Int32', { strict: false }).alias('f32'),
          col('f').cast('Int64', { strict: false }).alias('f64'),
          col('i').cast('Int32', { strict: false }).alias('i32'),
        )
        .collect(run);
      expect(out.toColumns()).toEqual({
        f32: [I32_MAX, null, null, null, null, -2],
        f64: [2147483647n, 2147483648n, -2147483649n, null, null, -2n],
        i32: [null, I32_MIN, 5, null, 0, -1],
      });
      // strict, the default: the first value that does not fit, in row order, on every thread count
      await expect(df.lazy().select(col('f').cast('Int32')).collect(run)).rejects.toMatchObject({ name: 'CastError', row: 1 });
      await expect(df.lazy().select(col('i').cast('Int32')).collect(run)).rejects.toMatchObject({ name: 'CastError', row: 0 });
    }
  });
});
