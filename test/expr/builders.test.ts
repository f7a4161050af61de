/** Every builder and fluent method produces the expected AST node. */
import { describe, expect, test } from 'vitest';
import { col, corr, type Expr, len, lit, Then, when } from '../../src/expr/index.js';
import type { ExprNode } from '../../src/expr/index.js';

const a: ExprNode = { kind: 'col', name: 'a' };
const b: ExprNode = { kind: 'col', name: 'b' };
const i32 = (value: number): ExprNode => ({ kind: 'lit', value, dtype: 'Int32' });
const NULL: ExprNode = { kind: 'lit', value: null, dtype: null };

describe('col and lit', () => {
  test('col references a column by name', () => {
    expect(col('a').node).toEqual(a);
  });

  test('lit infers Int32, Float64, Int64, Boolean, Utf8, Timestamp and untyped null', () => {
    expect(lit(2).node).toEqual(i32(2));
    expect(lit(2.5).node).toEqual({ kind: 'lit', value: 2.5, dtype: 'Float64' });
    expect(lit(3_000_000_000).node).toEqual({ kind: 'lit', value: 3_000_000_000, dtype: 'Float64' });
    expect(lit(5n).node).toEqual({ kind: 'lit', value: '5', dtype: 'Int64' });
    expect(lit(true).node).toEqual({ kind: 'lit', value: true, dtype: 'Boolean' });
    expect(lit('x').node).toEqual({ kind: 'lit', value: 'x', dtype: 'Utf8' });
    expect(lit(new Date(86_400_000)).node).toEqual({ kind: 'lit', value: 86_400_000, dtype: 'Timestamp' });
    expect(lit(null).node).toEqual(NULL);
  });

  test('lit with a dtype converts the value', () => {
    expect(lit(new Date(86_400_000 * 3 + 5), 'Date').node).toEqual({ kind: 'lit', value: 3, dtype: 'Date' });
    expect(lit(null, 'Int64').node).toEqual({ kind: 'lit', value: null, dtype: 'Int64' });
  });

  test('builders reject values that are not names or literals', () => {
    expect(() => col(1 as unknown as string)).toThrow('col() takes a column name, got number');
    expect(() => lit(undefined as unknown as null)).toThrow('expected an Expr or a literal value, got undefined');
    expect(() => lit({} as unknown as null)).toThrow('got an object');
  });
});

describe('binary operators', () => {
  const cases = [
    ['add', (e: Expr) => e.add(col('b'))],
    ['sub', (e: Expr) => e.sub(col('b'))],
    ['mul', (e: Expr) => e.mul(col('b'))],
    ['div', (e: Expr) => e.div(col('b'))],
    ['mod', (e: Expr) => e.mod(col('b'))],
    ['eq', (e: Expr) => e.eq(col('b'))],
    ['neq', (e: Expr) => e.neq(col('b'))],
    ['lt', (e: Expr) => e.lt(col('b'))],
    ['lte', (e: Expr) => e.lte(col('b'))],
    ['gt', (e: Expr) => e.gt(col('b'))],
    ['gte', (e: Expr) => e.gte(col('b'))],
    ['and', (e: Expr) => e.and(col('b'))],
    ['or', (e: Expr) => e.or(col('b'))],
  ] as const;
  test.each(cases)('%s builds a binary node', (op, build) => {
    expect(build(col('a')).node).toEqual({ kind: 'binary', op, left: a, right: b });
  });

  test('plain operands become literals, strings included', () => {
    expect(col('a').gt(2).node).toEqual({ kind: 'binary', op: 'gt', left: a, right: i32(2) });
    expect(col('a').eq('b').node).toEqual({ kind: 'binary', op: 'eq', left: a, right: { kind: 'lit', value: 'b', dtype: 'Utf8' } });
    expect(col('a').eq(null).node).toEqual({ kind: 'binary', op: 'eq', left: a, right: NULL });
  });

  test('expressions are immutable: building on one leaves it unchanged', () => {
    const base = col('a');
    base.add(1);
    expect(base.node).toEqual(a);
  });
});

