/** known-nulls: null checks on frame columns without nulls become constants; the rest stay. */
import { describe, expect, it } from 'vitest';
import { col } from '../../src/expr/index.js';
import { knownNulls } from '../../src/optimizer/rules/known-nulls.js';
import { simplifyExpressions } from '../../src/optimizer/rules/simplify-expressions.js';
import { predicatePushdown } from '../../src/optimizer/rules/predicate-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import { schemaOf } from '../../src/plan/schema.js';
import { Q } from '../plan/fixtures.js';

const rewritten = (q: Q) => planToString(knownNulls.apply(q.plan));

describe('known-nulls', () => {
  it('answers null checks on columns the frame holds no null in, and leaves the others', () => {
    // id6 has no nulls in the fixture; v3 has one
    const q = Q.scan().filter(col('id6').isNotNull().and(col('v3').isNotNull()).or(col('id5').isNull()));
    expect(q.toString()).toMatchInlineSnapshot(`
      "FILTER ((col("id6").isNotNull() & col("v3").isNotNull()) | col("id5").isNull())
        SCAN frame [9 cols]"
    `);
    expect(rewritten(q)).toMatchInlineSnapshot(`
      "FILTER ((true & col("v3").isNotNull()) | false)
        SCAN frame [9 cols]"
    `);
    expect(schemaOf(knownNulls.apply(q.plan)).equals(schemaOf(q.plan))).toBe(true);
  });

  it('works on a predicate pushed into the scan, and with simplification drops an always-true filter', () => {
    const q = Q.scan().filter(col('id6').isNotNull()).select('id6', 'v1');
    const pushed = predicatePushdown.apply(q.plan);
    expect(planToString(pushed)).toMatchInlineSnapshot(`
      "SELECT [col("id6"), col("v1")]
        SCAN frame [9 cols] SELECTION: col("id6").isNotNull()"
    `);
    expect(planToString(simplifyExpressions.apply(knownNulls.apply(pushed)))).toMatchInlineSnapshot(`
      "SELECT [col("id6"), col("v1")]
        SCAN frame [9 cols]"
    `);
  });

  it('leaves null checks above anything but a frame scan alone, and returns the same plan when nothing changes', () => {
    const q = Q.scan().withColumns(col('v3').alias('id6')).filter(col('id6').isNull());
    expect(knownNulls.apply(q.plan)).toBe(q.plan);
    const withNulls = Q.scan().filter(col('v3').isNull());
    expect(knownNulls.apply(withNulls.plan)).toBe(withNulls.plan);
  });
});
