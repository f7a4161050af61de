/** Type inference and conversion for frames built from records, arrays and typed arrays. */
import { describe, expect, it } from 'vitest';
import { Table } from '../../src/table/table.js';
import { columnsFromRecords, columnsFromValues } from '../../src/table/infer.js';

const dtypeOf = (values: unknown[]): string => columnsFromValues({ x: values }, {})[0]!.dtype;

describe('inference rules', () => {
  it('integers that fit int32 are Int32, nulls ignored', () => {
    expect(dtypeOf([1, null, -2_147_483_648, 2_147_483_647, undefined])).toBe('Int32');
  });

  it('integers beyond int32 and non-integers are Float64', () => {
    expect(dtypeOf([1, 2_147_483_648])).toBe('Float64');
    expect(dtypeOf([1, -2_147_483_649])).toBe('Float64');
    expect(dtypeOf([1, 2.5])).toBe('Float64');
    expect(dtypeOf([1, NaN])).toBe('Float64');
    expect(dtypeOf([Infinity])).toBe('Float64');
    const col = columnsFromValues({ x: [1, 2 ** 40, null] }, {})[0]!;
    expect(col.toArray()).toEqual([1, 2 ** 40, null]);
  });

  it('bigints are Int64, also beside integer numbers', () => {
    expect(dtypeOf([1n, null, 2n ** 62n])).toBe('Int64');
    const col = columnsFromValues({ x: [1n, 7] }, {})[0]!;
    expect(col.dtype).toBe('Int64');
    expect(col.toArray()).toEqual([1n, 7n]);
    expect(() => dtypeOf([1n, 0.5])).toThrow('column "x" mixes bigint and non-integer number values');
  });

  it('booleans, strings and Dates', () => {
    expect(dtypeOf([true, null, false])).toBe('Boolean');
    expect(dtypeOf(['a', null])).toBe('Utf8');
    expect(dtypeOf([new Date(0), null])).toBe('Timestamp');
    // midnight values are still instants: inference never guesses Date
    expect(dtypeOf([new Date('2024-01-01T00:00:00Z')])).toBe('Timestamp');
  });

  it('an all-null or empty column is Utf8', () => {
    const col = columnsFromValues({ x: [null, undefined, null] }, {})[0]!;
    expect(col.dtype).toBe('Utf8');
    expect(col.toArray()).toEqual([null, null, null]);
    expect(col.nullCount).toBe(3);
    expect(dtypeOf([])).toBe('Utf8');
  });

  it('mixed kinds throw, naming the column, both kinds and their rows', () => {
    expect(() => dtypeOf([1, null, 'a'])).toThrow('column "x" mixes number (row 0) and string (row 2) values');
    expect(() => columnsFromRecords([{ flag: true }, { flag: new Date(0) }])).toThrow(
      'column "flag" mixes boolean (row 0) and Date (row 1) values',
    );
  });

  it('unsupported values throw, naming the column and row', () => {
    expect(() => dtypeOf([1, { a: 1 }])).toThrow('column "x" row 1: unsupported value of type Object');
    expect(() => dtypeOf([[1]])).toThrow('column "x" row 0: unsupported value of type array');
  });

  it('an invalid Date throws instead of turning into a number', () => {
    expect(() => dtypeOf([new Date(0), new Date('nope')])).toThrow('column "x" row 1: cannot store Date Invalid Date as Timestamp');
  });
});

describe('forced dtypes', () => {
  it('convert numbers to Int64 and Float64', () => {
    const df = Table.fromColumns({ a: [1, null, 3], b: [1, 2, 3] }, { dtypes: { a: 'Int64', b: 'Float64' } });
    expect(df.schema.toString()).toBe('{a: Int64, b: Float64}');
    expect(df.getColumn('a').toArray()).toEqual([1n, null, 3n]);
    expect(df.getColumn('a').chunks[0]!.values).toBeInstanceOf(BigInt64Array);
    expect(df.getColumn('b').chunks[0]!.values).toBeInstanceOf(Float64Array);
  });

  it('convert values to strings, so a mixed column can still load', () => {
    const df = Table.fromColumns({ a: [1, 'x', true, 5n, null] }, { dtypes: { a: 'Utf8' } });
    expect(df.getColumn('a').toArray()).toEqual(['1', 'x', 'true', '5', null]);
  });

  it('read Dates and ISO strings as Date days, numbers and Dates as Timestamp ms', () => {
    const df = Table.fromColumns(
      { d: [new Date('2024-02-29T18:00:00Z'), '1969-12-31', null], t: [0, 1_700_000_000_123n, new Date(5)] },
      { dtypes: { d: 'Date', t: 'Timestamp' } },
    );
    expect(Array.from(df.getColumn('d').chunks[0]!.values as Int32Array)).toEqual([19782, -1, 0]);
    expect(df.getColumn('d').toArray()).toEqual([new Date('2024-02-29'), new Date('1969-12-31'), null]);
    expect(df.getColumn('t').toArray()).toEqual([new Date(0), new Date(1_700_000_000_123), new Date(5)]);
  });

  it('throw on values the type cannot hold exactly', () => {
    expect(() => Table.fromColumns({ a: [1, 1.5] }, { dtypes: { a: 'Int32' } })).toThrow(
      'column "a" row 1: cannot store number 1.5 as Int32',
    );
    expect(() => Table.fromColumns({ a: [2 ** 31] }, { dtypes: { a: 'Int32' } })).toThrow(/cannot store number 2147483648 as Int32/);
    expect(() => Table.fromColumns({ a: ['1'] }, { dtypes: { a: 'Float64' } })).toThrow('cannot store string "1" as Float64');
    expect(() => Table.fromColumns({ a: [2n ** 63n] }, { dtypes: { a: 'Int64' } })).toThrow(/as Int64/);
    expect(() => Table.fromColumns({ a: [1] }, { dtypes: { a: 'Boolean' } })).toThrow(/as Boolean/);
  });

  it('reject a dtype that is not a Volley type', () => {
    expect(() => Table.fromColumns({ a: [1] }, { dtypes: { a: 'Float32' as 'Float64' } })).toThrow(
      'dtype of column "a" is Float32, expected one of Int32, Int64, Float64, Boolean, Utf8, Date, Timestamp',
    );
  });

  it('name the known columns when a dtype is given for an unknown one', () => {
    expect(() => Table.fromColumns({ a: [1] }, { dtypes: { b: 'Int32' } })).toThrow('unknown column "b" in dtypes; known columns: "a"');
  });
});

