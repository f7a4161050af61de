/** Row-group skipping: which groups a predicate may keep rows of, judged from statistics alone. */
import { describe, expect, it } from 'vitest';
import { col, lit } from '../../src/index.js';
import type { Expr } from '../../src/expr/expr.js';
import type { ColumnStats, ParquetFileInfo, StatValue } from '../../src/io/parquet/metadata.js';
import { keptRowGroups } from '../../src/physical/row-groups.js';
import { Schema } from '../../src/types/schema.js';

const schema = new Schema([
  { name: 'i', dtype: 'Int32' },
  { name: 'big', dtype: 'Int64' },
  { name: 'f', dtype: 'Float64' },
  { name: 's', dtype: 'Utf8' },
  { name: 'd', dtype: 'Date' },
  { name: 'b', dtype: 'Boolean' },
]);

const stats = (min: StatValue | null, max: StatValue | null, nullCount: number | null = 0): ColumnStats => ({ min, max, nullCount });

/** Two groups of 10 rows: group 0 low values, group 1 high values; `s` all null in group 1. */
const info: ParquetFileInfo = {
  source: 'x.parquet',
  numRows: 20,
  columns: schema.fields.map((f) => ({ name: f.name, dtype: f.dtype })),
  rowGroups: [
    {
      numRows: 10,
      stats: new Map([
        ['i', stats(0n, 9n)],
        ['big', stats(9_007_199_254_740_992n, 9_007_199_254_740_992n)],
        ['f', stats(-1, 1)],
        ['s', stats('a', 'm', 2)],
        ['d', stats(0n, 100n)],
        ['b', stats(0, 0)],
      ]),
    },
    {
      numRows: 10,
      stats: new Map([
        ['i', stats(10n, 19n, 3)],
        ['big', stats(9_007_199_254_740_993n, 9_007_199_254_740_999n)],
        ['f', stats(5, 9)],
        ['s', stats(null, null, 10)],
        ['d', stats(200n, 300n)],
        ['b', stats(0, 1)],
      ]),
    },
  ],
};

const kept = (e: Expr): number[] => keptRowGroups(info, schema, e.node);

describe('keptRowGroups', () => {
  it('ranges, either side of the comparison, and/or/between/isIn', () => {
    expect(kept(col('i').gt(lit(9)))).toEqual([1]);
    expect(kept(col('i').lte(lit(9)))).toEqual([0]);
    expect(kept(lit(12).eq(col('i')))).toEqual([1]);
    expect(kept(col('i').lt(lit(0)))).toEqual([]);
    expect(
      kept(
        col('i')
          .lt(lit(3))
          .or(col('i').gt(lit(18))),
      ),
    ).toEqual([0, 1]);
    expect(
      kept(
        col('i')
          .gt(lit(3))
          .and(col('i').lt(lit(5))),
      ),
    ).toEqual([0]);
    expect(kept(col('i').between(lit(20), lit(30)))).toEqual([]);
    expect(kept(col('i').isIn([15, 40]))).toEqual([1]);
    expect(kept(col('i').neq(lit(5)))).toEqual([0, 1]);
  });

  it('null counts: isNull, isNotNull, an all-null group, a null literal', () => {
    expect(kept(col('i').isNull())).toEqual([1]);
    expect(kept(col('s').isNotNull())).toEqual([0]);
    expect(kept(col('s').eq(lit('z')))).toEqual([]);
    expect(kept(col('i').eq(lit(null, 'Int32')))).toEqual([]);
  });

  it('Float64: a NaN may hide above any maximum, so only tests NaN fails are judged', () => {
    expect(kept(col('f').gt(lit(100)))).toEqual([0, 1]);
    expect(kept(col('f').gte(lit(100)))).toEqual([0, 1]);
    expect(kept(col('f').lt(lit(2)))).toEqual([0]);
    expect(kept(col('f').eq(lit(7)))).toEqual([1]);
    expect(kept(col('f').eq(lit(Number.NaN)))).toEqual([0, 1]);
  });

  it('Int64 exactly against integers, as doubles against a float', () => {
    expect(kept(col('big').eq(lit(9_007_199_254_740_993n)))).toEqual([1]);
    // as a double, 2^53 + 1 is 2^53: Volley compares Int64 with a Float64 as doubles
    expect(kept(col('big').eq(lit(9_007_199_254_740_992, 'Float64')))).toEqual([0, 1]);
  });

  it('strings only for equality, dates only against dates', () => {
    expect(kept(col('s').eq(lit('b')))).toEqual([0]);
    expect(kept(col('s').eq(lit('zz')))).toEqual([]);
    expect(kept(col('s').gt(lit('zz')))).toEqual([0]);
    expect(kept(col('d').gte(lit(150, 'Date')))).toEqual([1]);
    expect(kept(col('b').eq(lit(true)))).toEqual([1]);
  });

  it('what the statistics cannot judge keeps every group', () => {
    expect(kept(col('i').add(lit(1)).gt(lit(100)))).toEqual([0, 1]);
    expect(kept(col('i').gt(col('big')))).toEqual([0, 1]);
  });
});
