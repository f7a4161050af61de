/** Casts from Utf8 (parsed once per distinct string; strict errors name the first failing row) and between Date/Timestamp and integers. */
import { describe, expect, it } from 'vitest';
import { CastError, col, DataFrame, ExprTypeError, lit, VolleyError } from '../../src/index.js';
import { useDuckDB } from '../differential/duckdb-session.js';

const TEXTS = [
  '12',
  ' 12 ',
  '\t-7\n',
  '+7',
  '007',
  '1.5',
  '1e3',
  '-2.5E-3',
  '',
  ' ',
  '2147483647',
  '2147483648',
  '-2147483648',
  '9223372036854775807',
  '9223372036854775808',
  'inf',
  '-Infinity',
  'true',
  'FALSE',
  'yes',
  '2020-01-02',
  ' 2020-01-02 ',
  '2020-02-30',
  '1969-12-31',
  '2020-01-02 03:04:05',
  '2020-01-02T03:04:05.678',
  '2020-01-02 03:04',
  'é',
  '日本',
  '👍🏽',
  'e\u0301',
];

const sqlText = (s: string): string => `'${s.replaceAll("'", "''")}'`;

describe('cast from Utf8 against DuckDB TRY_CAST', () => {
  const query = useDuckDB();
  const df = DataFrame.fromColumns({ s: [...TEXTS, null] }, { chunkSize: 8 });

  for (const [to, sql] of [
    ['Int32', 'INTEGER'],
    ['Int64', 'BIGINT'],
    ['Float64', 'DOUBLE'],
    ['Date', 'DATE'],
  ] as const) {
    it(`parses text as ${to} as DuckDB does, where the grammars agree`, async () => {
      const values = df.getColumn('s').toArray() as (string | null)[];
      // DuckDB also reads "1.5" and "1e3" as integers (rounding), dates with a time, and "inf" as an infinite date
      const disagree = (s: string | null) =>
        s !== null &&
        ((to === 'Int32' || to === 'Int64') && /[.eE]/.test(s) && !/^[a-z]/i.test(s.trim())
          ? true
          : to === 'Date' && /[ T]\d\d:|inf/i.test(s));
      const rows = await query(
        `SELECT TRY_CAST(s AS ${sql})${to === 'Date' ? '::VARCHAR' : ''} AS v FROM (VALUES ${values.map((s, i) => `(${i}, ${s === null ? 'NULL' : sqlText(s)})`).join(', ')}) t(i, s) ORDER BY i`,
      );
      const want = rows.map((r) => {
        const v = r.v;
        if (v === null || v === undefined) return null;
        if (to === 'Date') return v;
        return typeof v === 'bigint' ? v : Number(v);
      });
      for (const threads of [1, 2]) {
        for (const morselSize of [3, 8]) {
          const out = await df
            .lazy()
            .select(col('s').cast(to, { strict: false }))
            .collect({ threads, morselSize });
          const got = out
            .getColumn('s')
            .toArray()
            .map((v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v));
          got.forEach((g, i) => {
            if (!disagree(values[i]!)) expect([values[i], g]).toEqual([values[i], want[i]]);
          });
        }
      }
    });
  }

  it('reads Timestamps as DuckDB does, ms since the epoch in UTC', async () => {
    const texts = ['2020-01-02', '2020-01-02 03:04:05', '2020-01-02T03:04:05.678', '2020-01-02 03:04', '1969-12-31 23:59:59.999', 'x', ''];
    const rows = await query(
      `SELECT TRY_CAST(s AS TIMESTAMP) AS v FROM (VALUES ${texts.map((s, i) => `(${i}, ${sqlText(s)})`).join(', ')}) t(i, s) ORDER BY i`,
    );
    const want = rows.map((r) => (r.v === null ? null : (r.v as Date).getTime()));
    const out = await DataFrame.fromColumns({ s: texts }).select(col('s').cast('Timestamp', { strict: false }));
    expect(
      out
        .getColumn('s')
        .toArray()
        .map((v) => (v === null ? null : (v as Date).getTime())),
    ).toEqual(want);
  });
});

