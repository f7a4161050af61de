/** LazyFrame: verbs build plans, errors surface at the verb, explain() shows the plans, collect() runs them. */
import { describe, expect, it } from 'vitest';
import { col, len, lit } from '../../src/expr/index.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { LazyFrame } from '../../src/frame/frames.js';
import { scanFramePlan } from '../../src/plan/builder.js';
import { PlanError } from '../../src/plan/errors.js';
import { planChain } from '../../src/plan/visit.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { h2oFrame } from '../plan/fixtures.js';

const lazy = () => new LazyFrame(scanFramePlan(h2oFrame()));
const KNOWN = /known columns: "id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3"/;

describe('LazyFrame verbs', () => {
  it('append one node each, and expose the output schema', () => {
    const lf = lazy()
      .filter(col('v1').gt(1))
      .withColumn(col('v3').mul(2).alias('v3x2'))
      .select('id1', 'v1', 'v3x2')
      .sort('v1', { descending: true })
      .head(3);
    expect(planChain(lf.plan).map((p) => p.kind)).toEqual(['limit', 'sort', 'project', 'project', 'filter', 'scan']);
    expect(lf.columns).toEqual(['id1', 'v1', 'v3x2']);
    expect(lf.schema.toString()).toBe('{id1: Utf8, v1: Int32, v3x2: Float64}');
    expect(lf.toString()).toMatchInlineSnapshot(`
      "LIMIT 3
        SORT BY [col("v1") DESC]
          SELECT [col("id1"), col("v1"), col("v3x2")]
            WITH COLUMNS [(col("v3") * 2).alias("v3x2")]
              FILTER (col("v1") > 1)
                SCAN frame [9 cols]"
    `);
  });

  it('build group-bys, global aggregations, unique, rename, drop and slices', () => {
    expect(lazy().groupBy('id1').agg(col('v1').sum()).plan.kind).toBe('aggregate');
    expect(lazy().groupBy('id6').head(2).plan.kind).toBe('groupHead');
    expect(lazy().agg(len(), col('v3').max()).columns).toEqual(['len', 'v3']);
    expect(lazy().unique({ subset: 'id1' }).plan).toMatchObject({ kind: 'distinct', subset: ['id1'] });
    expect(lazy().rename({ v1: 'x' }).columns).toContain('x');
    expect(lazy().drop('id1', ['id2', 'id3']).columns).toEqual(['id4', 'id5', 'id6', 'v1', 'v2', 'v3']);
    expect(lazy().slice(1, 2).plan).toMatchObject({ kind: 'limit', offset: 1, n: 2 });
  });

  it('reject unknown columns at the verb, listing the known ones', () => {
    for (const attempt of [
      () => lazy().select('nope'),
      () => lazy().filter(col('nope').gt(1)),
      () => lazy().sort('nope'),
      () => lazy().groupBy('nope'),
      () => lazy().groupBy('id1').agg(col('nope').sum()),
      () => lazy().withColumns(col('nope').add(1)),
    ]) {
      expect(attempt).toThrow(ColumnNotFoundError);
      expect(attempt).toThrow(KNOWN);
    }
  });

  it('reject type errors at the verb, naming the expression', () => {
    expect(() => lazy().groupBy('id2').agg(col('id1').sum())).toThrow(ExprTypeError);
    expect(() => lazy().groupBy('id2').agg(col('id1').sum())).toThrow(/col\("id1"\).sum\(\)/);
    expect(() => lazy().filter(col('id1').gt(1))).toThrow(/cannot compare column "id1" of type Utf8 with 1 of type Int32/);
    expect(() => lazy().filter('v1' as never)).toThrow(PlanError);
  });
});

describe('LazyFrame.explain', () => {
  const query = () =>
    lazy().filter(col('v1').gt(2)).groupBy('id1').agg(col('v1').sum().alias('v1')).sort('v1', { descending: true }).limit(10);

  it('shows the optimized logical plan, then the physical plan', () => {
    const text = query().explain();
    expect(text).toMatch(/^== optimized logical plan ==\n/);
    expect(text).toContain('SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v1"] SELECTION: (col("v1") > 2)');
    expect(text).toMatch(/\n\n== physical plan ==\n\S/);
    const logical = text.split('== physical plan ==')[0]!;
    expect(logical).not.toContain('FILTER');
  });

  it('shows the plan after every rule that changed it when verbose', () => {
    const text = query().explain({ verbose: true });
    const titles = [...text.matchAll(/^== (.*) ==$/gm)].map((m) => m[1]);
    expect(titles).toMatchInlineSnapshot(`
      [
        "logical plan",
        "after predicate-pushdown",
        "after projection-pushdown",
        "optimized logical plan",
        "physical plan",
      ]
    `);
  });

  it('shows the plan as built with optimize: false', () => {
    const text = query().explain({ optimize: false });
    expect(text).toMatch(/^== logical plan \(not optimized\) ==\nLIMIT 10\n/);
    expect(text).toContain('    FILTER (col("v1") > 2)');
  });
});

describe('LazyFrame.collect', () => {
  it('runs the plan, with the optimizer on or off', async () => {
    const lf = lazy().filter(col('v1').gt(1)).withColumns(col('v1').mul(10).alias('w')).select('id1', 'w').sort('w', { descending: true });
    const expected = [
      { id1: 'id002', w: 50 },
      { id1: null, w: 40 },
      { id1: 'id001', w: 30 },
      { id1: 'id002', w: 20 },
    ];
    for (const optimize of [true, false]) {
      const out = await lf.collect({ threads: 1, optimize });
      expect(out.toRecords()).toEqual(expected);
    }
  });

  it('aggregates per group in order of first appearance', async () => {
    const out = await lazy().groupBy('id1').agg(col('v1').sum().alias('s'), col('v3').mean().alias('m'), len()).collect({ threads: 1 });
    expect(out.toRecords()).toEqual([
      { id1: 'id001', s: 4n, m: 1.5, len: 2 },
      { id1: 'id002', s: 7n, m: 4.5, len: 2 },
      { id1: null, s: 4n, m: 4.5, len: 1 },
      { id1: 'id003', s: 0n, m: 5.5, len: 1 },
    ]);
  });

  it('takes the first rows of each group after a sort', async () => {
    const out = await lazy()
      .filter(col('v3').isNotNull())
      .sort('v3', { descending: true })
      .groupBy('id2')
      .head(1)
      .select('id2', col('v3').alias('top'))
      .collect({ threads: 1 });
    expect(out.toRecords()).toEqual([
      { id2: 'id010', top: 6.5 },
      { id2: null, top: 5.5 },
      { id2: 'id020', top: 4.5 },
    ]);
  });

  it('handles unique, rename, drop and slices', async () => {
    const out = await lazy()
      .unique({ subset: 'id2' })
      .rename({ id2: 'k' })
      .drop('id1', 'id3', 'id4', 'id5', 'id6', 'v2', 'v3')
      .slice(1, 2)
      .collect({ threads: 1 });
    expect(out.toRecords()).toEqual([
      { k: 'id020', v1: 3 },
      { k: null, v1: null },
    ]);
  });

  it('rejects when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(
      lazy()
        .select(col('v1').add(lit(1)))
        .collect({ signal: controller.signal, threads: 1 }),
    ).rejects.toThrow();
  });
});
