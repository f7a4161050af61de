/** The reference's plan interpreter and aggregations on small frames whose answers are worked out by hand. */
import { describe, expect, it } from 'vitest';
import type { ExprNode } from '../../src/expr/ast.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { Table } from '../../src/table/table.js';
import { refSchemaOf, runPlan } from './evaluate.js';
import { agg, alias, bin, c, l } from './nodes.js';

const frame = Table.fromColumns(
  {
    g: ['a', 'b', 'a', 'a', null, 'b'],
    x: [1, null, 3, 4, 5, 6],
    f: [1.5, NaN, null, 2.5, 0, -1],
  },
  { dtypes: { g: 'Utf8', x: 'Int32', f: 'Float64' }, chunkSize: 4 },
);

const scan = (df: Table = frame, extra: Partial<Extract<LogicalPlan, { kind: 'scan' }>> = {}): LogicalPlan => ({
  kind: 'scan',
  source: { type: 'frame', frame: df },
  schema: df.schema,
  projection: null,
  predicate: null,
  limit: null,
  ...extra,
});

const groupBy = (keys: ExprNode[], aggs: ExprNode[], input: LogicalPlan = scan()): LogicalPlan => ({
  kind: 'aggregate',
  input,
  keys,
  aggs,
});

const column = (plan: LogicalPlan, name: string): unknown[] => runPlan(plan).map((r) => r[name]);

describe('aggregate', () => {
  it('groups in order of first appearance, null being a key of its own', () => {
    expect(column(groupBy([c('g')], [alias(agg('len', null), 'n')]), 'g')).toEqual(['a', 'b', null]);
    expect(column(groupBy([c('g')], [alias(agg('len', null), 'n')]), 'n')).toEqual([3, 2, 1]);
  });

  it('sums integers exactly into Int64, counts non-nulls, and means as Float64', () => {
    const plan = groupBy([c('g')], [alias(agg('sum', c('x')), 's'), alias(agg('count', c('x')), 'n'), alias(agg('mean', c('x')), 'm')]);
    expect(runPlan(plan)).toEqual([
      { g: 'a', s: 8n, n: 3, m: 8 / 3 },
      { g: 'b', s: 6n, n: 1, m: 6 },
      { g: null, s: 5n, n: 1, m: 5 },
    ]);
    expect([...refSchemaOf(plan)]).toEqual([
      ['g', 'Utf8'],
      ['s', 'Int64'],
      ['n', 'Int32'],
      ['m', 'Float64'],
    ]);
  });

  it('counts null as a distinct value in nUnique and keeps nulls in first/last', () => {
    const plan = groupBy(
      [c('g')],
      [alias(agg('nUnique', c('x')), 'u'), alias(agg('first', c('x')), 'fx'), alias(agg('last', c('f')), 'lf')],
    );
    expect(runPlan(plan)).toEqual([
      { g: 'a', u: 3, fx: 1, lf: 2.5 },
      { g: 'b', u: 2, fx: null, lf: -1 },
      { g: null, u: 1, fx: 5, lf: 0 },
    ]);
  });

  it('computes sample variance, std, median and interpolated quantiles', () => {
    const plan = groupBy(
      [c('g')],
      [
        alias(agg('var', c('x')), 'v'),
        alias(agg('std', c('x')), 'sd'),
        alias(agg('median', c('x')), 'med'),
        alias(agg('quantile', c('x'), { q: 0.25 }), 'q'),
      ],
    );
    const [a, b] = runPlan(plan);
    expect(a!.v).toBeCloseTo(7 / 3, 14);
    expect(a!.sd).toBeCloseTo(Math.sqrt(7 / 3), 14);
    expect(a!.med).toBe(3);
    expect(a!.q).toBe(2);
    expect(b!.v).toBeNull();
    expect(b!.med).toBe(6);
  });

  it('skips NaN in min/max unless every value is NaN, but lets it poison sums', () => {
    const nan = Table.fromColumns({ g: [1, 1, 2], f: [NaN, -1, NaN] }, { dtypes: { f: 'Float64' } });
    const plan = groupBy(
      [c('g')],
      [alias(agg('min', c('f')), 'lo'), alias(agg('max', c('f')), 'hi'), alias(agg('sum', c('f')), 's')],
      scan(nan),
    );
    const [one, two] = runPlan(plan);
    expect(one).toMatchObject({ lo: -1, hi: -1 });
    expect(one!.s).toBeNaN();
    expect(two!.lo).toBeNaN();
    expect(two!.hi).toBeNaN();
  });

  it('correlates over rows where both sides are present', () => {
    const plan = groupBy([c('g')], [alias(agg('corr', c('x'), { arg2: c('f') }), 'r')]);
    const [a, b, n] = column(plan, 'r') as number[];
    // a: pairs (1, 1.5) and (4, 2.5): a straight line. b: one pair (6, -1): 0/0. null group: one pair.
    expect(a).toBeCloseTo(1, 14);
    expect(b).toBeNaN();
    expect(n).toBeNaN();
  });

  it('combines aggregations in expressions, and runs without keys over no rows as one row', () => {
    const range = alias(bin('sub', agg('max', c('x')), agg('min', c('x'))), 'range');
    expect(column(groupBy([c('g')], [range]), 'range')).toEqual([3, 0, 0]);
    const empty = scan(frame, { predicate: bin('gt', c('x'), l(100)) });
    expect(
      runPlan(
        groupBy(
          [],
          [
            alias(agg('sum', c('x')), 's'),
            alias(agg('count', c('x')), 'n'),
            alias(agg('mean', c('f')), 'm'),
            alias(agg('first', c('x')), 'fx'),
          ],
          empty,
        ),
      ),
    ).toEqual([{ s: 0n, n: 0, m: null, fx: null }]);
    expect(runPlan(groupBy([c('g')], [alias(agg('len', null), 'n')], empty))).toEqual([]);
  });

  it('lets aggregations read a plain group key outside an aggregation', () => {
    const plan = groupBy([c('x')], [alias(bin('add', c('x'), agg('len', null)), 'xn')]);
    expect(column(plan, 'xn')).toEqual([2, null, 4, 5, 6, 7]);
  });

  it('groups by expressions and several keys', () => {
    const plan = groupBy([alias(bin('mod', c('x'), l(2)), 'odd'), c('g')], [alias(agg('len', null), 'n')]);
    expect(runPlan(plan)).toEqual([
      { odd: 1, g: 'a', n: 2 },
      { odd: null, g: 'b', n: 1 },
      { odd: 0, g: 'a', n: 1 },
      { odd: 1, g: null, n: 1 },
      { odd: 0, g: 'b', n: 1 },
    ]);
  });
});

