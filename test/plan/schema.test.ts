/** schemaOf: output schemas of every node kind, memoization, and the errors that validation raises. */
import { describe, expect, it } from 'vitest';
import { col, corr, len, lit } from '../../src/expr/index.js';
import { ExprTypeError } from '../../src/expr/errors.js';
import { PlanError } from '../../src/plan/errors.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { schemaOf } from '../../src/plan/schema.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { h2oFrame, Q } from './fixtures.js';

const KNOWN = /known columns: "id1", "id2", "id3", "id4", "id5", "id6", "v1", "v2", "v3"/;

describe('schemaOf derives output schemas', () => {
  it('keeps the scan schema through filter, sort, limit, unique and per-group head', () => {
    const q = Q.scan().filter(col('v1').gt(1)).sort('v3').limit(3).unique({ subset: 'id1' }).groupBy('id2').head(1);
    expect(schemaOf(q.plan).equals(h2oFrame().schema)).toBe(true);
  });

  it('names and types projected expressions', () => {
    const q = Q.scan().select('id1', col('v1').mul(2).alias('v1x2'), col('v1').div(2), col('v3').gt(1).alias('big'), lit(1));
    expect(q.schema).toBe('{id1: Utf8, v1x2: Int32, v1: Float64, big: Boolean, literal: Int32}');
  });

  it('puts group keys first, then aggregations with their result types', () => {
    const q = Q.scan()
      .groupBy('id1', col('id4').alias('k'))
      .agg(
        col('v1').sum(),
        col('v3').mean().alias('m'),
        col('v3').std().alias('sd'),
        col('v1').count().alias('n'),
        len(),
        col('id3').max().alias('mx'),
        corr(col('v1'), col('v2')).pow(2).alias('r2'),
        col('v1').max().sub(col('v2').min()).alias('range'),
        col('v3').quantile(0.5).alias('q'),
      );
    expect(q.schema).toBe(
      '{id1: Utf8, k: Int32, v1: Int64, m: Float64, sd: Float64, n: Int32, len: Int32, mx: Utf8, r2: Float64, range: Int32, q: Float64}',
    );
  });

  it('gives the scan projection in the order listed', () => {
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    expect(schemaOf({ ...scan, projection: ['v3', 'id1'] }).toString()).toBe('{v3: Float64, id1: Utf8}');
  });

  it('computes each node once', () => {
    const q = Q.scan().select(col('v1').add(1));
    expect(schemaOf(q.plan)).toBe(schemaOf(q.plan));
  });
});

describe('schemaOf rejects invalid plans at build time', () => {
  it('names the verb and the known columns for an unknown column', () => {
    expect(() => Q.scan().select('nope')).toThrow(ColumnNotFoundError);
    expect(() => Q.scan().select('nope')).toThrow(KNOWN);
    expect(() => Q.scan().filter(col('vv').gt(2))).toThrow(/unknown column "vv" in filter: \(col\("vv"\) > 2\); known columns: "id1"/);
    expect(() => Q.scan().sort('zz')).toThrow(/unknown column "zz" in sort: col\("zz"\)/);
    expect(() => Q.scan().groupBy('idx')).toThrow(/unknown column "idx" in groupBy: col\("idx"\)/);
    expect(() => Q.scan().groupBy('id1').agg(col('w').sum())).toThrow(/unknown column "w" in agg: col\("w"\).sum\(\)/);
    expect(() => Q.scan().unique({ subset: ['id1', 'x'] })).toThrow(/unknown column "x" in unique\(\)/);
    expect(() => Q.scan().select('v1').filter(col('v2').gt(1))).toThrow(/known columns: "v1"$/);
  });

  it('rejects a sum of a Utf8 column, naming the expression', () => {
    const attempt = () => Q.scan().groupBy('id2').agg(col('id1').sum());
    expect(attempt).toThrow(ExprTypeError);
    expect(attempt).toThrow(/cannot sum column "id1" of type Utf8 in col\("id1"\).sum\(\)/);
  });

  it('needs a Boolean filter predicate', () => {
    expect(() => Q.scan().filter(col('v1').add(1))).toThrow(/filter\(\) needs a Boolean predicate, but \(col\("v1"\) \+ 1\) is Int32/);
  });

  it('rejects aggregations in row-wise verbs', () => {
    expect(() => Q.scan().filter(col('v1').gt(col('v1').mean()))).toThrow(/aggregations are not allowed in filter\(\)/);
    expect(() => Q.scan().sort(col('v1').sum())).toThrow(/aggregations are not allowed in sort\(\)/);
    expect(() => Q.scan().groupBy(col('v1').sum())).toThrow(/aggregations are not allowed in groupBy\(\)/);
  });

  it('requires agg() items to aggregate, and columns outside aggregations to be keys', () => {
    expect(() => Q.scan().groupBy('id1').agg(col('v1'))).toThrow(/agg\(\) takes aggregations, but col\("v1"\) aggregates nothing/);
    expect(() =>
      Q.scan()
        .groupBy('id1')
        .agg(col('v1').sum().add(col('v2'))),
    ).toThrow(/col\("v2"\) must be aggregated/);
    expect(
      Q.scan()
        .groupBy('id4')
        .agg(col('v1').sum().add(col('id4')).alias('s')).schema,
    ).toBe('{id4: Int32, s: Int64}');
    expect(() => Q.scan().agg(col('v1').sum().sum())).toThrow(/nested aggregation/);
    expect(() => Q.scan().groupBy('id1').agg()).toThrow(PlanError);
  });

  it('rejects duplicate output names with a hint to alias', () => {
    expect(() => Q.scan().groupBy('id1').agg(col('v1').sum(), col('v1').mean())).toThrow(
      /duplicate output column "v1" in groupBy\(...\).agg\(\); give one of them another name with .alias/,
    );
    expect(() => Q.scan().groupBy('v1').agg(col('v1').sum())).toThrow(/duplicate output column "v1"/);
    expect(() => Q.scan().select('v1', col('v1').add(1))).toThrow(/duplicate output column "v1" in select\(\)/);
  });

  it('validates counts and option lengths', () => {
    expect(() => Q.scan().limit(-1)).toThrow(/limit must be a whole number >= 0, got -1/);
    expect(() => Q.scan().limit(1.5)).toThrow(PlanError);
    expect(() => Q.scan().groupBy('id1').head(-2)).toThrow(/head\(n\) must be a whole number/);
    const sort = Q.scan().sort('v1').plan as Extract<LogicalPlan, { kind: 'sort' }>;
    expect(() => schemaOf({ ...sort, descending: [true, false] })).toThrow(/sort\(\) has 1 keys but 2 descending/);
  });

  it('validates a scan projection and predicate', () => {
    const scan = Q.scan().plan as Extract<LogicalPlan, { kind: 'scan' }>;
    expect(() => schemaOf({ ...scan, projection: ['v1', 'zz'] })).toThrow(/unknown column "zz" in scan projection\(\)/);
    expect(() => schemaOf({ ...scan, projection: ['v1', 'v1'] })).toThrow(/listed twice/);
    expect(() => schemaOf({ ...scan, predicate: col('v1').node })).toThrow(/scan predicate\(\) needs a Boolean predicate/);
  });
});
