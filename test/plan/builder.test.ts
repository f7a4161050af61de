/** The plan builders: the node each verb appends, and the errors raised for bad arguments. */
import { describe, expect, it } from 'vitest';
import { col, len, lit } from '../../src/expr/index.js';
import type { Expr } from '../../src/expr/expr.js';
import { PlanError } from '../../src/plan/errors.js';
import { Q } from './fixtures.js';

describe('verbs build the expected nodes', () => {
  it('select takes names, expressions and arrays of them', () => {
    const q = Q.scan().select(['id1', 'v1'], col('v3').round(1));
    expect(q.toString()).toMatchInlineSnapshot(`
      "SELECT [col("id1"), col("v1"), col("v3").round(1)]
        SCAN frame [9 cols]"
    `);
    expect(q.schema).toBe('{id1: Utf8, v1: Int32, v3: Float64}');
  });

  it('select of aggregations only is a global aggregation', () => {
    const q = Q.scan().select(col('v1').sum(), len());
    expect(q.plan.kind).toBe('aggregate');
    expect(q.toString()).toMatchInlineSnapshot(`
      "AGGREGATE [col("v1").sum(), len()]
        SCAN frame [9 cols]"
    `);
  });

  it('withColumns replaces same-named columns in place and appends new ones', () => {
    const q = Q.scan().withColumns(col('v1').cast('Float64'), col('v3').mul(2).alias('v3x2'), lit(true).alias('t'));
    expect(q.schema).toBe(
      '{id1: Utf8, id2: Utf8, id3: Utf8, id4: Int32, id5: Int32, id6: Int32, v1: Float64, v2: Int32, v3: Float64, v3x2: Float64, t: Boolean}',
    );
    expect(q.toString()).toMatchInlineSnapshot(`
      "WITH COLUMNS [col("v1").cast("Float64"), (col("v3") * 2).alias("v3x2"), lit(true).alias("t")]
        SCAN frame [9 cols]"
    `);
    expect(Q.scan().withColumns().plan.kind).toBe('scan');
  });

  it('filter joins several predicates with &', () => {
    expect(Q.scan().filter(col('v1').gt(1), col('v2').lt(4)).toString()).toMatchInlineSnapshot(`
      "FILTER ((col("v1") > 1) & (col("v2") < 4))
        SCAN frame [9 cols]"
    `);
  });

  it('sort spreads one flag over every key, or takes one per key', () => {
    const q = Q.scan().sort(['id1', col('v1').neg()], { descending: true });
    expect(q.plan).toMatchObject({ kind: 'sort', descending: [true, true], nullsLast: [true, true] });
    const r = Q.scan().sort('v1', { nullsLast: false });
    expect(r.plan).toMatchObject({ kind: 'sort', descending: [false], nullsLast: [false] });
  });

  it('limit and slice are one node with an offset', () => {
    expect(Q.scan().limit(3).plan).toMatchObject({ kind: 'limit', n: 3, offset: 0 });
    expect(Q.scan().slice(2, 3).plan).toMatchObject({ kind: 'limit', n: 3, offset: 2 });
  });

  it('rename and drop are projections that keep column order', () => {
    const r = Q.scan().rename({ v1: 'value', id1: 'key' });
    expect(r.schema).toBe('{key: Utf8, id2: Utf8, id3: Utf8, id4: Int32, id5: Int32, id6: Int32, value: Int32, v2: Int32, v3: Float64}');
    const swapped = Q.scan().select('v1', 'v2').rename({ v1: 'v2', v2: 'v1' });
    expect(swapped.toString()).toMatchInlineSnapshot(`
      "SELECT [col("v1").alias("v2"), col("v2").alias("v1")]
        SELECT [col("v1"), col("v2")]
          SCAN frame [9 cols]"
    `);
    expect(Q.scan().drop('id4', 'id5', 'id6').schema).toBe('{id1: Utf8, id2: Utf8, id3: Utf8, v1: Int32, v2: Int32, v3: Float64}');
  });

  it('unique takes a subset as a name or a list', () => {
    expect(Q.scan().unique().plan).toMatchObject({ kind: 'distinct', subset: null });
    expect(Q.scan().unique({ subset: 'id1' }).plan).toMatchObject({ kind: 'distinct', subset: ['id1'] });
    expect(Q.scan().unique({ subset: ['id1', 'id2'], keep: 'any' }).plan).toMatchObject({ subset: ['id1', 'id2'] });
  });

  it('groupBy keys may be expressions', () => {
    const q = Q.scan().groupBy(col('id4').mod(2).alias('parity')).agg(col('v1').sum());
    expect(q.schema).toBe('{parity: Int32, v1: Int64}');
  });
});

describe('verbs reject bad arguments', () => {
  it('rejects a string where filter needs an expression', () => {
    expect(() => Q.scan().filter('v1' as unknown as Expr)).toThrow(PlanError);
    expect(() => Q.scan().filter('v1' as unknown as Expr)).toThrow(
      /filter\(\) needs an expression such as col\("v1"\).gt\(2\), got the string "v1"/,
    );
    expect(() => Q.scan().filter()).toThrow(/needs a predicate/);
  });

  it('rejects values that are neither names nor expressions', () => {
    expect(() => Q.scan().select(3 as unknown as string)).toThrow(/select\(\) takes column names or expressions, got the number 3/);
    expect(() => Q.scan().select()).toThrow(/at least one/);
  });

  it('rejects mixing aggregations with row-wise expressions in select', () => {
    expect(() => Q.scan().select('id1', col('v1').sum())).toThrow(/select\(\) mixes aggregations \(col\("v1"\).sum\(\)\)/);
  });

  it('rejects aggregations and duplicate names in withColumns', () => {
    expect(() => Q.scan().withColumns(col('v1').sum().alias('s'))).toThrow(/aggregations are not allowed in withColumns\(\)/);
    expect(() => Q.scan().withColumns(col('v1').add(1), col('v1').add(2))).toThrow(/duplicate output column "v1" in withColumns/);
    expect(() => Q.scan().withColumns(col('zz'))).toThrow(/unknown column "zz" in withColumns/);
  });

  it('rejects bad sort options', () => {
    expect(() => Q.scan().sort(['v1', 'v2'], { descending: [true] })).toThrow(/sort\(\) has 2 keys but 1 descending flags/);
    expect(() => Q.scan().sort([])).toThrow(/at least one key/);
    expect(() => Q.scan().sort('v1', 'v2' as never)).toThrow(/sort\(\) takes its keys as one argument .* got the string "v2"/);
  });

  it('rejects rename and drop mistakes', () => {
    expect(() => Q.scan().rename({ nope: 'x' })).toThrow(/unknown column "nope" in rename\(\); known columns/);
    expect(() => Q.scan().rename({ v1: 'v2' })).toThrow(/rename\(\) would give two columns the name "v2"/);
    expect(() => Q.scan().drop('nope')).toThrow(/unknown column "nope" in drop\(\)/);
    expect(() => Q.scan().select('v1').drop('v1')).toThrow(/would remove every column/);
  });

  it('rejects unsupported unique options', () => {
    expect(() => Q.scan().unique({ keep: 'last' as 'first' })).toThrow(/unique\(\) supports keep: 'first'/);
    expect(() => Q.scan().unique({ subset: [] })).toThrow(/non-empty subset/);
  });

  it('rejects an empty groupBy', () => {
    expect(() => Q.scan().groupBy()).toThrow(/groupBy\(\) needs at least one key/);
  });
});