describe('sort', () => {
  const df = Table.fromColumns(
    { k: [3, null, NaN, -1, 3], id: [0, 1, 2, 3, 4], s: ['b', 'a', null, 'B', 'a'] },
    { dtypes: { k: 'Float64' } },
  );
  const sort = (by: ExprNode[], descending: boolean[], nullsLast: boolean[]): LogicalPlan => ({
    kind: 'sort',
    input: scan(df),
    by,
    descending,
    nullsLast,
  });

  it('puts NaN above numbers and nulls last by default, stably', () => {
    expect(column(sort([c('k')], [false], [true]), 'id')).toEqual([3, 0, 4, 2, 1]);
    expect(column(sort([c('k')], [true], [true]), 'id')).toEqual([2, 0, 4, 3, 1]);
    expect(column(sort([c('k')], [false], [false]), 'id')).toEqual([1, 3, 0, 4, 2]);
  });

  it('sorts strings by code unit and breaks ties with later keys in their own direction', () => {
    expect(column(sort([c('s')], [false], [true]), 's')).toEqual(['B', 'a', 'a', 'b', null]);
    expect(column(sort([c('s'), c('id')], [false, true], [true, true]), 'id')).toEqual([3, 4, 1, 0, 2]);
  });
});

describe('row verbs', () => {
  it('filters out rows whose predicate is false or null', () => {
    const plan: LogicalPlan = { kind: 'filter', input: scan(), predicate: bin('gt', c('f'), l(0)) };
    // f = NaN counts as greater than 0 in the total order; null drops the row.
    expect(column(plan, 'x')).toEqual([1, null, 4]);
  });

  it('projects named expressions and reports their types', () => {
    const plan: LogicalPlan = {
      kind: 'project',
      input: scan(),
      exprs: [c('g'), alias(bin('mul', c('x'), l(2)), 'x2'), bin('add', c('f'), c('x'))],
    };
    expect(runPlan(plan)[0]).toEqual({ g: 'a', x2: 2, f: 2.5 });
    expect([...refSchemaOf(plan).values()]).toEqual(['Utf8', 'Int32', 'Float64']);
  });

  it('limits with an offset', () => {
    expect(column({ kind: 'limit', input: scan(), n: 2, offset: 3 }, 'x')).toEqual([4, 5]);
    expect(column({ kind: 'limit', input: scan(), n: 10, offset: 5 }, 'x')).toEqual([6]);
  });

  it('keeps the first n rows of each group in input order', () => {
    expect(column({ kind: 'groupHead', input: scan(), keys: [c('g')], n: 2 }, 'x')).toEqual([1, null, 3, 5, 6]);
    expect(column({ kind: 'groupHead', input: scan(), keys: [c('g')], n: 1 }, 'x')).toEqual([1, null, 5]);
  });

  it('keeps the first of each distinct row, null and NaN equal to themselves', () => {
    const df = Table.fromColumns({ a: [1, 1, null, null, 2], f: [NaN, NaN, 0, 0, -0] }, { dtypes: { f: 'Float64' } });
    expect(runPlan({ kind: 'distinct', input: scan(df), subset: null })).toEqual([
      { a: 1, f: NaN },
      { a: null, f: 0 },
      { a: 2, f: -0 },
    ]);
    expect(runPlan({ kind: 'distinct', input: scan(df), subset: ['f'] }).length).toBe(2);
  });

  it('scans with a predicate, then a limit, then a projection', () => {
    const plan = scan(frame, { predicate: bin('gt', c('x'), l(1)), limit: 2, projection: ['x', 'g'] });
    expect(runPlan(plan)).toEqual([
      { x: 3, g: 'a' },
      { x: 4, g: 'a' },
    ]);
    expect([...refSchemaOf(plan).keys()]).toEqual(['x', 'g']);
  });

  it('reads CSV scans from preloaded frames only', () => {
    const plan: LogicalPlan = {
      kind: 'scan',
      source: { type: 'csv', path: 'x.csv', options: {} },
      schema: frame.schema,
      projection: null,
      predicate: null,
      limit: null,
    };
    expect(() => runPlan(plan)).toThrow(/preloaded/);
    expect(runPlan(plan, { csv: new Map([['x.csv', frame]]) }).length).toBe(6);
  });
});
