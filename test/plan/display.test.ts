/** planToString: one line per node, root first, Polars-like wording. */
import { describe, expect, it } from 'vitest';
import { col, len } from '../../src/expr/index.js';
import { scanCsvPlan } from '../../src/plan/builder.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { h2oFrame, Q } from './fixtures.js';

describe('planToString', () => {
  it('prints every node kind, indenting each input', () => {
    const q = Q.scan()
      .filter(
        col('v1')
          .gt(2)
          .and(col('id4').isIn([1, 2, 3])),
      )
      .withColumns(col('v3').mul(2).alias('v3x2'))
      .groupBy('id1', 'id2')
      .agg(col('v1').sum().alias('v1'), col('v3').mean(), len())
      .sort(['v1', 'id1'], { descending: [true, false], nullsLast: [true, false] })
      .unique({ subset: ['id1'] })
      .groupBy('id2')
      .head(2)
      .slice(1, 10)
      .limit(5);
    expect(q.toString()).toMatchInlineSnapshot(`
      "LIMIT 5
        SLICE OFFSET 1 LIMIT 10
          GROUP HEAD 2 BY [col("id2")]
            UNIQUE ON ["id1"]
              SORT BY [col("v1") DESC, col("id1") NULLS FIRST]
                AGGREGATE [col("v1").sum().alias("v1"), col("v3").mean(), len()] BY [col("id1"), col("id2")]
                  WITH COLUMNS [(col("v3") * 2).alias("v3x2")]
                    FILTER ((col("v1") > 2) & col("id4").isIn([1, 2, 3]))
                      SCAN frame [9 cols]"
    `);
  });

  it('shows the scan projection, selection and limit', () => {
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    const pushed: LogicalPlan = { ...scan, projection: ['id1', 'v1'], predicate: col('v1').gt(2).node, limit: 7 };
    expect(planToString(pushed)).toMatchInlineSnapshot(
      `"SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v1"] SELECTION: (col("v1") > 2) LIMIT 7"`,
    );
  });

  it('names a CSV source by its path and unique without a subset plainly', () => {
    const plan: LogicalPlan = { kind: 'distinct', input: scanCsvPlan('data/G1.csv', {}, h2oFrame().schema), subset: null };
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "UNIQUE
        SCAN csv "data/G1.csv" [9 cols]"
    `);
  });
});
