/** The physical planner: which operators run and what fuses into one per-morsel pipeline. */
import { describe, expect, it } from 'vitest';
import { col, DataFrame, len } from '../../src/index.js';
import { optimize } from '../../src/optimizer/index.js';
import { physicalPlanToString } from '../../src/physical/display.js';
import type { PhysicalPlan } from '../../src/physical/plan.js';
import { planPhysical } from '../../src/physical/planner.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';

const df = DataFrame.fromColumns(
  { id1: ['a', 'b', 'a'], id4: [1, 2, 3], v1: [1, 2, 3], v3: [0.5, 1.5, 2.5] },
  { dtypes: { id4: 'Int32', v1: 'Int32' } },
);
const opt = (p: LogicalPlan): LogicalPlan => optimize(p).plan;

function only<K extends PhysicalPlan['op']>(p: PhysicalPlan, op: K): Extract<PhysicalPlan, { op: K }> {
  expect(p.op).toBe(op);
  return p as Extract<PhysicalPlan, { op: K }>;
}

describe('physical planning', () => {
  it('fuses filter and projection into the aggregation pipeline', () => {
    const lf = df.lazy().filter(col('v1').gt(1)).withColumns(col('v3').mul(2).alias('x')).groupBy('id1').agg(col('x').sum());
    const agg = only(planPhysical(lf.plan), 'aggregate');
    expect(agg.pipeline.source.kind).toBe('frame');
    expect(agg.pipeline.steps.map((s) => s.kind)).toEqual(['filter', 'project']);
  });

  it('reads only the columns a pushed-down scan needs, then applies its predicate and projection', () => {
    const lf = df.lazy().filter(col('v1').gt(1)).select('id1');
    const c = only(planPhysical(opt(lf.plan)), 'collect');
    const src = c.pipeline.source;
    expect(src.kind === 'frame' && src.columns).toEqual(['id1', 'v1']);
    expect(c.pipeline.steps.map((s) => s.kind)).toEqual(['filter', 'project']);
  });

  it('plans a limit over a pipeline as an early-stopping collect, and over a sort as a top-k sort', () => {
    expect(only(planPhysical(df.lazy().filter(col('v1').gt(0)).limit(2).plan), 'collect').limit).toBe(2);
    const s = only(planPhysical(df.lazy().sort('v3').slice(1, 2).plan), 'sort');
    expect([s.limit, s.offset]).toEqual([2, 1]);
    expect(only(planPhysical(df.lazy().groupBy('id1').agg(len()).limit(1).plan), 'slice').input.op).toBe('aggregate');
  });

  it('turns a sort followed by a small per-group head into a per-group top n', () => {
    const top = only(planPhysical(df.lazy().sort('v3', { descending: true }).groupBy('id1').head(2).plan), 'topPerGroup');
    expect([top.n, top.descending]).toEqual([2, true]);
    expect(only(planPhysical(df.lazy().groupBy('id1').head(2).plan), 'groupHead').input.op).toBe('collect');
  });

  it('materializes a limited scan before later steps count rows', () => {
    const c = only(planPhysical(opt(df.lazy().limit(2).filter(col('v1').gt(1)).plan)), 'collect');
    expect(c.pipeline.source.kind).toBe('plan');
  });

  it('prints the fused pipelines for explain()', () => {
    const lf = df.lazy().filter(col('v1').gt(1)).groupBy('id1').agg(col('v3').mean().alias('m')).sort('m').limit(5);
    expect(physicalPlanToString(opt(lf.plan), { threads: 4 })).toMatchInlineSnapshot(`
      "PHYSICAL PLAN (threads: 4, morsels: source chunks)
      MERGE SORTED RUNS BY [col("m")] LIMIT 5
        PIPELINE per morsel
          SORT RUN BY [col("m")] TOP 5
          SOURCE (materialized)
            FINAL AGGREGATE [col("v3").mean().alias("m")] BY [col("id1")] (merge in morsel order; by key hash across workers when large)
              PIPELINE per morsel
                PARTIAL AGGREGATE [col("v3").mean().alias("m")] BY [col("id1")]
                FILTER (col("v1") > 1)
                SCAN frame [4 cols] READ 3/4 COLUMNS: ["id1","v1","v3"]"
    `);
  });
});
