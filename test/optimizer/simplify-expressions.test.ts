/** simplify-expressions: folding, boolean identities under null logic, always-true filters, names kept. */
import { describe, expect, it } from 'vitest';
import { col, lit } from '../../src/expr/index.js';
import { simplifyExpressions } from '../../src/optimizer/rules/simplify-expressions.js';
import { planToString } from '../../src/plan/display.js';
import { schemaOf } from '../../src/plan/schema.js';
import { Q } from '../plan/fixtures.js';

const rewritten = (q: Q) => planToString(simplifyExpressions.apply(q.plan));

describe('simplify-expressions', () => {
  it('folds literal arithmetic and drops filters that are always true', () => {
    const q = Q.scan()
      .filter(lit(true).or(col('v2').isNull()))
      .filter(col('v1').gt(1).and(lit(true)))
      .select(col('v1').mul(lit(2).add(3)).alias('x'));
    expect(q.toString()).toMatchInlineSnapshot(`
      "SELECT [(col("v1") * (2 + 3)).alias("x")]
        FILTER ((col("v1") > 1) & true)
          FILTER (true | col("v2").isNull())
            SCAN frame [9 cols]"
    `);
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [(col("v1") * 5).alias("x")]
        FILTER (col("v1") > 1)
          SCAN frame [9 cols]"
    `);
  });

  it('applies and/or identities that hold for null too, and removes double negation', () => {
    const q = Q.scan().filter(
      col('v1')
        .gt(1)
        .and(lit(false))
        .or(col('v2').lt(3).or(lit(false)))
        .and(col('v3').isNull().not().not()),
    );
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER ((col("v2") < 3) & col("v3").isNull())
        SCAN frame [9 cols]"
    `);
  });

  it('reads a null literal under only & and | in a filter as false, but not under not', () => {
    const q = Q.scan()
      .filter(col('v1').gt(1).and(null))
      .filter(col('v2').lt(3).or(lit(null)))
      .filter(col('v3').gt(0).and(null).not())
      .select(col('v1').gt(0).and(null).alias('b'));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [((col("v1") > 0) & null).alias("b")]
        FILTER ((col("v3") > 0) & null).not()
          FILTER (col("v2") < 3)
            FILTER false
              SCAN frame [9 cols]"
    `);
  });

  it('keeps output names where folding would change them', () => {
    const q = Q.scan().select(col('v1').gt(1).and(lit(false)), lit(1).add(2).alias('three'), col('v3').cast('Float64'));
    const out = simplifyExpressions.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "SELECT [lit(false).alias("v1"), lit(3).alias("three"), col("v3")]
        SCAN frame [9 cols]"
    `);
    expect(schemaOf(out).equals(schemaOf(q.plan))).toBe(true);
  });

  it('wraps Int32 arithmetic like the kernels, divides as Float64, and leaves % and Int64 alone', () => {
    const q = Q.scan().select(
      lit(2147483647).add(1).alias('wrap'),
      lit(7).div(2).alias('half'),
      lit(7).mod(2).alias('m'),
      lit(5n).add(1n).alias('big'),
      lit(null, 'Int32').add(1).alias('n'),
      lit(1.5).lt(2).alias('lt'),
      lit('a').eq('a').alias('s'),
    );
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [lit(-2147483648).alias("wrap"), lit(3.5).alias("half"), (7 % 2).alias("m"), (5n + 1n).alias("big"), lit(null, "Int32").alias("n"), lit(true).alias("lt"), lit(true).alias("s")]
        SCAN frame [9 cols]"
    `);
  });

  it('folds a scan predicate and clears it when always true', () => {
    const scan = Q.scan().plan;
    if (scan.kind !== 'scan') throw new Error('expected a scan');
    const out = simplifyExpressions.apply({ ...scan, predicate: lit(1).lt(2).node });
    expect(out).toMatchObject({ kind: 'scan', predicate: null });
  });

  it('keeps an aggregation an aggregation', () => {
    const q = Q.scan()
      .groupBy('id1')
      .agg(col('v1').sum().gt(0).and(lit(false)).alias('f'), col('v1').max().cast('Int32'));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "AGGREGATE [((col("v1").sum() > 0) & false).alias("f"), col("v1").max()] BY [col("id1")]
        SCAN frame [9 cols]"
    `);
  });

  it('returns an unchanged plan when there is nothing to simplify', () => {
    const q = Q.scan().filter(col('v1').gt(1)).select('v1');
    expect(simplifyExpressions.apply(q.plan)).toBe(q.plan);
  });
});