describe('unary functions', () => {
  const cases = [
    ['not', (e: Expr) => e.not()],
    ['neg', (e: Expr) => e.neg()],
    ['isNull', (e: Expr) => e.isNull()],
    ['isNotNull', (e: Expr) => e.isNotNull()],
    ['abs', (e: Expr) => e.abs()],
    ['floor', (e: Expr) => e.floor()],
    ['ceil', (e: Expr) => e.ceil()],
    ['sqrt', (e: Expr) => e.sqrt()],
    ['log', (e: Expr) => e.log()],
    ['exp', (e: Expr) => e.exp()],
    ['str.toUpperCase', (e: Expr) => e.str.toUpperCase()],
    ['str.toLowerCase', (e: Expr) => e.str.toLowerCase()],
    ['str.length', (e: Expr) => e.str.length()],
    ['dt.year', (e: Expr) => e.dt.year()],
    ['dt.month', (e: Expr) => e.dt.month()],
    ['dt.day', (e: Expr) => e.dt.day()],
    ['dt.weekday', (e: Expr) => e.dt.weekday()],
  ] as const;
  test.each(cases)('%s builds a unary node', (op, build) => {
    expect(build(col('a')).node).toEqual({ kind: 'unary', op, arg: a });
  });
});

describe('functions with parameters', () => {
  test('round defaults to 0 digits and validates them', () => {
    expect(col('a').round().node).toEqual({ kind: 'round', arg: a, digits: 0 });
    expect(col('a').round(2).node).toEqual({ kind: 'round', arg: a, digits: 2 });
    expect(() => col('a').round(1.5)).toThrow('round() digits must be a whole number >= 0, got 1.5');
    expect(() => col('a').round(-1)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'round() digits', value: -1 }));
  });

  test('pow, fillNull, between and cast', () => {
    expect(col('a').pow(2).node).toEqual({ kind: 'pow', base: a, exponent: i32(2) });
    expect(col('a').fillNull(col('b')).node).toEqual({ kind: 'fillNull', arg: a, fill: b });
    expect(col('a').between(1, col('b')).node).toEqual({ kind: 'between', arg: a, lower: i32(1), upper: b });
    expect(col('a').cast('Float64').node).toEqual({ kind: 'cast', arg: a, to: 'Float64' });
    expect(() => col('a').cast('float' as 'Float64')).toThrow('cast() needs a data type, got "float"');
  });

  test('isIn stores JSON-safe values and rejects non-arrays and nulls', () => {
    const day = new Date(Date.UTC(2020, 0, 2));
    const instant = new Date(Date.UTC(2020, 0, 2, 3, 4, 5));
    expect(col('a').isIn([1, 2.5, 'x', true, 7n, 2n ** 60n, day, instant]).node).toEqual({
      kind: 'isIn',
      arg: a,
      values: [1, 2.5, 'x', true, 7, '1152921504606846976', '2020-01-02', '2020-01-02T03:04:05.000Z'],
    });
    expect(col('a').isIn([]).node).toEqual({ kind: 'isIn', arg: a, values: [] });
    expect(() => col('a').isIn(3 as unknown as number[])).toThrow('isIn() takes an array of values, got number');
    expect(() => col('a').isIn([1, null as unknown as number])).toThrow('isIn values must not be null');
    expect(() => col('a').isIn([col('b') as unknown as number])).toThrow('isIn takes literal values');
  });

  test('alias names the output and needs a string', () => {
    expect(col('a').alias('x').node).toEqual({ kind: 'alias', arg: a, name: 'x' });
    expect(() => col('a').alias(3 as unknown as string)).toThrow('alias() takes a string name');
  });

  test('str functions with patterns and slices', () => {
    for (const op of ['startsWith', 'endsWith'] as const) {
      expect(col('a').str[op]('x').node).toEqual({ kind: 'strMatch', op, arg: a, pattern: 'x' });
    }
    expect(col('a').str.contains('x').node).toEqual({ kind: 'strMatch', op: 'contains', arg: a, pattern: 'x', literal: false });
    expect(col('a').str.contains('x', { literal: true }).node).toEqual({
      kind: 'strMatch',
      op: 'contains',
      arg: a,
      pattern: 'x',
      literal: true,
    });
    expect(col('a').str.slice(1, 2).node).toEqual({ kind: 'strSlice', arg: a, offset: 1, length: 2 });
    expect(col('a').str.slice(-3).node).toEqual({ kind: 'strSlice', arg: a, offset: -3, length: null });
    expect(() => col('a').str.slice(0, -1)).toThrow('str.slice() length must be a whole number >= 0, got -1');
    expect(() => col('a').str.slice(0.5)).toThrow('str.slice() offset must be a whole number, got 0.5');
    expect(() => col('a').str.contains(1 as unknown as string)).toThrow('str.contains() takes a string pattern, got number');
  });
});

