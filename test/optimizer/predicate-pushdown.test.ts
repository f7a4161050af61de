/** predicate-pushdown: where each part of a predicate may move, and where it must stop. */
import { describe, expect, it } from 'vitest';
import { col, lit } from '../../src/expr/index.js';
import { predicatePushdown } from '../../src/optimizer/rules/predicate-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { planChain } from '../../src/plan/visit.js';
import { Q } from '../plan/fixtures.js';

const rewritten = (q: Q) => planToString(predicatePushdown.apply(q.plan));
const scanOf = (p: LogicalPlan) => planChain(p).at(-1) as Extract<LogicalPlan, { kind: 'scan' }>;

describe('predicate-pushdown', () => {
  it('moves a filter into the scan through sorts and pass-through projections, renaming columns', () => {
    const q = Q.scan()
      .select(col('v1').alias('x'), col('v2').mul(2).alias('n'), 'id1')
      .sort('x')
      .filter(col('x').gt(1).and(col('n').gt(3)));
    expect(q.toString()).toMatchInlineSnapshot(`
      "FILTER ((col("x") > 1) & (col("n") > 3))
        SORT BY [col("x")]
          SELECT [col("v1").alias("x"), (col("v2") * 2).alias("n"), col("id1")]
            SCAN frame [9 cols]"
    `);
    const out = predicatePushdown.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "SORT BY [col("x")]
        FILTER (col("n") > 3)
          SELECT [col("v1").alias("x"), (col("v2") * 2).alias("n"), col("id1")]
            SCAN frame [9 cols] SELECTION: (col("v1") > 1)"
    `);
    expect(scanOf(out).predicate).toEqual(col('v1').gt(1).node);
  });

  it('never moves below a limit, and stays above a scan that has a limit', () => {
    const q = Q.scan().limit(3).filter(col('v1').gt(1));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER (col("v1") > 1)
        LIMIT 3
          SCAN frame [9 cols]"
    `);
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    const limited: LogicalPlan = { kind: 'filter', input: { ...scan, limit: 2 }, predicate: col('v1').gt(1).node };
    expect(planToString(predicatePushdown.apply(limited))).toMatchInlineSnapshot(`
      "FILTER (col("v1") > 1)
        SCAN frame [9 cols] LIMIT 2"
    `);
  });

  it('moves predicates on group keys below an aggregation, the others stay', () => {
    const q = Q.scan()
      .groupBy(col('id1').alias('k'), col('id4').add(1).alias('k4'))
      .agg(col('v1').sum())
      .filter(col('k').eq('id001'), col('v1').gt(2), col('k4').gt(1));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER ((col("v1") > 2) & (col("k4") > 1))
        AGGREGATE [col("v1").sum()] BY [col("id1").alias("k"), (col("id4") + 1).alias("k4")]
          SCAN frame [9 cols] SELECTION: (col("id1") == "id001")"
    `);
  });

  it('stops at a global aggregation', () => {
    const q = Q.scan().agg(col('v1').sum()).filter(col('v1').gt(2));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER (col("v1") > 2)
        AGGREGATE [col("v1").sum()]
          SCAN frame [9 cols]"
    `);
  });

  it('moves predicates on plain keys below a per-group head, and on the subset below unique', () => {
    const q = Q.scan()
      .sort('v3', { descending: true })
      .groupBy('id6')
      .head(2)
      .unique({ subset: ['id1', 'id6'] })
      .filter(col('id6').gt(100), col('id1').eq('id001'), col('v3').gt(1));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER (col("v3") > 1)
        UNIQUE ON ["id1","id6"]
          FILTER (col("id1") == "id001")
            GROUP HEAD 2 BY [col("id6")]
              SORT BY [col("v3") DESC]
                SCAN frame [9 cols] SELECTION: (col("id6") > 100)"
    `);
  });

  it('moves every predicate below unique over all columns', () => {
    const q = Q.scan().unique().filter(col('v3').gt(1));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "UNIQUE
        SCAN frame [9 cols] SELECTION: (col("v3") > 1)"
    `);
  });

  it('moves a predicate below a Float64 key merge only when it cannot tell -0 from 0', () => {
    // v3 is Float64: grouping, a per-group head and unique merge -0 with 0 (and every NaN)
    const telling = lit(1).div(col('v3')).gt(0);
    const blind = col('v3')
      .mul(2)
      .add(1)
      .gt(0)
      .and(col('v3').isIn([0, 1]))
      .and(col('v3').div(4).between(-1, 1));
    for (const merge of [
      (q: Q) => q.groupBy('v3').agg(col('v1').sum().alias('s')),
      (q: Q) => q.groupBy('v3').head(1),
      (q: Q) => q.unique({ subset: ['v3'] }),
      (q: Q) => q.unique(),
    ]) {
      const kept = predicatePushdown.apply(merge(Q.scan()).filter(telling).plan);
      expect(kept.kind).toBe('filter');
      expect(scanOf(kept).predicate).toBeNull();
      const moved = predicatePushdown.apply(merge(Q.scan()).filter(blind).plan);
      expect(moved.kind).not.toBe('filter');
      expect(scanOf(moved).predicate).not.toBeNull();
    }
    expect(
      rewritten(
        Q.scan()
          .groupBy('v3', 'id1')
          .agg(col('v1').sum().alias('s'))
          .filter(telling.and(col('id1').eq('id001'))),
      ),
    ).toMatchInlineSnapshot(`
      "FILTER ((1 / col("v3")) > 0)
        AGGREGATE [col("v1").sum().alias("s")] BY [col("v3"), col("id1")]
          SCAN frame [9 cols] SELECTION: (col("id1") == "id001")"
    `);
  });

  it('joins a new predicate to the one already in the scan', () => {
    const q = Q.scan().filter(col('v1').gt(1)).sort('v2').filter(col('v2').lt(5));
    const once = predicatePushdown.apply(q.plan);
    expect(planToString(once)).toMatchInlineSnapshot(`
      "SORT BY [col("v2")]
        SCAN frame [9 cols] SELECTION: ((col("v1") > 1) & (col("v2") < 5))"
    `);
    expect(predicatePushdown.apply(once)).toEqual(once);
  });
});
