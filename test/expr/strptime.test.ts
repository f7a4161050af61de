/** str.strptime, str.toDate and str.toDatetime: formats, ISO 8601, strict errors with value, row and column, and nulls; 1 and 2 threads. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, Expr, InvalidArgumentError, lit, ParseValueError, shutdownPool } from '../../src/index.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { validateExprNode } from '../../src/expr/index.js';

afterAll(async () => {
  await shutdownPool();
});

const iso = (d: unknown): string | null => (d === null ? null : (d as Date).toISOString());

async function parsed(
  values: (string | null)[],
  e: Expr,
  options: { threads?: number; morselSize?: number } = {},
): Promise<(string | null)[]> {
  const df = DataFrame.fromColumns({ s: values }, { dtypes: { s: 'Utf8' }, chunkSize: 3 });
  const out = await df
    .lazy()
    .select(e.alias('x'))
    .collect({ threads: options.threads ?? 2, morselSize: options.morselSize ?? 2 });
  return out.getColumn('x').toArray().map(iso);
}

async function thrown(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}

describe('str.toDate and str.toDatetime without a format', () => {
  it('read ISO 8601 as the CSV reader does, to the day for a Date', async () => {
    const values = ['2024-02-29', '1969-12-31T23:59:59.5Z', '2024-01-31 13:45+01:00', null, '0001-01-01', '9999-12-31T23:59:59.999'];
    for (const threads of [1, 2]) {
      expect(await parsed(values, col('s').str.toDate(), { threads })).toEqual([
        '2024-02-29T00:00:00.000Z',
        '1969-12-31T00:00:00.000Z',
        '2024-01-31T00:00:00.000Z',
        null,
        '0001-01-01T00:00:00.000Z',
        '9999-12-31T00:00:00.000Z',
      ]);
      expect(await parsed(values, col('s').str.toDatetime(), { threads })).toEqual([
        '2024-02-29T00:00:00.000Z',
        '1969-12-31T23:59:59.500Z',
        '2024-01-31T12:45:00.000Z',
        null,
        '0001-01-01T00:00:00.000Z',
        '9999-12-31T23:59:59.999Z',
      ]);
    }
  });

  it('give null for what does not parse when not strict: non-ASCII text, empty strings, impossible days', async () => {
    const values = ['Zürich', '', '2023-02-29', '日本', 'e\u0301', '👍', '2024-01-01'];
    expect(await parsed(values, col('s').str.toDate(null, { strict: false }))).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
      '2024-01-01T00:00:00.000Z',
    ]);
  });
});

describe('str.strptime with a format', () => {
  it('reads the common chrono specifiers', async () => {
    expect(await parsed(['31/01/2024', '1/2/1969', null], col('s').str.strptime('Date', '%d/%m/%Y'))).toEqual([
      '2024-01-31T00:00:00.000Z',
      '1969-02-01T00:00:00.000Z',
      null,
    ]);
    expect(
      await parsed(['Jan  5, 2024 1:02:03 PM', 'dec 31, 1969 12:00:00 am'], col('s').str.strptime('Timestamp', '%b %e, %Y %I:%M:%S %p')),
    ).toEqual(['2024-01-05T13:02:03.000Z', '1969-12-31T00:00:00.000Z']);
    expect(await parsed(['2024-01-31 10:00:00.25+0200', '2024-01-31 10:00:00-01:30'], col('s').str.toDatetime('%F %T%.f%z'))).toEqual([
      '2024-01-31T08:00:00.250Z',
      '2024-01-31T11:30:00.000Z',
    ]);
    expect(await parsed(['2024 060'], col('s').str.toDate('%Y %j'))).toEqual(['2024-02-29T00:00:00.000Z']);
  });

  it('works on a literal, and shows and round-trips as data', async () => {
    const e = lit('05.03.2024').str.toDate('%d.%m.%Y');
    expect(await parsed([null], e)).toEqual(['2024-03-05T00:00:00.000Z']);
    const s = col('s').str.strptime('Timestamp', '%F', { strict: false });
    expect(String(s)).toBe('col("s").str.strptime("Timestamp", "%F", { strict: false })');
    expect(String(col('s').str.toDate())).toBe('col("s").str.strptime("Date", null)');
    expect(Expr.fromJSON(JSON.parse(JSON.stringify(s))).node).toEqual(s.node);
  });

  it('rejects an unknown specifier, a format without a date, a wrong dtype and bad options when built or read', () => {
    expect(() => col('s').str.toDate('%Y-%Q')).toThrow(InvalidArgumentError);
    expect(() => col('s').str.toDate('%Y-%Q')).toThrow(/unknown specifier %Q/);
    expect(() => col('s').str.toDatetime('%H:%M')).toThrow(/gives no Timestamp/);
    expect(() => col('s').str.strptime('Int32' as never, '%Y')).toThrow(InvalidArgumentError);
    expect(() => col('s').str.toDate(null, { strict: 'yes' as never })).toThrow(InvalidArgumentError);
    const node = { kind: 'strptime', arg: { kind: 'col', name: 's' }, dtype: 'Date', format: '%m-%d', strict: true };
    expect(() => validateExprNode(node)).toThrow(/gives no Date/);
    expect(() => validateExprNode({ ...node, format: '%F', strict: 1 })).toThrow(/strict/);
  });

  it('needs a Utf8 input: a type error names the expression', () => {
    const df = DataFrame.fromColumns({ n: [1] });
    expect(() => df.lazy().select(col('n').str.toDate()).schema).toThrow(ExprTypeError);
    expect(() => df.lazy().select(col('n').str.toDate()).schema).toThrow(/col\("n"\)\.str\.strptime\("Date", null\)/);
  });
});

describe('strict parsing', () => {
  const values = ['2024-01-01', null, '2024-01-02', '2024-01-03', 'Zürich', '2024-01-04', 'nope'];

  it('fails on the first value that does not parse, naming it, its row and its column, at every thread count', async () => {
    for (const [threads, morselSize] of [
      [1, 2],
      [2, 2],
      [2, 1024],
    ] as const) {
      const e = await thrown(parsed(values, col('s').str.toDate(), { threads, morselSize }));
      expect(e).toBeInstanceOf(ParseValueError);
      expect(e).toMatchObject({ code: 'PARSE_ERROR', value: 'Zürich', row: 4, column: 'column "s"' });
      expect((e as Error).message).toMatch(/cannot parse "Zürich" at row 4 of column "s"; pass \{ strict: false \}/);
    }
  });

  it('names the earliest bad row even when a later morsel fails first', async () => {
    const many = Array.from({ length: 300 }, (_, i) => (i === 37 ? 'bad-37' : i === 90 || i === 299 ? `bad-${i}` : '2024-05-06'));
    for (let k = 0; k < 3; k++) {
      const e = await thrown(parsed(many, col('s').str.toDate(), { threads: 2, morselSize: 5 }));
      expect(e).toMatchObject({ value: 'bad-37', row: 37 });
    }
  });

  it('names the input row after a filter, and passes when the bad rows are filtered out', async () => {
    const df = DataFrame.fromColumns({ s: values, k: [1, 2, 3, 4, 5, 6, 7] }, { dtypes: { s: 'Utf8' } });
    const e = await thrown(df.lazy().filter(col('k').gt(5)).select(col('s').str.toDate()).collect({ threads: 2, morselSize: 3 }));
    expect(e).toMatchObject({ value: 'nope', row: 6 });
    const ok = await df.lazy().filter(col('k').lt(4)).select(col('s').str.toDate()).collect({ threads: 2, morselSize: 2 });
    expect(ok.getColumn('s').toArray().map(iso)).toEqual(['2024-01-01T00:00:00.000Z', null, '2024-01-02T00:00:00.000Z']);
  });

  it('fails at plan time on a literal that does not parse', async () => {
    const e = await thrown(parsed([null], lit('31/01/2024').str.toDate('%Y-%m-%d')));
    expect(e).toMatchObject({ code: 'PARSE_ERROR', value: '31/01/2024', row: null });
  });
});
