/** The optimizer driver: the full rule list on realistic plans, verbose steps, fixed point, schema checks. */
import { describe, expect, it } from 'vitest';
import { col, corr, len, lit, when } from '../../src/expr/index.js';
import { OptimizerError } from '../../src/optimizer/errors.js';
import { DEFAULT_RULES, optimize } from '../../src/optimizer/optimize.js';
import type { OptimizerRule } from '../../src/optimizer/rule.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { schemaOf } from '../../src/plan/schema.js';
import { planChain } from '../../src/plan/visit.js';
import { Q } from '../plan/fixtures.js';

const scanOf = (p: LogicalPlan) => planChain(p).at(-1) as Extract<LogicalPlan, { kind: 'scan' }>;

/** Plans covering every node kind and the shapes the rules look for. */
function batch(): Q[] {
  const s = Q.scan;
  return [
    s(),
    s()
      .filter(
        col('v1')
          .gt(2)
          .and(col('id4').isIn([1, 2, 3])),
      )
      .withColumns(col('v3').mul(2).alias('v3x2'))
      .groupBy('id1', 'id2')
      .agg(col('v1').sum().alias('v1'), col('v3').mean(), col('v3').std().alias('sd_v3'), col('v1').count().alias('n'))
      .sort('v1', { descending: true })
      .limit(10),
    s().groupBy('id1').agg(col('v1').sum().alias('v1')),
    s()
      .groupBy('id3')
      .agg(col('v1').max().sub(col('v2').min()).alias('range_v1_v2')),
    s().filter(col('v3').isNotNull()).sort('v3', { descending: true }).groupBy('id6').head(2).select('id6', col('v3').alias('largest2_v3')),
    s()
      .groupBy('id2', 'id4')
      .agg(corr(col('v1'), col('v2')).pow(2).alias('r2')),
    s()
      .select(col('v1').alias('a'), col('v2').mul(2).alias('b'))
      .filter(col('a').gt(1))
      .select(col('b').add(lit(1).add(1)).alias('c'))
      .limit(3),
    s()
      .rename({ v1: 'x' })
      .filter(col('x').gt(lit(1).mul(0)))
      .drop('id5')
      .unique({ subset: ['id1'] })
      .slice(1, 2),
    s().filter(lit(true)).filter(col('v2').isNull().not().not()).agg(len(), col('v3').median().alias('med')),
    s()
      .withColumns(when(col('v1').gt(2)).then(lit(1)).otherwise(lit(0)).alias('flag'))
      .filter(col('flag').eq(1))
      .select('flag', 'id1'),
    s().unique().filter(col('v1').gt(1)).limit(2),
    s()
      .select(col('v1').mul(col('v2')).alias('p'))
      .select(col('p').add(col('p')).alias('pp'))
      .filter(col('pp').gt(0)),
    s().limit(4).filter(col('v1').gt(0)).select('v1').slice(1, 1),
    s()
      .groupBy(col('id4').alias('k'))
      .agg(col('v1').sum())
      .filter(col('k').gt(1).and(col('v1').gt(0)))
      .select('v1'),
    s()
      .sort(['id1', 'v1'], { descending: [false, true], nullsLast: false })
      .select(col('v1').cast('Int32'), 'id1')
      .limit(5),
  ];
}

describe('optimize', () => {
  it('optimizes the query from the issue: predicate at the scan, two of nine columns read', () => {
    const q = Q.scan().filter(col('v1').gt(2)).groupBy('id1').agg(col('v1').sum().alias('v1')).sort('v1', { descending: true }).limit(10);
    const { plan } = optimize(q.plan);
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "LIMIT 10
        SORT BY [col("v1") DESC]
          AGGREGATE [col("v1").sum().alias("v1")] BY [col("id1")]
            SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v1"] SELECTION: (col("v1") > 2)"
    `);
    const scan = scanOf(plan);
    expect(scan.predicate).toEqual(col('v1').gt(2).node);
    expect(scan.projection).toEqual(['id1', 'v1']);
    expect(planToString(plan)).toContain('PROJECT 2/9 COLUMNS');
  });

  it('optimizes the example query of the issue end to end', () => {
    const { plan } = optimize(batch()[1]!.plan);
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "LIMIT 10
        SORT BY [col("v1") DESC]
          AGGREGATE [col("v1").sum().alias("v1"), col("v3").mean(), col("v3").std().alias("sd_v3"), col("v1").count().alias("n")] BY [col("id1"), col("id2")]
            SCAN frame [9 cols] PROJECT 5/9 COLUMNS: ["id1","id2","id4","v1","v3"] SELECTION: ((col("v1") > 2) & col("id4").isIn([1, 2, 3]))"
    `);
  });

  it('records each rule that changed the plan when verbose', () => {
    const q = Q.scan().filter(lit(true)).select(col('v1').alias('a'), 'v2').filter(col('a').gt(1)).limit(3);
    const { plan, steps } = optimize(q.plan, { verbose: true });
    expect(steps.map((s) => s.rule)).toMatchInlineSnapshot(`
      [
        "simplify-expressions",
        "predicate-pushdown",
        "projection-pushdown",
        "limit-pushdown",
      ]
    `);
    expect(planToString(steps.at(-1)!.plan)).toBe(planToString(plan));
    expect(optimize(q.plan).steps).toEqual([]);
  });

  it('reaches a fixed point: optimizing again changes nothing', () => {
    for (const q of batch()) {
      const once = optimize(q.plan).plan;
      expect(planToString(optimize(once).plan)).toBe(planToString(once));
    }
  });

  it('keeps the output schema of every plan, after every rule', () => {
    for (const q of batch()) {
      const before = schemaOf(q.plan);
      for (const rule of DEFAULT_RULES) expect(schemaOf(rule.apply(q.plan)).equals(before), `${rule.name} on\n${q}`).toBe(true);
      const { steps } = optimize(q.plan, { verbose: true });
      for (const step of steps) expect(schemaOf(step.plan).equals(before), step.rule).toBe(true);
    }
  });

  it('names the rule that changes a schema', () => {
    const broken: OptimizerRule = {
      name: 'drop-everything-but-v1',
      apply: (p) => ({ kind: 'project', input: p, exprs: [col('v1').node] }),
    };
    const attempt = () => optimize(Q.scan().select('v1', 'v2').plan, { rules: [broken] });
    expect(attempt).toThrow(OptimizerError);
    expect(attempt).toThrow(
      /optimizer rule "drop-everything-but-v1" changed the output schema from \{v1: Int32, v2: Int32\} to \{v1: Int32\}/,
    );
  });

  it('names the rule that produces an invalid plan', () => {
    const broken: OptimizerRule = { name: 'bad-filter', apply: (p) => ({ kind: 'filter', input: p, predicate: col('nope').gt(1).node }) };
    expect(() => optimize(Q.scan().plan, { rules: [broken] })).toThrow(
      /optimizer rule "bad-filter" produced an invalid plan: unknown column "nope"/,
    );
  });

  it('stops after a bounded number of passes when a rule never settles', () => {
    let n = 0;
    const restless: OptimizerRule = { name: 'restless', apply: (p) => ({ kind: 'limit', input: p, n: 1000 + n++, offset: 0 }) };
    const { plan } = optimize(Q.scan().plan, { rules: [restless] });
    expect(planChain(plan).length).toBe(11);
  });
});
