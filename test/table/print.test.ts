/** Polars-style printing: exact layouts, elision of long and wide frames, and float formatting. */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { makeChunk } from '../../src/table/chunk.js';
import { Column } from '../../src/table/column.js';
import { Table } from '../../src/table/table.js';
import { formatFloat } from '../../src/table/print.js';

const lines = (...xs: string[]): string => xs.join('\n');

describe('formatFrame', () => {
  it('prints every dtype and nulls exactly', () => {
    const df = Table.fromColumns(
      {
        i: [1, null, -30],
        l: [9007199254740993n, null, -1n],
        f: [1.5, 2, null],
        b: [true, null, false],
        s: ['abc', null, 'say "hi"\n'],
        d: [new Date('2024-02-29'), null, new Date('1969-07-20')],
        t: [new Date('2024-02-29T13:05:09.007Z'), new Date(-1), null],
      },
      { dtypes: { d: 'Date' }, chunkSize: 2 },
    );
    expect(df.toString()).toBe(
      lines(
        'shape: (3, 7)',
        '┌──────┬──────────────────┬──────┬───────┬────────────────┬────────────┬─────────────────────────┐',
        '│ i    ┆ l                ┆ f    ┆ b     ┆ s              ┆ d          ┆ t                       │',
        '│ ---  ┆ ---              ┆ ---  ┆ ---   ┆ ---            ┆ ---        ┆ ---                     │',
        '│ i32  ┆ i64              ┆ f64  ┆ bool  ┆ str            ┆ date       ┆ datetime[ms]            │',
        '╞══════╪══════════════════╪══════╪═══════╪════════════════╪════════════╪═════════════════════════╡',
        '│ 1    ┆ 9007199254740993 ┆ 1.5  ┆ true  ┆ "abc"          ┆ 2024-02-29 ┆ 2024-02-29 13:05:09.007 │',
        '│ null ┆ null             ┆ 2.0  ┆ null  ┆ null           ┆ null       ┆ 1969-12-31 23:59:59.999 │',
        '│ -30  ┆ -1               ┆ null ┆ false ┆ "say \\"hi\\"\\n" ┆ 1969-07-20 ┆ null                    │',
        '└──────┴──────────────────┴──────┴───────┴────────────────┴────────────┴─────────────────────────┘',
      ),
    );
  });

  it('elides the middle rows of a long frame and cuts long strings', () => {
    const df = Table.fromColumns(
      { n: Array.from({ length: 23 }, (_, i) => i * 1.25), word: Array.from({ length: 23 }, (_, i) => 'w'.repeat(i * 3)) },
      { chunkSize: 4 },
    );
    expect(df.toString({ maxRows: 5, maxStringLength: 8 })).toBe(
      lines(
        'shape: (23, 2)',
        '┌───────┬─────────────┐',
        '│ n     ┆ word        │',
        '│ ---   ┆ ---         │',
        '│ f64   ┆ str         │',
        '╞═══════╪═════════════╡',
        '│ 0.0   ┆ ""          │',
        '│ 1.25  ┆ "www"       │',
        '│ 2.5   ┆ "wwwwww"    │',
        '│ …     ┆ …           │',
        '│ 26.25 ┆ "wwwwwwww…" │',
        '│ 27.5  ┆ "wwwwwwww…" │',
        '└───────┴─────────────┘',
      ),
    );
  });

  it('shows 5 + 5 rows by default and every row up to the limit', () => {
    const rowsOf = (s: string): string[] =>
      s
        .split('\n')
        .slice(6, -1)
        .map((l) => l.slice(2, -2).trim());
    const df = Table.fromColumns({ x: Array.from({ length: 11 }, (_, i) => i) }, { chunkSize: 3 });
    expect(rowsOf(df.toString())).toEqual(['0', '1', '2', '3', '4', '…', '6', '7', '8', '9', '10']);
    expect(rowsOf(df.head(10).toString())).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(rowsOf(df.toString({ maxRows: 0 }))).toEqual(['…']);
  });

  it('cuts strings at 32 characters by default, counting code points', () => {
    const long = 'é'.repeat(40);
    const df = Table.fromColumns({ s: [long, 'x'.repeat(32)] });
    const [a, b] = df.toString().split('\n').slice(6, 8);
    expect(a).toBe(`│ "${'é'.repeat(32)}…" │`);
    expect(b).toBe(`│ "${'x'.repeat(32)}"  │`);
  });

  it('elides the middle columns of a wide frame', () => {
    const wide: Record<string, number[]> = {};
    for (let i = 0; i < 15; i++) wide[`c${i}`] = [i, -i];
    const df = Table.fromColumns(wide);
    expect(df.toString()).toBe(
      lines(
        'shape: (2, 15)',
        '┌─────┬─────┬─────┬─────┬─────┬─────┬───┬─────┬─────┬─────┬─────┬─────┬─────┐',
        '│ c0  ┆ c1  ┆ c2  ┆ c3  ┆ c4  ┆ c5  ┆ … ┆ c9  ┆ c10 ┆ c11 ┆ c12 ┆ c13 ┆ c14 │',
        '│ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆   ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- ┆ --- │',
        '│ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆   ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 ┆ i32 │',
        '╞═════╪═════╪═════╪═════╪═════╪═════╪═══╪═════╪═════╪═════╪═════╪═════╪═════╡',
        '│ 0   ┆ 1   ┆ 2   ┆ 3   ┆ 4   ┆ 5   ┆ … ┆ 9   ┆ 10  ┆ 11  ┆ 12  ┆ 13  ┆ 14  │',
        '│ 0   ┆ -1  ┆ -2  ┆ -3  ┆ -4  ┆ -5  ┆ … ┆ -9  ┆ -10 ┆ -11 ┆ -12 ┆ -13 ┆ -14 │',
        '└─────┴─────┴─────┴─────┴─────┴─────┴───┴─────┴─────┴─────┴─────┴─────┴─────┘',
      ),
    );
    expect(df.toString({ maxColumns: 3 }).split('\n')[2]).toBe('│ c0  ┆ c1  ┆ … ┆ c14 │');
    expect(df.select('c0', 'c1', 'c2').toString({ maxColumns: 3 }).split('\n')[2]).toBe('│ c0  ┆ c1  ┆ c2  │');
  });

  it('prints frames with no rows or no columns', () => {
    expect(Table.fromColumns({}).toString()).toBe(lines('shape: (0, 0)', '┌┐', '╞╡', '└┘'));
    const df = Table.fromColumns({ name: [] as string[], v: [] as number[] }, { dtypes: { v: 'Float64' } });
    expect(df.toString()).toBe(
      lines('shape: (0, 2)', '┌──────┬─────┐', '│ name ┆ v   │', '│ ---  ┆ --- │', '│ str  ┆ f64 │', '╞══════╪═════╡', '└──────┴─────┘'),
    );
  });

  it('escapes control characters in column names', () => {
    const df = Table.fromColumns({ 'a\tb': [1] });
    expect(df.toString().split('\n')[2]).toBe('│ a\\tb │');
  });

  it('reads only the chunks of the rows it shows', () => {
    const chunk = (xs: number[]) => makeChunk(Int32Array.from(xs), null, xs.length);
    const untouchable = new Proxy(new Int32Array(5), {
      get(target, key) {
        if (typeof key === 'string' && /^\d+$/.test(key)) throw new Error(`read row ${key} of a hidden chunk`);
        return Reflect.get(target, key);
      },
    });
    const col = new Column('x', 'Int32', [chunk([0, 1, 2, 3, 4]), makeChunk(untouchable, null, 5), chunk([10, 11, 12, 13, 14])]);
    const out = new Table([col]).toString({ maxRows: 4 });
    expect(out.split('\n').slice(6, -1)).toEqual(['│ 0   │', '│ 1   │', '│ …   │', '│ 13  │', '│ 14  │']);
  });

  it('is what util.inspect and console.log show', () => {
    const df = Table.fromRecords([
      { a: 1, b: 'x' },
      { a: 2, b: null },
    ]);
    expect(inspect(df)).toBe(df.toString());
    expect(`${df}`).toBe(df.toString());
  });
});

describe('formatFloat', () => {
  // Expected strings are what Polars prints for the same f64 values.
  it.each([
    [1.5, '1.5'],
    [2, '2.0'],
    [-0, '-0.0'],
    [0, '0.0'],
    [999998, '999998.0'],
    [999999, '9.99999e5'],
    [1234567, '1.234567e6'],
    [123456789, '1.23456789e8'],
    [1e9, '1.0000e9'],
    [1e20, '1.0000e20'],
    [12345678.5, '1.2346e7'],
    [123456.789, '123456.789'],
    [12345.678, '12345.678'],
    [1 / 3, '0.333333'],
    [2000 / 3, '666.666667'],
    [0.1 + 0.2, '0.3'],
    [12.0000000001, '12.0'],
    [0.0001, '0.0001'],
    [0.000001, '0.000001'],
    [0.0000012345, '0.000001'],
    [1e-7, '0.0000001'],
    [1e-9, '1.0000e-9'],
    [-1.5e-7, '-1.5000e-7'],
    [NaN, 'NaN'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
  ])('%s prints as %s', (v, expected) => {
    expect(formatFloat(v)).toBe(expected);
  });
});
