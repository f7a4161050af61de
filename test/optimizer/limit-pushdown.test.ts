/** limit-pushdown: through projections, merged with other limits, into the scan; never past a filter or sort. */
import { describe, expect, it } from 'vitest';
import { col } from '../../src/expr/index.js';
import { limitPushdown } from '../../src/optimizer/rules/limit-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import { Q } from '../plan/fixtures.js';
import { joined, orders, people, scansOf } from './join-fixtures.js';

const rewritten = (q: Q) => planToString(limitPushdown.apply(q.plan));

describe('limit-pushdown', () => {
  it('moves a limit through a projection into the scan', () => {
    const q = Q.scan().select(col('v1').mul(2).alias('x')).limit(5);
    expect(q.toString()).toMatchInlineSnapshot(`
      "LIMIT 5
        SELECT [(col("v1") * 2).alias("x")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "SELECT [(col("v1") * 2).alias("x")]
        SCAN frame [9 cols] LIMIT 5"
    `);
  });

  it('keeps a slice offset above the scan, which reads offset + n rows', () => {
    expect(rewritten(Q.scan().slice(10, 5))).toMatchInlineSnapshot(`
      "SLICE OFFSET 10 LIMIT 5
        SCAN frame [9 cols] LIMIT 15"
    `);
  });

  it('merges stacked limits and slices', () => {
    expect(rewritten(Q.scan().sort('v1').slice(2, 10).slice(3, 20).limit(4))).toMatchInlineSnapshot(`
      "SLICE OFFSET 5 LIMIT 4
        SORT BY [col("v1")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(Q.scan().sort('v1').limit(3).slice(5, 2))).toMatchInlineSnapshot(`
      "SLICE OFFSET 5 LIMIT 0
        SORT BY [col("v1")]
          SCAN frame [9 cols]"
    `);
  });

  it('stays above filters, sorts, aggregations, per-group heads and unique', () => {
    expect(rewritten(Q.scan().filter(col('v1').gt(1)).limit(2))).toMatchInlineSnapshot(`
      "LIMIT 2
        FILTER (col("v1") > 1)
          SCAN frame [9 cols]"
    `);
    expect(rewritten(Q.scan().sort('v1').limit(2))).toMatchInlineSnapshot(`
      "LIMIT 2
        SORT BY [col("v1")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(Q.scan().groupBy('id1').agg(col('v1').sum()).limit(2))).toMatchInlineSnapshot(`
      "LIMIT 2
        AGGREGATE [col("v1").sum()] BY [col("id1")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(Q.scan().groupBy('id1').head(1).limit(2))).toMatchInlineSnapshot(`
      "LIMIT 2
        GROUP HEAD 1 BY [col("id1")]
          SCAN frame [9 cols]"
    `);
    expect(rewritten(Q.scan().unique().limit(2))).toMatchInlineSnapshot(`
      "LIMIT 2
        UNIQUE
          SCAN frame [9 cols]"
    `);
  });

  it('tightens a scan limit that is already there', () => {
    const once = limitPushdown.apply(Q.scan().limit(8).plan);
    const again = limitPushdown.apply({ kind: 'limit', input: once, n: 3, offset: 0 });
    expect(again).toMatchObject({ kind: 'scan', limit: 3 });
    expect(limitPushdown.apply({ kind: 'limit', input: once, n: 30, offset: 0 })).toMatchObject({ kind: 'scan', limit: 8 });
  });

  it('never moves a limit below a join of any kind, but still pushes the limits inside each side', () => {
    for (const how of ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'] as const) {
      const out = limitPushdown.apply(joined(how === 'cross' ? { how } : { on: 'id', how }).limit(2).plan);
      expect(out.kind).toBe('limit');
      expect(scansOf(out).map((s) => s.limit)).toEqual([null, null]);
    }
    const sides = joined({ on: 'id', how: 'left' }, Q.scan(people()).limit(3), Q.scan(orders()).select('id', 'score').limit(1)).slice(1, 2);
    expect(rewritten(sides)).toMatchInlineSnapshot(`
      "SLICE OFFSET 1 LIMIT 2
        LEFT JOIN ON ["id"] = ["id"]
          SCAN frame [5 cols] LIMIT 3
          SELECT [col("id"), col("score")]
            SCAN frame [5 cols] LIMIT 1"
    `);
  });
});
