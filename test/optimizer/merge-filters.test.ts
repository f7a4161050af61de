/** merge-filters: stacked filters become one `&` chain, inner predicate first. */
import { describe, expect, it } from 'vitest';
import { col } from '../../src/expr/index.js';
import { mergeFilters } from '../../src/optimizer/rules/merge-filters.js';
import { planToString } from '../../src/plan/display.js';
import { Q } from '../plan/fixtures.js';

describe('merge-filters', () => {
  it('merges a chain of filters into one', () => {
    const q = Q.scan().filter(col('v1').gt(1)).filter(col('v2').lt(5)).filter(col('id1').eq('id001'));
    expect(q.toString()).toMatchInlineSnapshot(`
      "FILTER (col("id1") == "id001")
        FILTER (col("v2") < 5)
          FILTER (col("v1") > 1)
            SCAN frame [9 cols]"
    `);
    const out = mergeFilters.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "FILTER (((col("v1") > 1) & (col("v2") < 5)) & (col("id1") == "id001"))
        SCAN frame [9 cols]"
    `);
    expect(out.kind === 'filter' && out.input.kind).toBe('scan');
  });

  it('leaves filters separated by another node alone', () => {
    const q = Q.scan().filter(col('v1').gt(1)).sort('v1').filter(col('v2').lt(5));
    expect(planToString(mergeFilters.apply(q.plan))).toMatchInlineSnapshot(`
      "FILTER (col("v2") < 5)
        SORT BY [col("v1")]
          FILTER (col("v1") > 1)
            SCAN frame [9 cols]"
    `);
  });
});
