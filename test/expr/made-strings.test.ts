/** Utf8 made per row: cast to Utf8 (as Polars prints), concatStr and "+" of Utf8 values, the same dictionary on any thread count and morsel size. */
import pl from 'nodejs-polars';
import { describe, expect, it } from 'vitest';
import { col, concatStr, DataFrame, ExprTypeError, lit } from '../../src/index.js';
import { useDuckDB } from '../differential/duckdb-session.js';

const SETTINGS = [
  { threads: 1, morselSize: 2 },
  { threads: 2, morselSize: 2 },
  { threads: 2, morselSize: 5 },
  { threads: 1, morselSize: 64 },
];

const FLOATS = [
  1,
  0.1,
  1e20,
  1e15,
  1e16,
  9999999999999998,
  123456789.123,
  Number.NaN,
  Infinity,
  -Infinity,
  -0,
  0,
  1e-5,
  1e-6,
  1.5e-7,
  1.234e-6,
  0.30000000000000004,
  2.5,
  1e21,
  123456789012345680000,
  5e-324,
  1.7976931348623157e308,
  100,
  -1e16,
  2 ** 53,
  1e300,
  -2.5e-10,
];

describe('cast to Utf8 as Polars prints it', () => {
  it('formats Float64 exactly as nodejs-polars does', async () => {
    const want = pl.Series('f', FLOATS, pl.Float64).cast(pl.Utf8).toArray();
    const df = DataFrame.fromColumns({ f: FLOATS }, { chunkSize: 4 });
    for (const o of SETTINGS) {
      const out = await df.lazy().select(col('f').cast('Utf8')).collect(o);
      expect(out.getColumn('f').toArray()).toEqual(want);
    }
  });

  it('formats Int32, Boolean, Date and ms Timestamp as nodejs-polars does, years before 0 and after 9999 included', async () => {
    const dates = [Date.UTC(2020, 0, 2), Date.UTC(-1, 0, 2), Date.UTC(12000, 0, 2), Date.UTC(1969, 11, 31), Date.UTC(99, 1, 3)].map(
      (ms) => new Date(ms),
    );
    dates[4]!.setUTCFullYear(99);
    const times = [Date.UTC(2020, 0, 2, 3, 4, 5, 678), Date.UTC(2020, 0, 2), -1, Date.UTC(-5, 0, 2, 3, 4, 5, 6), Date.UTC(12000, 0, 2)].map(
      (ms) => new Date(ms),
    );
    const ints = [1, -2, 2147483647, -2147483648, 0];
    const bools = [true, false, true, false, true];
    const p = pl.DataFrame({ d: dates, t: times, i: ints, b: bools });
    const want = p
      .select(
        pl.col('d').cast(pl.Date).cast(pl.Utf8),
        pl.col('t').cast(pl.Utf8),
        pl.col('i').cast(pl.Int32).cast(pl.Utf8),
        pl.col('b').cast(pl.Utf8),
      )
      .toRecords();
    const df = DataFrame.fromColumns({ d: dates, t: times, i: ints, b: bools }, { dtypes: { d: 'Date', t: 'Timestamp', i: 'Int32' } });
    for (const o of SETTINGS) {
      const out = await df
        .lazy()
        .select(col('d').cast('Utf8'), col('t').cast('Utf8'), col('i').cast('Utf8'), col('b').cast('Utf8'))
        .collect(o);
      expect(out.toRecords()).toEqual(want);
    }
  });

  it('formats Int64 in full, nulls stay null, Utf8 stays itself', async () => {
    const df = DataFrame.fromColumns({ n: [2n ** 63n - 1n, -(2n ** 63n), null], s: ['é', null, ''] }, { dtypes: { n: 'Int64' } });
    const out = await df.select(col('n').cast('Utf8'), col('s').cast('Utf8'));
    expect(out.toRecords()).toEqual([
      { n: '9223372036854775807', s: 'é' },
      { n: '-9223372036854775808', s: null },
      { n: null, s: '' },
    ]);
  });

  it('numbers strings by first appearance in row order: the same dictionary and codes for any threads and morsel size', async () => {
    const i = Array.from({ length: 50 }, (_, k) => (k * 7919) % 13);
    const df = DataFrame.fromColumns({ i }, { chunkSize: 8 });
    const first = [...new Set(i)].map(String);
    for (const o of SETTINGS) {
      const out = await df.lazy().select(col('i').cast('Utf8')).collect(o);
      const c = out.getColumn('i');
      expect(c.dictionary?.values).toEqual(first);
      expect(c.toArray()).toEqual(i.map(String));
    }
  });
});

