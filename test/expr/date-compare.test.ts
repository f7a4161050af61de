/** Dates minus dates, and dates compared with Timestamps, JS Dates and ISO text (eq, lt, between, isIn); 1 and 2 threads. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, type Expr, lit, shutdownPool, when } from '../../src/index.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { columnOnEveryRun } from './every-run.js';

afterAll(async () => {
  await shutdownPool();
});

const day = (iso: string): Date => new Date(`${iso}T00:00:00Z`);

const df = DataFrame.fromColumns(
  {
    d: [day('2024-01-01'), day('2024-03-01'), day('1969-12-31'), null, day('0001-01-01'), day('9999-12-31')],
    e: [day('2023-12-31'), day('2024-02-01'), day('1970-01-01'), day('2024-01-01'), null, day('0001-01-01')],
    t: [
      new Date('2024-01-01T12:00:00Z'),
      new Date('2024-03-01T00:00:00Z'),
      new Date(-1),
      new Date(0),
      new Date('0001-01-01T00:00:00.001Z'),
      null,
    ],
  },
  { dtypes: { d: 'Date', e: 'Date', t: 'Timestamp' }, chunkSize: 4 },
);

const values = (e: Expr): Promise<unknown[]> => columnOnEveryRun(df, e);

describe('date subtraction', () => {
  it('gives Int32 days for Date - Date, across leap years and before 1970', async () => {
    expect(await values(col('d').sub(col('e')))).toEqual([1, 29, -1, null, null, 3_652_058]);
    expect(
      df
        .lazy()
        .select(col('d').sub(col('e')))
        .schema.get('d').dtype,
    ).toBe('Int32');
  });

  it('gives Int64 ms when a Timestamp is on either side (a Date is its midnight)', async () => {
    expect(await values(col('t').sub(col('d')))).toEqual([43_200_000n, 0n, 86_399_999n, null, 1n, null]);
    expect(await values(col('d').sub(col('t')))).toEqual([-43_200_000n, 0n, -86_399_999n, null, -1n, null]);
    expect(await values(col('t').sub(lit(new Date(0))))).toEqual([
      1_704_110_400_000n,
      1_709_251_200_000n,
      -1n,
      0n,
      -62_135_596_799_999n,
      null,
    ]);
    expect(
      df
        .lazy()
        .select(col('t').sub(col('d')))
        .schema.get('t').dtype,
    ).toBe('Int64');
  });

  it('rejects adding dates and subtracting numbers, naming the expression', () => {
    expect(() => df.lazy().select(col('d').add(col('e'))).schema).toThrow(ExprTypeError);
    expect(() => df.lazy().select(col('d').sub(1)).schema).toThrow(/col\("d"\) - 1.*dt\.offsetBy/);
  });
});

describe('dates compared with other dates and with literals', () => {
  it('compares a Date with a Timestamp as instants: the Date is its midnight', async () => {
    expect(await values(col('d').eq(col('t')))).toEqual([false, true, false, null, false, null]);
    expect(await values(col('d').lt(col('t')))).toEqual([true, false, true, null, true, null]);
  });

  it('reads ISO text as a Date next to a Date, and as an instant when it has a time', async () => {
    expect(await values(col('d').eq('2024-01-01'))).toEqual([true, false, false, null, false, false]);
    expect(await values(col('d').gte('2024-01-01'))).toEqual([true, true, false, null, false, true]);
    expect(await values(col('d').lt('2024-01-01T12:00:00Z'))).toEqual([true, false, true, null, true, false]);
    expect(await values(col('d').eq('2024-01-01T00:00:00Z'))).toEqual([true, false, false, null, false, false]);
    expect(await values(col('t').lt('2024-01-01T12:00:00Z'))).toEqual([false, false, true, true, true, null]);
    expect(await values(col('t').eq('1970-01-01'))).toEqual([false, false, false, true, false, null]);
    // the text on the left, and an offset read to UTC
    expect(await values(lit('2024-01-01T13:00:00+01:00').eq(col('t')))).toEqual([true, false, false, false, false, null]);
  });

  it('compares with a JS Date as Polars and DuckDB do: a time part makes it an instant', async () => {
    expect(await values(col('d').gt(new Date('2024-01-01')))).toEqual([false, true, false, null, false, true]);
    expect(await values(col('d').eq(new Date('2024-01-01T12:00:00Z')))).toEqual([false, false, false, null, false, false]);
    expect(await values(col('t').gte(new Date('2024-01-01T12:00:00Z')))).toEqual([true, true, false, false, false, null]);
  });

  it('takes ISO text and JS Dates in between and isIn', async () => {
    expect(await values(col('d').between('1969-12-31', '2024-01-01'))).toEqual([true, false, true, null, false, false]);
    expect(await values(col('t').between('1969-12-31T23:59:59.999Z', new Date(0)))).toEqual([false, false, true, true, false, null]);
    expect(await values(col('d').isIn(['2024-03-01', new Date('9999-12-31'), '2024-01-01T12:00:00Z']))).toEqual([
      false,
      true,
      false,
      null,
      false,
      true,
    ]);
    expect(await values(col('t').isIn(['2024-03-01', new Date(-1)]))).toEqual([false, true, true, false, false, null]);
  });

  it('makes text that is not ISO 8601 a type error naming the expression', () => {
    for (const e of [col('d').eq('31/01/2024'), col('t').lt('yesterday'), col('d').between('2024-01-01', 'x'), col('t').eq('2024-02-30')]) {
      expect(() => df.lazy().select(e).schema).toThrow(ExprTypeError);
    }
    expect(() => df.lazy().select(col('d').eq('31/01/2024')).schema).toThrow(
      'cannot read "31/01/2024" as a Date in (col("d") == "31/01/2024")',
    );
    expect(() => df.lazy().select(col('d').isIn(['soon'])).schema).toThrow(/isIn value "soon" does not match column "d" of type Date/);
  });

  it('brings a Date and a Timestamp to Timestamp where they meet in when/then and fillNull', async () => {
    expect(
      (await values(when(col('d').isNull()).then(col('t')).otherwise(col('d')))).map((v) => (v as Date | null)?.toISOString() ?? null),
    ).toEqual([
      '2024-01-01T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
      '1969-12-31T00:00:00.000Z',
      '1970-01-01T00:00:00.000Z',
      '0001-01-01T00:00:00.000Z',
      '9999-12-31T00:00:00.000Z',
    ]);
    expect(
      df
        .lazy()
        .select(col('d').fillNull(col('t')))
        .schema.get('d').dtype,
    ).toBe('Timestamp');
    expect(await values(col('d').fillNull(col('t')).eq(col('t')))).toEqual([false, true, false, true, false, null]);
  });

  it('filters with them, as a user writes it', async () => {
    const out = await df
      .lazy()
      .filter(
        col('d')
          .between('1969-01-01', '2024-12-31')
          .and(col('t').lt(new Date('2024-02-01'))),
      )
      .select(col('d'))
      .collect({ threads: 2, morselSize: 2 });
    expect(out.getColumn('d').toArray()).toEqual([day('2024-01-01'), day('1969-12-31')]);
  });
});
