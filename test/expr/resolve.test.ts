/** resolveNullLiterals: every untyped null takes the type its position implies. */
import { describe, expect, test } from 'vitest';
import { anyNode, col, type Expr, exprToString, forEachNode, lit, resolveNullLiterals, typeOf, when } from '../../src/expr/index.js';
import { schema } from './fixtures.js';

const resolve = (e: Expr) => resolveNullLiterals(e.node, schema);
const show = (e: Expr) => exprToString(resolve(e));

describe('resolveNullLiterals', () => {
  test('a null operand adopts the other side', () => {
    expect(show(col('v3').add(null))).toBe('(col("v3") + lit(null, "Float64"))');
    expect(show(lit(null).lt(col('id1')))).toBe('(lit(null, "Utf8") < col("id1"))');
    expect(show(col('big').div(null))).toBe('(col("big") / lit(null, "Int64"))');
    expect(show(col('flag').and(null))).toBe('(col("flag") & lit(null, "Boolean"))');
  });

  test('branches and fills adopt the common type', () => {
    expect(show(when(col('flag')).then(1))).toBe('when(col("flag")).then(1).otherwise(lit(null, "Int32"))');
    expect(show(when(col('flag')).then(null).otherwise(col('day')))).toBe(
      'when(col("flag")).then(lit(null, "Date")).otherwise(col("day"))',
    );
    expect(show(col('v3').fillNull(null))).toBe('col("v3").fillNull(lit(null, "Float64"))');
    expect(show(col('ts').between(null, lit(0, 'Timestamp')))).toBe(
      'col("ts").between(lit(null, "Timestamp"), lit("1970-01-01T00:00:00.000Z", "Timestamp"))',
    );
  });

  test('functions give their input type to a null argument', () => {
    expect(show(lit(null).str.length())).toBe('lit(null, "Utf8").str.length()');
    expect(show(lit(null).dt.year())).toBe('lit(null, "Date").dt.year()');
    expect(show(lit(null).sqrt())).toBe('lit(null, "Float64").sqrt()');
    expect(show(lit(null).not())).toBe('lit(null, "Boolean").not()');
    expect(show(lit(null).cast('Int64'))).toBe('lit(null, "Int64").cast("Int64")');
    expect(show(lit(null).isIn(['a']))).toBe('lit(null, "Utf8").isIn(["a"])');
    expect(show(lit(null).isIn([1, '2']))).toBe('lit(null, "Float64").isIn([1, "2"])');
    expect(show(lit(null).isIn([true]))).toBe('lit(null, "Boolean").isIn([true])');
    expect(show(col('v3').add(lit(null).first()))).toBe('(col("v3") + lit(null, "Float64").first())');
    expect(show(lit(null).count())).toBe('lit(null, "Boolean").count()');
  });

  test('a null takes the expected type through aliases and min/max/first/last; numeric ops on nulls are Int32', () => {
    expect(show(col('big').add(lit(null).alias('n')))).toBe('(col("big") + lit(null, "Int64").alias("n"))');
    expect(show(col('big').add(lit(null).max()))).toBe('(col("big") + lit(null, "Int64").max())');
    expect(show(col('v3').mul(lit(null).add(null)))).toBe('(col("v3") * (lit(null, "Int32") + lit(null, "Int32")))');
    expect(show(lit(null).abs())).toBe('lit(null, "Int32").abs()');
  });

  test('afterwards every sub-expression has a type, and the result type is unchanged', () => {
    const exprs = [
      col('v3').add(null),
      when(col('flag')).then(null).when(col('v1').gt(0)).then(col('big')),
      col('v1').fillNull(null).sum(),
      lit(null).isNull().and(col('flag')),
      col('id1')
        .eq(null)
        .or(lit(null).isIn([1])),
    ];
    for (const e of exprs) {
      const before = typeOf(e.node, schema);
      const after = resolve(e);
      expect(typeOf(after, schema)).toBe(before);
      expect(anyNode(after, (n) => n.kind === 'lit' && n.dtype === null)).toBe(false);
      forEachNode(after, (n) => expect(() => typeOf(n, schema)).not.toThrow());
    }
  });

  test('subtrees without untyped nulls are returned as the same objects', () => {
    const e = col('v1').add(col('v2')).alias('x');
    expect(resolve(e)).toBe(e.node);
    const mixed = col('v1').add(col('v2')).add(null);
    const out = resolveNullLiterals(mixed.node, schema);
    expect(out.kind === 'binary' && mixed.node.kind === 'binary' && out.left === mixed.node.left).toBe(true);
  });
});