describe('cast to Utf8 against DuckDB', () => {
  const query = useDuckDB();
  it('prints integers, Booleans and dates as CAST(x AS VARCHAR) does', async () => {
    const rows = await query(
      "SELECT CAST(i AS VARCHAR) AS i, CAST(b AS VARCHAR) AS b, CAST(d AS VARCHAR) AS d FROM (VALUES (1, true, DATE '2020-01-02'), (-2147483648, false, DATE '1969-12-31'), (NULL, NULL, NULL)) t(i, b, d)",
    );
    const df = DataFrame.fromColumns(
      { i: [1, -2147483648, null], b: [true, false, null], d: [new Date('2020-01-02'), new Date('1969-12-31'), null] },
      { dtypes: { i: 'Int32', d: 'Date' } },
    );
    for (const o of SETTINGS) {
      const out = await df.lazy().select(col('i').cast('Utf8'), col('b').cast('Utf8'), col('d').cast('Utf8')).collect(o);
      expect(out.toRecords()).toEqual(rows);
    }
  });

  it('joins texts as DuckDB concat_ws does when nothing is null, and gives null for a null input as Polars does', async () => {
    const rows = await query(
      "SELECT concat_ws('·', s, CAST(i AS VARCHAR)) AS c FROM (VALUES ('日本', 1), ('e\u0301', 22), ('', 3)) t(s, i)",
    );
    const df = DataFrame.fromColumns({ s: ['日本', 'e\u0301', '', null, '👍🏽'], i: [1, 22, 3, 4, null] });
    for (const o of SETTINGS) {
      const out = await df
        .lazy()
        .select(concatStr([col('s'), col('i')], { separator: '·' }).alias('c'))
        .collect(o);
      expect(out.getColumn('c').toArray()).toEqual([...rows.map((r) => r.c), null, null]);
    }
  });
});

