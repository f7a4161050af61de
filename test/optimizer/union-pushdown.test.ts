/** Pushdown through a union: filters and column choices reach every input; other rules leave the union alone. */
import { describe, expect, it } from 'vitest';
import { col, len } from '../../src/expr/index.js';
import { optimize } from '../../src/optimizer/optimize.js';
import { predicatePushdown } from '../../src/optimizer/rules/predicate-pushdown.js';
import { projectionPushdown } from '../../src/optimizer/rules/projection-pushdown.js';
import { planToString } from '../../src/plan/display.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { schemaOf } from '../../src/plan/schema.js';
import { hconcatPlan, unionPlan } from '../../src/plan/union.js';
import { Table } from '../../src/table/table.js';
import { Q } from '../plan/fixtures.js';
import { runPlan } from '../reference/plan.js';

const other = () =>
  Table.fromColumns({ id1: ['id009', null], v1: [7n, 8n], v3: [0.5, null], w: [true, false] }, { dtypes: { v1: 'Int64' } });

/** The H2O frame twice, stacked. */
const twice = () => new Q(unionPlan([Q.scan().plan, Q.scan().plan], 'vertical'));

describe('predicate-pushdown through a union', () => {
  it('moves each part of a filter into every input', () => {
    const q = twice().filter(col('v1').gt(2), col('id1').eq('id001'));
    expect(planToString(predicatePushdown.apply(q.plan))).toMatchInlineSnapshot(`
      "UNION 2 INPUTS (rows in input order)
        SCAN frame [9 cols] SELECTION: ((col("v1") > 2) & (col("id1") == "id001"))
        SCAN frame [9 cols] SELECTION: ((col("v1") > 2) & (col("id1") == "id001"))"
    `);
  });

  it('into a diagonal concat: the parts that read passed-through columns reach the scan, the rest stay above each projection', () => {
    const q = new Q(unionPlan([Q.scan().plan, Q.scan(other()).plan], 'diagonal')).filter(col('id1').isNotNull(), col('v1').gt(1));
    const out = optimize(q.plan).plan;
    expect(planToString(out)).toMatchInlineSnapshot(`
      "UNION 2 INPUTS (rows in input order)
        FILTER (col("v1") > 1)
          WITH COLUMNS [col("v1").cast("Int64").alias("v1"), lit(null, "Boolean").alias("w")]
            SCAN frame [9 cols] SELECTION: col("id1").isNotNull()
        SELECT [col("id1"), lit(null, "Utf8").alias("id2"), lit(null, "Utf8").alias("id3"), lit(null, "Int32").alias("id4"), lit(null, "Int32").alias("id5"), lit(null, "Int32").alias("id6"), col("v1"), lit(null, "Int32").alias("v2"), col("v3"), col("w")]
          SCAN frame [4 cols] SELECTION: (col("id1").isNotNull() & (col("v1") > 1))"
    `);
    expect(runPlan(out)).toEqual(runPlan(q.plan));
  });

  it('a filter above a limit above a union stays above the limit (which rows come first depends on it)', () => {
    const q = twice().limit(3).filter(col('v1').gt(2));
    const out = optimize(q.plan).plan;
    expect(planToString(out)).toMatchInlineSnapshot(`
      "FILTER (col("v1") > 2)
        LIMIT 3
          UNION 2 INPUTS (rows in input order)
            SCAN frame [9 cols] LIMIT 3
            SCAN frame [9 cols] LIMIT 3"
    `);
    expect(runPlan(out)).toEqual(runPlan(q.plan));
  });
});