describe('records', () => {
  it('missing keys give nulls; columns follow the order keys are first seen', () => {
    const df = Table.fromRecords([{ b: 1 }, { a: 'x', b: 2 }, { c: true }, {}]);
    expect(df.columns).toEqual(['b', 'a', 'c']);
    expect(df.schema.toString()).toBe('{b: Int32, a: Utf8, c: Boolean}');
    expect(df.toRecords()).toEqual([
      { b: 1, a: null, c: null },
      { b: 2, a: 'x', c: null },
      { b: null, a: null, c: true },
      { b: null, a: null, c: null },
    ]);
  });

  it('reads only own keys, so prototype names are ordinary columns', () => {
    const df = Table.fromRecords([{ constructor: 1 }, { toString: 'x' }]);
    expect(df.toRecords()).toEqual([
      { constructor: 1, toString: null },
      { constructor: null, toString: 'x' },
    ]);
  });

  it('no rows give no columns', () => {
    expect(Table.fromRecords([]).shape).toEqual([0, 0]);
  });
});

describe('typed arrays', () => {
  it('keep their type and land in shared memory', () => {
    const df = Table.fromColumns({
      i: new Int32Array([1, 2, 3]),
      f: new Float64Array([1.5, NaN, 3]),
      n: new BigInt64Array([1n, -2n, 3n]),
    });
    expect(df.schema.toString()).toBe('{i: Int32, f: Float64, n: Int64}');
    expect(df.toColumns()).toEqual({ i: [1, 2, 3], f: [1.5, NaN, 3], n: [1n, -2n, 3n] });
    expect(df.getColumn('f').nullCount).toBe(0);
    for (const c of df.getColumns()) expect(c.chunks[0]!.values.buffer).toBeInstanceOf(SharedArrayBuffer);
  });

  it('are chunked without a copy when already shared', () => {
    const src = new Float64Array(new SharedArrayBuffer(7 * 8));
    src.forEach((_, i) => (src[i] = i / 2));
    const col = columnsFromValues({ x: src }, { chunkSize: 3 })[0]!;
    expect(col.chunks.map((c) => c.length)).toEqual([3, 3, 1]);
    for (const c of col.chunks) expect(c.values.buffer).toBe(src.buffer);
    expect(col.toArray()).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3]);
  });

  it('convert when a dtype is forced', () => {
    const df = Table.fromColumns({ x: new Int32Array([1, 2]) }, { dtypes: { x: 'Int64' } });
    expect(df.getColumn('x').toArray()).toEqual([1n, 2n]);
  });
});

describe('chunking and lengths', () => {
  it('chunkSize 3 over 7 rows gives chunks of 3, 3 and 1', () => {
    const rows = Array.from({ length: 7 }, (_, i) => ({ i, s: `s${i}`, b: i % 2 === 0 }));
    for (const df of [
      Table.fromRecords(rows, { chunkSize: 3 }),
      Table.fromColumns({ i: new Int32Array(7), s: rows.map((r) => r.s) }, { chunkSize: 3 }),
    ]) {
      for (const c of df.getColumns()) expect(c.chunks.map((ch) => ch.length)).toEqual([3, 3, 1]);
    }
    expect(Table.fromRecords(rows, { chunkSize: 3 }).toRecords()).toEqual(rows);
  });

  it('rejects columns of different lengths and bad chunk sizes', () => {
    expect(() => Table.fromColumns({ a: [1, 2], b: [1] })).toThrow(
      'column "b" has 1 values, but column "a" has 2; all columns need the same length',
    );
    expect(() => Table.fromColumns({ a: [1] }, { chunkSize: 0 })).toThrow(/chunk size must be a positive integer/);
    expect(() => Table.fromRecords([{ a: 1 }], { chunkSize: 2.5 })).toThrow(/chunk size/);
  });
});
