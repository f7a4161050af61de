/** Int64 values out of a frame as bigint (the default), as exact numbers, or as text, so JSON.stringify works. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, InvalidArgumentError, shutdownPool } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

const BIG = 2n ** 53n + 1n;

describe('Int64 values out of a frame', () => {
  it('are bigint by default, so a sum of an integer column needs an option for JSON', async () => {
    const df = new DataFrame({ id: ['a', 'b', 'a'], v: [1, 2, 3] });
    const sums = await df.groupBy('id').agg(col('v').sum());
    expect(sums.schema.get('v').dtype).toBe('Int64');
    expect(sums.toRecords()).toEqual([
      { id: 'a', v: 4n },
      { id: 'b', v: 2n },
    ]);
    expect(() => JSON.stringify(sums.toRecords())).toThrow(TypeError);
    expect(JSON.stringify(sums.toRecords({ int64: 'number' }))).toBe('[{"id":"a","v":4},{"id":"b","v":2}]');
    expect(JSON.stringify(sums.toRecords({ int64: 'string' }))).toBe('[{"id":"a","v":"4"},{"id":"b","v":"2"}]');
    expect(sums.toColumns({ int64: 'number' })).toEqual({ id: ['a', 'b'], v: [4, 2] });
  });

  it('give exact numbers up to 2^53 - 1 and an error naming the column and row beyond, never a rounded number', () => {
    const df = DataFrame.fromColumns(
      { k: [1, 2, 3, 4], n: [0n, -(2n ** 53n - 1n), null, BIG] },
      { dtypes: { k: 'Int32', n: 'Int64' }, chunkSize: 2 },
    );
    expect(df.getColumn('n').toArray({ int64: 'string' })).toEqual(['0', '-9007199254740991', null, '9007199254740993']);
    expect(df.getColumn('n').get(1, { int64: 'number' })).toBe(-9007199254740991);
    expect(df.getColumn('n').get(3)).toBe(BIG);
    const thrown = (() => {
      try {
        df.toRecords({ int64: 'number' });
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(thrown).toBeInstanceOf(InvalidArgumentError);
    expect((thrown as Error).message).toContain('column "n", row 3 holds 9007199254740993');
    expect(() => df.getColumn('n').toArray({ int64: 'number' })).toThrow(/row 3/);
    expect(() => df.getColumn('n').get(3, { int64: 'number' })).toThrow(InvalidArgumentError);
    // the other columns are as always
    expect(df.toRecords({ int64: 'string' })[2]).toEqual({ k: 3, n: null });
  });

  it('refuses an unknown choice', () => {
    const df = new DataFrame({ v: [1] });
    expect(() => df.toRecords({ int64: 'float' as 'number' })).toThrow(InvalidArgumentError);
  });
});