describe('concatStr and "+" of Utf8 values', () => {
  const df = DataFrame.fromColumns(
    {
      a: ['x', 'ß', '', null, '日本'],
      b: ['1', '', 'e\u0301', 'z', '👍🏽'],
      n: [1.5, 2, null, 4, -0],
      d: [1, 2, 3, 4, 5].map((k) => new Date(k * 86_400_000)),
    },
    { dtypes: { d: 'Date' }, chunkSize: 2 },
  );

  it('joins inputs, casting non-Utf8 ones as cast("Utf8") prints them', async () => {
    for (const o of SETTINGS) {
      const out = await df
        .lazy()
        .select(
          concatStr([col('a'), col('n'), col('d'), lit(true)], { separator: '|' }).alias('c'),
          concatStr(['a', 'b']).alias('ab'),
          col('a').add(col('b')).alias('plus'),
          col('a').add(lit('!')).alias('bang'),
          concatStr([col('n').cast('Utf8'), col('a')]).alias('cast_in'),
        )
        .collect(o);
      expect(out.toRecords()).toEqual([
        { c: 'x|1.5|1970-01-02|true', ab: 'x1', plus: 'x1', bang: 'x!', cast_in: '1.5x' },
        { c: 'ß|2.0|1970-01-03|true', ab: 'ß', plus: 'ß', bang: 'ß!', cast_in: '2.0ß' },
        { c: null, ab: 'e\u0301', plus: 'e\u0301', bang: '!', cast_in: null },
        { c: null, ab: null, plus: null, bang: null, cast_in: null },
        { c: '日本|-0.0|1970-01-06|true', ab: '日本👍🏽', plus: '日本👍🏽', bang: '日本!', cast_in: '-0.0日本' },
      ]);
    }
  });

  it('matches nodejs-polars for "+" of two Utf8 columns', async () => {
    const a = ['x', 'ß', '', null, '日本'];
    const b = ['1', '', 'e\u0301', 'z', '👍🏽'];
    const want = pl
      .DataFrame({ a, b })
      .select(pl.col('a').add(pl.col('b')))
      .getColumn('a')
      .toArray();
    const out = await DataFrame.fromColumns({ a, b }).select(col('a').add(col('b')));
    expect(out.getColumn('a').toArray()).toEqual(want);
  });

  it('feeds made strings to filters, string functions, group keys, sorts, joins and nested concatenation', async () => {
    for (const o of SETTINGS) {
      const lf = df.lazy();
      const filtered = await lf
        .filter(concatStr([col('a'), col('b')]).eq('x1'))
        .select('a')
        .collect(o);
      expect(filtered.getColumn('a').toArray()).toEqual(['x']);
      const upper = await lf.select(col('n').cast('Utf8').str.toUpperCase().str.padStart(5, '*')).collect(o);
      expect(upper.getColumn('n').toArray()).toEqual(['**1.5', '**2.0', null, '**4.0', '*-0.0']);
      const grouped = await lf
        .groupBy(col('d').cast('Utf8').str.slice(0, 4).alias('y'))
        .agg(
          concatStr([col('a'), col('b')])
            .nUnique()
            .alias('u'),
          col('n').sum().cast('Utf8').alias('s'),
        )
        .collect(o);
      // nUnique counts null as a value, as Polars does
      expect(grouped.toRecords()).toEqual([{ y: '1970', u: 5, s: '7.5' }]);
      const sorted = await lf
        .select(col('d').cast('Utf8').add(col('a')).alias('k'))
        .sort('k', { descending: true })
        .collect(o);
      expect(sorted.getColumn('k').toArray()).toEqual(['1970-01-06日本', '1970-01-04', '1970-01-03ß', '1970-01-02x', null]);
      const nested = await lf
        .select(concatStr([concatStr([col('b'), col('a')]), col('d').cast('Int32')], { separator: '-' }).alias('z'))
        .collect(o);
      expect(nested.getColumn('z').toArray()).toEqual(['1x-1', 'ß-2', 'e\u0301-3', null, '👍🏽日本-5']);
      const other = DataFrame.fromColumns({ k: ['1.5', '4.0'], v: [10, 40] });
      const joined = await lf.withColumns(col('n').cast('Utf8').alias('k')).join(other.lazy(), { on: 'k' }).select('k', 'v').collect(o);
      expect(joined.toRecords()).toEqual([
        { k: '1.5', v: 10 },
        { k: '4.0', v: 40 },
      ]);
    }
  });

  it('computes literal-only text at plan time', async () => {
    const out = await df.select(concatStr([lit('a'), lit(1)], { separator: '-' }).alias('c'), lit(2.5).cast('Utf8').alias('l'));
    expect(out.getColumn('c').toArray()).toEqual(['a-1', 'a-1', 'a-1', 'a-1', 'a-1']);
    expect(out.getColumn('l').toArray()).toEqual(['2.5', '2.5', '2.5', '2.5', '2.5']);
  });

  it('refuses "+" of a string and a number, naming the expression, and checks its arguments', () => {
    expect(() => df.lazy().select(col('a').add(col('n')))).toThrow(ExprTypeError);
    expect(() => df.lazy().select(col('a').add(col('n')))).toThrow(
      'cannot apply "+" to column "a" of type Utf8 and column "n" of type Float64 in (col("a") + col("n")); "+" adds two numbers or joins two Utf8 values; cast the other side with .cast("Utf8") or use concatStr([...])',
    );
    expect(() => concatStr([])).toThrow('concatStr() takes a non-empty array of expressions or column names');
    expect(() => concatStr(['a'], { separator: 1 as unknown as string })).toThrow('concatStr() separator must be a string, got number');
    expect(concatStr(['a', col('b')], { separator: ', ' }).toString()).toBe('concatStr([col("a"), col("b")], { separator: ", " })');
  });
});