describe('aggregations', () => {
  const fns = ['sum', 'mean', 'min', 'max', 'count', 'nUnique', 'first', 'last', 'var', 'std', 'median'] as const;
  test.each(fns)('%s builds an agg node', (fn) => {
    expect(col('a')[fn]().node).toEqual({ kind: 'agg', fn, arg: a });
  });

  test('quantile keeps q and validates it', () => {
    expect(col('a').quantile(0.25).node).toEqual({ kind: 'agg', fn: 'quantile', arg: a, q: 0.25 });
    expect(() => col('a').quantile(1.5)).toThrow('quantile() needs q between 0 and 1, got 1.5');
    expect(() => col('a').quantile(Number.NaN)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', argument: 'quantile() q', value: Number.NaN }),
    );
  });

  test('len() counts rows; expr.len() is len() named after the expression', () => {
    expect(len().node).toEqual({ kind: 'agg', fn: 'len', arg: null });
    expect(col('a').len().node).toEqual({ kind: 'alias', arg: { kind: 'agg', fn: 'len', arg: null }, name: 'a' });
  });

  test('corr takes two expressions or column names', () => {
    const expected = { kind: 'agg', fn: 'corr', arg: a, arg2: b };
    expect(corr(col('a'), col('b')).node).toEqual(expected);
    expect(corr('a', 'b').node).toEqual(expected);
    expect(() => corr(1 as unknown as string, 'b')).toThrow('corr() takes expressions or column names, got number');
  });
});

describe('when/then/otherwise', () => {
  const c1: ExprNode = { kind: 'binary', op: 'gt', left: a, right: i32(1) };
  const c2: ExprNode = { kind: 'binary', op: 'gt', left: b, right: i32(1) };

  test('otherwise is optional and defaults to an untyped null', () => {
    const t = when(col('a').gt(1)).then(10);
    expect(t).toBeInstanceOf(Then);
    expect(t.node).toEqual({ kind: 'when', branches: [{ when: c1, then: i32(10) }], otherwise: NULL });
  });

  test('branches chain in order and otherwise closes them', () => {
    const e = when(col('a').gt(1)).then(10).when(col('b').gt(1)).then(20).otherwise(30);
    expect(e.node).toEqual({
      kind: 'when',
      branches: [
        { when: c1, then: i32(10) },
        { when: c2, then: i32(20) },
      ],
      otherwise: i32(30),
    });
  });

  test('a Then is a full expression: methods apply to the whole conditional', () => {
    const e = when(col('a').gt(1)).then(10).add(1);
    expect(e.node).toEqual({
      kind: 'binary',
      op: 'add',
      left: { kind: 'when', branches: [{ when: c1, then: i32(10) }], otherwise: NULL },
      right: i32(1),
    });
  });
});

describe('Expr basics', () => {
  test('toString uses the display form and toJSON returns the node', () => {
    const e = col('v1').sum().alias('x');
    expect(e.toString()).toBe('col("v1").sum().alias("x")');
    expect(e.toJSON()).toBe(e.node);
    expect(JSON.parse(JSON.stringify(e))).toEqual(e.node);
  });
});
