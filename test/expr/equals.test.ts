/** Structural equality and canonical keys. */
import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { col, exprEquals, exprKey, lit, when, type ExprNode } from '../../src/expr/index.js';
import { exprArb } from './arbitrary.js';

describe('exprEquals', () => {
  test('equal trees built separately are equal', () => {
    const build = () => when(col('a').gt(1)).then(col('b').sum()).otherwise(lit(2.5)).alias('x').node;
    expect(exprEquals(build(), build())).toBe(true);
  });

  test('differences in names, ops, literal values or types are seen', () => {
    expect(exprEquals(col('a').node, col('b').node)).toBe(false);
    expect(exprEquals(col('a').gt(1).node, col('a').gte(1).node)).toBe(false);
    expect(exprEquals(lit(1).node, lit(2).node)).toBe(false);
    expect(exprEquals(lit(1).node, lit(1, 'Float64').node)).toBe(false);
    expect(exprEquals(lit(0, 'Float64').node, lit(-0, 'Float64').node)).toBe(false);
    expect(exprEquals(col('a').isIn([1, 2]).node, col('a').isIn([2, 1]).node)).toBe(false);
    expect(exprEquals(col('a').str.slice(1).node, col('a').str.slice(1, 2).node)).toBe(false);
  });

  test('an undefined optional field equals an absent one', () => {
    const withUndefined = { kind: 'agg', fn: 'sum', arg: col('a').node, arg2: undefined } as ExprNode;
    expect(exprEquals(withUndefined, col('a').sum().node)).toBe(true);
    expect(exprKey(withUndefined)).toBe(exprKey(col('a').sum().node));
  });
});

describe('exprKey', () => {
  test('separates what equality separates', () => {
    expect(exprKey(lit(1).node)).not.toBe(exprKey(lit('1').node));
    expect(exprKey(lit(0, 'Float64').node)).not.toBe(exprKey(lit(-0, 'Float64').node));
    expect(exprKey(lit(Number.NaN).node)).toBe(exprKey(lit(Number.NaN).node));
  });

  test('does not depend on property order', () => {
    const x: ExprNode = { kind: 'binary', op: 'add', left: col('a').node, right: lit(1).node };
    const y = { right: lit(1).node, left: col('a').node, op: 'add', kind: 'binary' } as ExprNode;
    expect(exprKey(x)).toBe(exprKey(y));
  });

  prop.prop([exprArb, exprArb])('exprKey(a) === exprKey(b) exactly when exprEquals(a, b)', (a, b) => {
    expect(exprKey(a) === exprKey(b)).toBe(exprEquals(a, b));
  });

  prop.prop([exprArb])('a node equals its structured clone and keys the same', (a) => {
    const b = structuredClone(a);
    expect(exprEquals(a, b)).toBe(true);
    expect(exprKey(a)).toBe(exprKey(b));
  });

  prop.prop([exprArb, fc.string()])('wrapping in an alias makes a different tree', (a, name) => {
    expect(exprEquals(a, { kind: 'alias', arg: a, name })).toBe(false);
  });
});
