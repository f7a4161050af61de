/** merge-projections: substitution into the outer projection, the duplicate-work guard, identity removal. */
import { describe, expect, it } from 'vitest';
import { col } from '../../src/expr/index.js';
import { mergeProjections } from '../../src/optimizer/rules/merge-projections.js';
import { planToString } from '../../src/plan/display.js';
import { schemaOf } from '../../src/plan/schema.js';
import { Q } from '../plan/fixtures.js';

const rewritten = (q: Q) => planToString(mergeProjections.apply(q.plan));

describe('merge-projections', () => {
  it('substitutes inner expressions and keeps output names', () => {
    const q = Q.scan().select(col('v1').alias('a'), col('v2').mul(2).alias('b'), col('v3')).select('a', col('b').add(1).alias('c'), 'v3');
    expect(q.toString()).toMatchInlineSnapshot(`
      "SELECT [col("a"), (col("b") + 1).alias("c"), col("v3")]
        SELECT [col("v1").alias("a"), (col("v2") * 2).alias("b"), col("v3")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [col("v1").alias("a"), ((col("v2") * 2) + 1).alias("c"), col("v3")]
        SCAN frame [9 cols]"
    `);
    expect(schemaOf(mergeProjections.apply(q.plan)).equals(schemaOf(q.plan))).toBe(true);
  });

  it('does not merge when a computed column would be evaluated twice', () => {
    const q = Q.scan()
      .select(col('v1').mul(col('v2')).alias('p'))
      .select(col('p').add(col('p')).alias('twice'));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [(col("p") + col("p")).alias("twice")]
        SELECT [(col("v1") * col("v2")).alias("p")]
          SCAN frame [9 cols]"
    `);
  });

  it('merges when only plain columns are read more than once', () => {
    const q = Q.scan()
      .select(col('v1').alias('a'))
      .select(col('a').mul(col('a')).alias('sq'));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [(col("v1") * col("v1")).alias("sq")]
        SCAN frame [9 cols]"
    `);
  });

  it('removes a projection that outputs its input unchanged', () => {
    const q = Q.scan().select('id1', 'v1').select('id1', 'v1');
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [col("id1"), col("v1")]
        SCAN frame [9 cols]"
    `);
    const all = Q.scan().select('id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'v2', 'v3');
    expect(mergeProjections.apply(all.plan).kind).toBe('scan');
  });

  it('merges rename into the projection below it', () => {
    const q = Q.scan().withColumns(col('v1').add(1)).rename({ v1: 'v1p' });
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [col("id1"), col("id2"), col("id3"), col("id4"), col("id5"), col("id6"), (col("v1") + 1).alias("v1p"), col("v2"), col("v3")]
        SCAN frame [9 cols]"
    `);
  });
});

describe('merge-projections under an aggregation', () => {
  it('removes a projection that only passes columns through', () => {
    const q = Q.scan().select('id1', 'v1', 'v3').groupBy('id1').agg(col('v1').sum());
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "AGGREGATE [col("v1").sum()] BY [col("id1")]
        SCAN frame [9 cols]"
    `);
  });

  it('keeps a projection that renames or computes', () => {
    const q = Q.scan().select('id1', col('v1').mul(2).alias('w')).groupBy('id1').agg(col('w').sum());
    expect(mergeProjections.apply(q.plan)).toBe(q.plan);
  });
});
