/** Display strings of every expression form. */
import { describe, expect, test } from 'vitest';
import { test as prop } from '@fast-check/vitest';
import { col, corr, type Expr, exprToString, len, lit, when } from '../../src/expr/index.js';
import { exprArb } from './arbitrary.js';

const show = (e: Expr) => exprToString(e.node);

describe('exprToString', () => {
  test('columns, operators and aliases read like the builder calls', () => {
    expect(show(col('v1').sum().alias('x'))).toBe('col("v1").sum().alias("x")');
    expect(
      show(
        col('v1')
          .gt(2)
          .and(col('id4').isIn([1, 2, 3])),
      ),
    ).toBe('((col("v1") > 2) & col("id4").isIn([1, 2, 3]))');
    expect(show(col('a').add(1).sub(2).mul(3).div(4).mod(5))).toBe('(((((col("a") + 1) - 2) * 3) / 4) % 5)');
    expect(show(col('a').eq(1).or(col('a').neq(2)))).toBe('((col("a") == 1) | (col("a") != 2))');
    expect(show(col('a').lt(1).and(col('a').lte(2)).and(col('a').gte(0)))).toBe('(((col("a") < 1) & (col("a") <= 2)) & (col("a") >= 0))');
  });

  test('literals show their type: Int32, Float64, Int64, strings, dates, nulls', () => {
    expect(show(lit(2))).toBe('2');
    expect(show(lit(2, 'Float64'))).toBe('2.0');
    expect(show(lit(-0, 'Float64'))).toBe('-0.0');
    expect(show(lit(1e21))).toBe('1e+21');
    expect(show(lit(2.5))).toBe('2.5');
    expect(show(lit(Number.NaN))).toBe('NaN');
    expect(show(lit(-Infinity))).toBe('-Infinity');
    expect(show(lit(5n))).toBe('5n');
    expect(show(lit('a "q"'))).toBe('"a \\"q\\""');
    expect(show(lit(false))).toBe('false');
    expect(show(lit(null))).toBe('null');
    expect(show(lit(null, 'Int32'))).toBe('lit(null, "Int32")');
    expect(show(lit('2020-01-02', 'Date'))).toBe('lit("2020-01-02", "Date")');
    expect(show(lit(0, 'Timestamp'))).toBe('lit("1970-01-01T00:00:00.000Z", "Timestamp")');
    expect(show(lit(2_000_000_000, 'Date'))).toBe('lit(2000000000, "Date")');
  });

  test('a literal receiving a method is wrapped in lit(...)', () => {
    expect(show(lit(2).abs())).toBe('lit(2).abs()');
    expect(show(lit('x').str.length())).toBe('lit("x").str.length()');
    expect(show(lit('2020-01-02', 'Date').dt.year())).toBe('lit("2020-01-02", "Date").dt.year()');
  });

  test('unary, math and null functions', () => {
    expect(show(col('a').not())).toBe('col("a").not()');
    expect(show(col('a').neg().abs().floor().ceil().sqrt().log().exp())).toBe('col("a").neg().abs().floor().ceil().sqrt().log().exp()');
    expect(show(col('a').isNull().or(col('b').isNotNull()))).toBe('(col("a").isNull() | col("b").isNotNull())');
    expect(show(col('a').round(2).pow(col('b')))).toBe('col("a").round(2).pow(col("b"))');
    expect(show(col('a').fillNull(0))).toBe('col("a").fillNull(0)');
    expect(show(col('a').isIn(['x', true, 2.5]))).toBe('col("a").isIn(["x", true, 2.5])');
    expect(show(col('a').between(1, 2.5))).toBe('col("a").between(1, 2.5)');
    expect(show(col('a').cast('Float64'))).toBe('col("a").cast("Float64")');
  });

  test('string and date namespaces', () => {
    expect(show(col('s').str.contains('a'))).toBe('col("s").str.contains("a")');
    expect(show(col('s').str.startsWith('a'))).toBe('col("s").str.startsWith("a")');
    expect(show(col('s').str.endsWith('a'))).toBe('col("s").str.endsWith("a")');
    expect(show(col('s').str.toUpperCase().str.toLowerCase())).toBe('col("s").str.toUpperCase().str.toLowerCase()');
    expect(show(col('s').str.slice(1))).toBe('col("s").str.slice(1)');
    expect(show(col('s').str.slice(-2, 1))).toBe('col("s").str.slice(-2, 1)');
    expect(show(col('d').dt.year().add(col('d').dt.month()))).toBe('(col("d").dt.year() + col("d").dt.month())');
    expect(show(col('d').dt.day())).toBe('col("d").dt.day()');
    expect(show(col('d').dt.weekday())).toBe('col("d").dt.weekday()');
  });

  test('when/then/otherwise omits an untyped null otherwise', () => {
    expect(show(when(col('a').gt(1)).then(1))).toBe('when((col("a") > 1)).then(1)');
    expect(show(when(col('a')).then(1).when(col('b')).then(2).otherwise(3))).toBe(
      'when(col("a")).then(1).when(col("b")).then(2).otherwise(3)',
    );
    expect(show(when(col('a')).then(1).otherwise(lit(null, 'Int32')))).toBe('when(col("a")).then(1).otherwise(lit(null, "Int32"))');
  });

  test('aggregations', () => {
    for (const fn of ['sum', 'mean', 'min', 'max', 'count', 'nUnique', 'first', 'last', 'var', 'std', 'median'] as const) {
      expect(show(col('v')[fn]())).toBe(`col("v").${fn}()`);
    }
    expect(show(col('v').quantile(0.25))).toBe('col("v").quantile(0.25)');
    expect(show(len())).toBe('len()');
    expect(show(col('v').len())).toBe('len().alias("v")');
    expect(show(corr('a', 'b').pow(2).alias('r2'))).toBe('corr(col("a"), col("b")).pow(2).alias("r2")');
  });

  test('column names are escaped', () => {
    expect(show(col('we"ird\nname'))).toBe('col("we\\"ird\\nname")');
  });

  prop.prop([exprArb])('every generated node displays as a non-empty single line', (node) => {
    const text = exprToString(node);
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toContain('\n');
  });
});