describe('limit-pushdown through a union', () => {
  it('copies the limit (offset + n rows) onto every input, through projections into the scans, and settles', () => {
    const diag = new Q(unionPlan([Q.scan().plan, Q.scan(other()).plan, Q.scan().limit(2).plan], 'diagonal'));
    const q = diag.slice(4, 3);
    const { plan, steps } = optimize(q.plan, { verbose: true });
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "SLICE OFFSET 4 LIMIT 3
        UNION 3 INPUTS (rows in input order)
          WITH COLUMNS [col("v1").cast("Int64").alias("v1"), lit(null, "Boolean").alias("w")]
            SCAN frame [9 cols] LIMIT 7
          SELECT [col("id1"), lit(null, "Utf8").alias("id2"), lit(null, "Utf8").alias("id3"), lit(null, "Int32").alias("id4"), lit(null, "Int32").alias("id5"), lit(null, "Int32").alias("id6"), col("v1"), lit(null, "Int32").alias("v2"), col("v3"), col("w")]
            SCAN frame [4 cols] LIMIT 7
          WITH COLUMNS [col("v1").cast("Int64").alias("v1"), lit(null, "Boolean").alias("w")]
            SCAN frame [9 cols] LIMIT 2"
    `);
    expect(steps.length).toBeLessThan(10);
    expect(runPlan(plan)).toEqual(runPlan(q.plan));
    expect(runPlan(plan).length).toBe(3);
  });
});

describe('projection-pushdown through a union', () => {
  it("every input reads only the needed columns, in the union's order", () => {
    const q = twice().groupBy('id1').agg(col('v3').sum());
    const out = projectionPushdown.apply(q.plan);
    expect(planToString(out)).toMatchInlineSnapshot(`
      "AGGREGATE [col("v3").sum()] BY [col("id1")]
        UNION 2 INPUTS (rows in input order)
          SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v3"]
          SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v3"]"
    `);
    expect(schemaOf(out).equals(schemaOf(q.plan))).toBe(true);
  });

  it("an input whose scan also reads its own predicate's column is cut back to the union's columns", () => {
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    const filtered: LogicalPlan = { ...scan, predicate: col('v2').gt(1).node };
    const q = new Q(unionPlan([Q.scan().plan, filtered], 'vertical')).select('id1', 'v1');
    const out = optimize(q.plan).plan;
    expect(planToString(out)).toMatchInlineSnapshot(`
      "UNION 2 INPUTS (rows in input order)
        SCAN frame [9 cols] PROJECT 2/9 COLUMNS: ["id1","v1"]
        SELECT [col("id1"), col("v1")]
          SCAN frame [9 cols] PROJECT 3/9 COLUMNS: ["id1","v1","v2"] SELECTION: (col("v2") > 1)"
    `);
    expect(runPlan(out)).toEqual(runPlan(q.plan));
  });

  it('a row count keeps one column of every input', () => {
    const q = twice().agg(len().alias('n'));
    const out = optimize(q.plan).plan;
    expect(planToString(out)).toMatchInlineSnapshot(`
      "AGGREGATE [len().alias("n")]
        UNION 2 INPUTS (rows in input order)
          SCAN frame [9 cols] PROJECT 1/9 COLUMNS: ["id1"]
          SCAN frame [9 cols] PROJECT 1/9 COLUMNS: ["id1"]"
    `);
    expect(runPlan(out)).toEqual([{ n: 12 }]);
  });

  it("reaches through a diagonal concat's projections to each scan and settles at a fixed point", () => {
    const q = new Q(unionPlan([Q.scan().plan, Q.scan(other()).plan], 'diagonal')).select('id1', 'w');
    const { plan, steps } = optimize(q.plan, { verbose: true });
    expect(planToString(plan)).toMatchInlineSnapshot(`
      "UNION 2 INPUTS (rows in input order)
        WITH COLUMNS [lit(null, "Boolean").alias("w")]
          SCAN frame [9 cols] PROJECT 1/9 COLUMNS: ["id1"]
        SCAN frame [4 cols] PROJECT 2/4 COLUMNS: ["id1","w"]"
    `);
    expect(steps.length).toBeLessThan(10);
    expect(runPlan(plan)).toEqual(runPlan(q.plan));
  });
});

describe('a horizontal concat', () => {
  const side = () =>
    new Q(
      hconcatPlan(
        [Q.scan().select('id1', 'v1').plan, Q.scan(other()).select(col('id1').alias('o'), col('w'), col('v3').alias('x')).plan],
        false,
      ),
    );

  it('prunes each input to its own needed columns (one at least), and keeps filters and limits above it', () => {
    const q = side().filter(col('w')).limit(2).select('v1');
    const out = optimize(q.plan).plan;
    expect(planToString(out)).toMatchInlineSnapshot(`
      "SELECT [col("v1")]
        LIMIT 2
          FILTER col("w")
            HCONCAT 2 INPUTS (side by side; shorter inputs padded with nulls)
              SCAN frame [9 cols] PROJECT 1/9 COLUMNS: ["v1"]
              SCAN frame [4 cols] PROJECT 1/4 COLUMNS: ["w"]"
    `);
    expect(runPlan(out)).toEqual(runPlan(q.plan));
    expect(runPlan(out)).toEqual([{ v1: 1 }]);
  });
});
