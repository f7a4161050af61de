/** projection-pushdown: the scan reads only needed columns; unused expressions and aggregations go. */
import { describe, expect, it } from 'vitest';
import { col, len, lit } from '../../src/expr/index.js';
import { projectionPushdown } from '../../src/optimizer/rules/projection-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { schemaOf } from '../../src/plan/schema.js';
import { planChain } from '../../src/plan/visit.js';
import { Q } from '../plan/fixtures.js';

const rewritten = (q: Q) => planToString(projectionPushdown.apply(q.plan));
const scanOf = (p: LogicalPlan) => planChain(p).at(-1) as Extract<LogicalPlan, { kind: 'scan' }>;

describe('projection-pushdown', () => {
  it('reads only the columns a group-by needs', () => {
    const q = Q.scan().filter(col('v1').gt(2)).groupBy('id1').agg(col('v1').sum());
    expect(q.toString()).toMatchInlineSnapshot(`
      "AGGREGATE [col("v1").sum()] BY [col("id1")]
        FILTER (col("v1") > 2)
          SCAN frame [9 cols]"
    `);
    const out = projectionPushdown.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "AGGREGATE [col("v1").sum()] BY [col("id1")]
        FILTER (col("v1") > 2)
          SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v1"]"
    `);
    expect(scanOf(out).projection).toEqual(['id1', 'v1']);
  });

  it('drops projected expressions nothing reads, keeping columns filters read', () => {
    const q = Q.scan()
      .select('id1', 'v1', 'v2', col('v3').add(1).alias('w'))
      .filter(col('v2').gt(0))
      .select('id1', col('v1').mul(2).alias('x'));
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [col("id1"), (col("v1") * 2).alias("x")]
        FILTER (col("v2") > 0)
          SELECT [col("id1"), col("v1"), col("v2")]
            SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","v1","v2"]"
    `);
  });

  it('drops aggregations nothing reads but keeps the group keys', () => {
    const q = Q.scan().groupBy('id1', 'id2').agg(col('v1').sum(), col('v3').mean(), col('v2').max()).select('v3');
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [col("v3")]
        AGGREGATE [col("v3").mean()] BY [col("id1"), col("id2")]
          SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","id2","v3"]"
    `);
  });

  it('keeps the columns of the scan predicate, sort keys and per-group head keys', () => {
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    const withPredicate: LogicalPlan = { ...scan, predicate: col('v2').gt(1).node };
    const plan: LogicalPlan = {
      kind: 'project',
      input: {
        kind: 'groupHead',
        input: { kind: 'sort', input: withPredicate, by: [col('v3').node], descending: [true], nullsLast: [true] },
        keys: [col('id6').node],
        n: 2,
      },
      exprs: [col('id1').node],
    };
    expect(planToString(projectionPushdown.apply(plan))).toMatchInlineSnapshot(`
      "SELECT [col("id1")]
        GROUP HEAD 2 BY [col("id6")]
          SORT BY [col("v3") DESC]
            SCAN frame [9 cols] PROJECT 4/9 COLUMNS: ["id1","id6","v2","v3"] SELECTION: (col("v2") > 1)"
    `);
  });

  it('keeps one column when only the row count matters', () => {
    const q = Q.scan().select(lit(1).alias('one'), col('v1')).agg(len());
    const out = projectionPushdown.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "AGGREGATE [len()]
        SELECT [lit(1).alias("one")]
          SCAN frame [9 cols] PROJECT 1/9 COLUMNS: ["id1"]"
    `);
    const global = Q.scan().agg(len());
    expect(scanOf(projectionPushdown.apply(global.plan)).projection).toEqual(['id1']);
  });

  it('needs every column below unique without a subset', () => {
    const q = Q.scan().unique().select('v1');
    expect(scanOf(projectionPushdown.apply(q.plan)).projection).toBeNull();
    const subset = Q.scan()
      .unique({ subset: ['id1', 'id2'] })
      .select('v1');
    expect(scanOf(projectionPushdown.apply(subset.plan)).projection).toEqual(['id1', 'id2', 'v1']);
  });

  it('leaves a plan that outputs every scanned column as it is', () => {
    const q = Q.scan().filter(col('v1').gt(1)).sort('v2');
    expect(projectionPushdown.apply(q.plan)).toBe(q.plan);
    expect(schemaOf(projectionPushdown.apply(q.plan)).equals(schemaOf(q.plan))).toBe(true);
  });
});
