/** Schema inference: Int32 → Int64/Float64 → Date → Timestamp → Boolean → Utf8, column by column. */
import { describe, expect, test } from 'vitest';
import { TypeTracker } from '../../../src/io/csv/infer.js';
import { readCsvText as readCsvString } from '../../../src/io/csv/index.js';
import { dtypes, utc } from './helpers.js';

/** Read one column `x` from its values, one per line. */
async function column(values: string[], options = {}) {
  const df = await readCsvString(`${['x', ...values].join('\n')}\n`, options);
  return { dtype: df.schema.get('x').dtype, values: df.getColumn('x').toArray() };
}

describe('integers', () => {
  test('small integers are Int32, signs included', async () => {
    expect(await column(['1', '-2', '+3', '0', '-0'])).toEqual({ dtype: 'Int32', values: [1, -2, 3, 0, 0] });
  });

  test('the Int32 limits stay Int32', async () => {
    expect(await column(['2147483647', '-2147483648'])).toEqual({ dtype: 'Int32', values: [2147483647, -2147483648] });
  });

  test('one integer beyond Int32 makes the column Int64, exact as bigint', async () => {
    expect(await column(['1', '2147483648'])).toEqual({ dtype: 'Int64', values: [1n, 2147483648n] });
    expect(await column(['-2147483649'])).toEqual({ dtype: 'Int64', values: [-2147483649n] });
    expect(await column(['9223372036854775807', '-9223372036854775808'])).toEqual({
      dtype: 'Int64',
      values: [9223372036854775807n, -9223372036854775808n],
    });
  });

  test('an integer beyond Int64 makes the column Float64', async () => {
    expect(await column(['1', '9223372036854775808'])).toEqual({ dtype: 'Float64', values: [1, 2 ** 63] });
  });
});

describe('floats', () => {
  test('decimals and exponents are Float64', async () => {
    expect(await column(['1.5', '1e5', '2E-3', '.5', '-0.5', '0.5'])).toEqual({
      dtype: 'Float64',
      values: [1.5, 1e5, 2e-3, 0.5, -0.5, 0.5],
    });
  });

  test('a mix of integers and floats is Float64', async () => {
    expect(await column(['1', '2.5', '3'])).toEqual({ dtype: 'Float64', values: [1, 2.5, 3] });
    expect(await column(['2147483648', '0.5'])).toEqual({ dtype: 'Float64', values: [2147483648, 0.5] });
  });

  test('NaN, nan, inf, -inf and Infinity are Float64', async () => {
    expect(await column(['1', 'NaN', 'inf', '-inf', 'Infinity', 'nan'])).toEqual({
      dtype: 'Float64',
      values: [1, NaN, Infinity, -Infinity, Infinity, NaN],
    });
    expect(await column(['NaN'])).toEqual({ dtype: 'Float64', values: [NaN] });
  });

  test('other capitalizations of nan and inf are text', async () => {
    expect((await column(['1', 'Nan'])).dtype).toBe('Utf8');
    expect((await column(['INF'])).dtype).toBe('Utf8');
  });
});

describe('leading zeros', () => {
  test('keep a column text: 007, -01, 00.5', async () => {
    expect(await column(['1', '007'])).toEqual({ dtype: 'Utf8', values: ['1', '007'] });
    expect(await column(['-01'])).toEqual({ dtype: 'Utf8', values: ['-01'] });
    expect(await column(['00.5', '1.5'])).toEqual({ dtype: 'Utf8', values: ['00.5', '1.5'] });
  });

  test('but 0, 0.5 and -0.5 are numbers', async () => {
    expect(await column(['0', '10'])).toEqual({ dtype: 'Int32', values: [0, 10] });
    expect(await column(['0', '0.5', '-0.5'])).toEqual({ dtype: 'Float64', values: [0, 0.5, -0.5] });
  });
});

describe('dates and timestamps', () => {
  test('stay text without tryParseDates', async () => {
    expect(await column(['2024-01-02'])).toEqual({ dtype: 'Utf8', values: ['2024-01-02'] });
    expect((await column(['2024-01-02T03:04:05Z'])).dtype).toBe('Utf8');
  });

  test('YYYY-MM-DD is Date', async () => {
    expect(await column(['2024-01-02', '1969-12-31'], { tryParseDates: true })).toEqual({
      dtype: 'Date',
      values: [utc('2024-01-02'), utc('1969-12-31')],
    });
  });

  test('ISO 8601 date-times are Timestamp', async () => {
    expect(await column(['2024-01-02T03:04:05Z', '2024-01-02 03:04:05.123'], { tryParseDates: true })).toEqual({
      dtype: 'Timestamp',
      values: [utc('2024-01-02T03:04:05'), utc('2024-01-02T03:04:05.123')],
    });
  });

  test('dates mixed with timestamps are Timestamp at midnight', async () => {
    expect(await column(['2024-01-02', '2024-01-02T12:00:00'], { tryParseDates: true })).toEqual({
      dtype: 'Timestamp',
      values: [utc('2024-01-02T00:00:00'), utc('2024-01-02T12:00:00')],
    });
  });

  test('an impossible date or a mix with numbers is text', async () => {
    expect((await column(['2024-01-02', '2023-02-29'], { tryParseDates: true })).dtype).toBe('Utf8');
    expect((await column(['2024-01-02', '5'], { tryParseDates: true })).dtype).toBe('Utf8');
  });
});

describe('booleans', () => {
  test('true and false in any case are Boolean', async () => {
    expect(await column(['true', 'FALSE', 'True'])).toEqual({ dtype: 'Boolean', values: [true, false, true] });
  });

  test('other spellings, or a mix with numbers, are text', async () => {
    expect((await column(['yes', 'no'])).dtype).toBe('Utf8');
    expect((await column(['true', '1'])).dtype).toBe('Utf8');
  });
});

describe('nulls', () => {
  test('empty fields are null and do not vote', async () => {
    const df = await readCsvString('a,b,c\n1,,x\n,2.5,\n3,,z\n');
    expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Float64', c: 'Utf8' });
    expect(df.toRecords()).toEqual([
      { a: 1, b: null, c: 'x' },
      { a: null, b: 2.5, c: null },
      { a: 3, b: null, c: 'z' },
    ]);
  });

  test('an all-null column is Utf8', async () => {
    const df = await readCsvString('a,b\n1,\n2,\n');
    expect(dtypes(df)).toEqual({ a: 'Int32', b: 'Utf8' });
    expect(df.getColumn('b').toArray()).toEqual([null, null]);
  });

  test('null strings do not vote either', async () => {
    expect(await column(['NA', '5'], { nullValues: 'NA' })).toEqual({ dtype: 'Int32', values: [null, 5] });
  });
});

describe('TypeTracker', () => {
  test('widens as values arrive and never narrows back', () => {
    const t = new TypeTracker(true);
    expect(t.dtype()).toBe('Utf8');
    t.add('1');
    expect(t.dtype()).toBe('Int32');
    t.add('3000000000');
    expect(t.dtype()).toBe('Int64');
    t.add('0.5');
    expect(t.dtype()).toBe('Float64');
    t.add('7');
    expect(t.dtype()).toBe('Float64');
    t.add('x');
    expect(t.dtype()).toBe('Utf8');
    t.add('1');
    expect(t.dtype()).toBe('Utf8');
  });
});