describe('cast from Utf8', () => {
  it('reads Booleans as true or false in any letter case, other text as null when not strict', async () => {
    const df = DataFrame.fromColumns({ s: ['true', ' False ', 'TRUE', 'yes', '1', '', null] });
    const out = await df.select(col('s').cast('Boolean', { strict: false }));
    expect(out.getColumn('s').toArray()).toEqual([true, false, true, null, null, null, null]);
  });

  it('parses floats bit for bit as Number does, with NaN and infinities', async () => {
    const texts = ['0.1', ' 1e3 ', '-0', 'NaN', 'nan', '-inf', 'Infinity', '1e400', '4.9e-324', '.5', '5.'];
    const out = await DataFrame.fromColumns({ s: texts }).select(col('s').cast('Float64'));
    const got = out.getColumn('s').toArray() as number[];
    expect(got.map((v) => (Object.is(v, -0) ? '-0' : String(v)))).toEqual([
      '0.1',
      '1000',
      '-0',
      'NaN',
      'NaN',
      '-Infinity',
      'Infinity',
      'Infinity',
      '5e-324',
      '0.5',
      '5',
    ]);
  });

  it('is strict by default: the first value that does not parse fails, naming it, its row and the cast, whatever the threads', async () => {
    const s = Array.from({ length: 40 }, (_, i) => String(i));
    s[13] = 'x13';
    s[29] = '日本';
    const df = DataFrame.fromColumns({ s }, { chunkSize: 4 });
    for (const threads of [1, 2]) {
      for (const morselSize of [2, 8]) {
        const err = await df
          .lazy()
          .select(col('s').cast('Int32'))
          .collect({ threads, morselSize })
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CastError);
        expect(err).toBeInstanceOf(VolleyError);
        expect(err).toMatchObject({ code: 'CAST_ERROR', value: 'x13', row: 13, to: 'Int32', expr: 'col("s").cast("Int32")' });
        expect((err as Error).message).toBe(
          'cannot cast "x13" (row 13) to Int32 in col("s").cast("Int32"); use cast("Int32", { strict: false }) for null instead',
        );
      }
    }
  });

  it('names the first failing row of many morsels in flight at once, whatever finished first', async () => {
    const n = 20_000;
    const s = Array.from({ length: n }, (_, i) => (i % 997 === 996 ? `bad${i}` : String(i)));
    const df = DataFrame.fromColumns({ s }, { chunkSize: 1024 });
    for (const threads of [1, 2]) {
      for (const morselSize of [64, 1000]) {
        const err = await df
          .lazy()
          .select(col('s').cast('Float64'))
          .collect({ threads, morselSize })
          .catch((e: unknown) => e);
        expect(err).toMatchObject({ code: 'CAST_ERROR', value: 'bad996', row: 996 });
      }
    }
  });

  it('names the row of the frame read, before a filter', async () => {
    const df = DataFrame.fromColumns({ s: ['1', 'bad', '3', '4', 'worse'], k: [1, 0, 1, 1, 1] }, { chunkSize: 2 });
    for (const threads of [1, 2]) {
      const err = await df
        .lazy()
        .filter(col('k').eq(1))
        .select(col('s').cast('Int64'))
        .collect({ threads, morselSize: 2 })
        .catch((e: unknown) => e);
      expect(err).toMatchObject({ code: 'CAST_ERROR', value: 'worse', row: 4 });
    }
  });

  it('never raises for a dictionary string no row uses, nor for nulls', async () => {
    const df = DataFrame.fromColumns({ s: ['1', 'x', '2', null] });
    const kept = await df.lazy().filter(col('s').neq('x')).select(col('s').cast('Int32')).collect();
    expect(kept.getColumn('s').toArray()).toEqual([1, 2]);
    const empty = await df.lazy().filter(lit(false)).select(col('s').cast('Date')).collect();
    expect(empty.height).toBe(0);
  });

  it('gives null for an empty string and text out of range when not strict, and fails on them when strict', async () => {
    const df = DataFrame.fromColumns({ s: ['', '2147483648'] });
    const out = await df.select(col('s').cast('Int32', { strict: false }));
    expect(out.getColumn('s').toArray()).toEqual([null, null]);
    await expect(df.select(col('s').cast('Int32'))).rejects.toMatchObject({ code: 'CAST_ERROR', value: '', row: 0 });
  });

  it('checks strict when built and when read from data', () => {
    expect(() => col('s').cast('Int32', { strict: 'yes' as unknown as boolean })).toThrow('cast() strict must be true or false, got "yes"');
    expect(col('s').cast('Int32', { strict: false }).toString()).toBe('col("s").cast("Int32", { strict: false })');
  });
});

describe('casts between temporal types and integers', () => {
  it('reads a Date as its days and a Timestamp as its ms, and back', async () => {
    const df = DataFrame.fromColumns(
      { d: [new Date('2020-01-02T00:00:00Z'), new Date('1969-12-31T00:00:00Z'), null], t: [new Date(1234), new Date(-1), null] },
      { dtypes: { d: 'Date', t: 'Timestamp' } },
    );
    const out = await df.select(
      col('d').cast('Int32').alias('days'),
      col('d').cast('Int64').alias('days64'),
      col('t').cast('Int64').alias('ms'),
      col('d').cast('Int32').cast('Date').alias('d2'),
      col('t').cast('Int64').cast('Timestamp').alias('t2'),
      col('t').cast('Int32').alias('ms32'),
    );
    expect(out.getColumn('days').toArray()).toEqual([18263, -1, null]);
    expect(out.getColumn('days64').toArray()).toEqual([18263n, -1n, null]);
    expect(out.getColumn('ms').toArray()).toEqual([1234n, -1n, null]);
    expect(out.getColumn('d2').toArray()).toEqual(df.getColumn('d').toArray());
    expect(out.getColumn('t2').toArray()).toEqual(df.getColumn('t').toArray());
    expect(out.getColumn('ms32').toArray()).toEqual([1234, -1, null]);
  });

  it('makes an Int64 out of the Date range null, or an error when strict', async () => {
    const df = DataFrame.fromColumns({ n: [1n, 2n ** 40n] }, { dtypes: { n: 'Int64' } });
    const out = await df.select(col('n').cast('Date', { strict: false }));
    expect(out.getColumn('n').toArray()).toEqual([new Date(86_400_000), null]);
    await expect(df.select(col('n').cast('Date'))).rejects.toMatchObject({
      code: 'CAST_ERROR',
      value: String(2 ** 40),
      row: 1,
      to: 'Date',
    });
  });

  it('fails a strict cast of a Float64 out of range or NaN, and nulls it when not strict', async () => {
    const df = DataFrame.fromColumns({ f: [1.5, Number.NaN, 1e20] });
    expect((await df.select(col('f').cast('Int32', { strict: false }))).getColumn('f').toArray()).toEqual([1, null, null]);
    await expect(df.select(col('f').cast('Int32'))).rejects.toMatchObject({ code: 'CAST_ERROR', value: 'NaN', row: 1 });
  });

  it('refuses casts with no rule, naming the expression', () => {
    const df = DataFrame.fromColumns({ f: [1.5] });
    expect(() => df.lazy().select(col('f').cast('Date'))).toThrow(ExprTypeError);
    expect(() => df.lazy().select(col('f').cast('Date'))).toThrow('cannot cast column "f" of type Float64 to Date');
  });
});
