/** outputName, columnsUsed, containsAgg and the agg/no-agg context checks. */
import { describe, expect, test } from 'vitest';
import {
  checkAggContext,
  checkNoAgg,
  col,
  columnsUsed,
  containsAgg,
  corr,
  type Expr,
  ExprTypeError,
  len,
  lit,
  outputName,
  when,
} from '../../src/expr/index.js';

const name = (e: Expr) => outputName(e.node);

describe('outputName', () => {
  test('the outermost alias wins', () => {
    expect(name(col('v1').sum().alias('s'))).toBe('s');
    expect(name(col('v1').alias('a').alias('b'))).toBe('b');
  });

  test('otherwise the leftmost column or alias names it', () => {
    expect(name(col('v1'))).toBe('v1');
    expect(name(col('v1').add(col('v2')))).toBe('v1');
    expect(name(lit(1).add(col('v2')))).toBe('v2');
    expect(name(col('v1').alias('x').add(col('v2')))).toBe('x');
    expect(name(corr(col('v2'), col('v1')))).toBe('v2');
    expect(name(col('v3').quantile(0.5))).toBe('v3');
    expect(name(lit(3).between(col('lo'), col('hi')))).toBe('lo');
  });

  test('len() is "len" and a literal-only expression is "literal"', () => {
    expect(name(len())).toBe('len');
    expect(name(col('id1').len())).toBe('id1');
    expect(name(lit(1))).toBe('literal');
    expect(name(lit(1).add(lit(2)).alias('three'))).toBe('three');
    expect(name(lit(1).add(2))).toBe('literal');
  });

  test('a when/then is named after its first then value, as in Polars', () => {
    expect(name(when(col('a').gt(1)).then(col('b')).otherwise(col('c')))).toBe('b');
    expect(name(when(col('a').gt(1)).then(1).otherwise(col('c')))).toBe('literal');
    expect(name(col('x').add(when(col('a')).then(1)))).toBe('x');
  });
});

describe('columnsUsed and containsAgg', () => {
  test('columnsUsed lists distinct columns in order of first appearance', () => {
    expect(columnsUsed(col('b').add(col('a')).mul(col('b')).node)).toEqual(['b', 'a']);
    expect(columnsUsed(when(col('c')).then(col('a')).otherwise(col('b').sum()).node)).toEqual(['c', 'a', 'b']);
    expect(columnsUsed(lit(1).node)).toEqual([]);
    expect(columnsUsed(col('a').len().node)).toEqual([]);
    expect(columnsUsed(corr('x', 'y').node)).toEqual(['x', 'y']);
  });

  test('containsAgg finds aggregations anywhere', () => {
    expect(containsAgg(col('v1').sum().add(1).node)).toBe(true);
    expect(containsAgg(len().node)).toBe(true);
    expect(containsAgg(when(col('a')).then(col('b').max()).node)).toBe(true);
    expect(containsAgg(col('v1').add(1).alias('x').node)).toBe(false);
  });
});

describe('checkAggContext', () => {
  test('aggregated columns, group keys and literals are fine', () => {
    const ok = [
      col('v1').sum(),
      col('v1').sum().add(col('v3').mean()).alias('x'),
      col('id1').first(),
      col('v1').max().sub(col('id4')),
      lit(1),
      len(),
      when(col('id4').gt(1)).then(col('v1').sum()).otherwise(0),
      corr('v1', 'v2').pow(2),
    ];
    for (const e of ok) expect(() => checkAggContext(e.node, ['id1', 'id4'])).not.toThrow();
  });

  test('a column outside any aggregation that is not a key must be aggregated', () => {
    expect(() => checkAggContext(col('v1').add(1).node, ['id1'])).toThrow(
      'col("v1") must be aggregated in agg(...), e.g. col("v1").sum(), or be a group key; found in (col("v1") + 1); group keys: "id1"',
    );
    expect(() => checkAggContext(col('v1').sum().add(col('v2')).node, [])).toThrow(
      'col("v2") must be aggregated in agg(...), e.g. col("v2").sum(), or be a group key; found in (col("v1").sum() + col("v2")); group keys: (none)',
    );
    expect(() => checkAggContext(col('v1').node, ['id1', 'id2'])).toThrow(ExprTypeError);
  });

  test('nested aggregations are rejected', () => {
    expect(() => checkAggContext(col('v1').sum().max().node, [])).toThrow(
      'nested aggregation col("v1").sum() inside col("v1").sum().max() in col("v1").sum().max(); an aggregation cannot contain another aggregation',
    );
  });
});

describe('checkNoAgg', () => {
  test('row-wise expressions pass', () => {
    expect(() => checkNoAgg(col('v1').gt(2).node, 'filter()')).not.toThrow();
  });

  test('an aggregation is rejected with the verb named', () => {
    expect(() => checkNoAgg(col('v1').gt(col('v1').mean()).node, 'filter()')).toThrow(
      'aggregations are not allowed in filter(): col("v1").mean() in (col("v1") > col("v1").mean()); window expressions are not supported yet, aggregate with groupBy(...).agg(...) instead',
    );
    expect(() => checkNoAgg(len().alias('n').node, 'withColumns()')).toThrow(ExprTypeError);
  });
});
