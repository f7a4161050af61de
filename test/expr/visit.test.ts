/** children / withChildren / mapChildren / transforms / walks over every node kind. */
import { describe, expect, test } from 'vitest';
import { test as prop } from '@fast-check/vitest';
import {
  anyNode,
  children,
  col,
  corr,
  exprToString,
  forEachNode,
  len,
  lit,
  mapChildren,
  transformDown,
  transformUp,
  when,
  withChildren,
  type ExprNode,
} from '../../src/expr/index.js';
import { exprArb } from './arbitrary.js';

const a = col('a').node;
const b = col('b').node;
const c = col('c').node;

describe('children', () => {
  test('lists sub-expressions left to right for every kind', () => {
    expect(children(a)).toEqual([]);
    expect(children(lit(1).node)).toEqual([]);
    expect(children(col('a').add(col('b')).node)).toEqual([a, b]);
    expect(children(col('a').abs().node)).toEqual([a]);
    expect(children(col('a').round(1).node)).toEqual([a]);
    expect(children(col('a').pow(col('b')).node)).toEqual([a, b]);
    expect(children(col('a').fillNull(col('b')).node)).toEqual([a, b]);
    expect(children(col('a').isIn([1]).node)).toEqual([a]);
    expect(children(col('a').between(col('b'), col('c')).node)).toEqual([a, b, c]);
    expect(children(col('a').cast('Int64').node)).toEqual([a]);
    expect(children(when(col('a')).then(col('b')).when(col('c')).then(1).otherwise(2).node)).toEqual([a, b, c, lit(1).node, lit(2).node]);
    expect(children(col('a').str.contains('x').node)).toEqual([a]);
    expect(children(col('a').str.slice(1).node)).toEqual([a]);
    expect(children(col('a').sum().node)).toEqual([a]);
    expect(children(len().node)).toEqual([]);
    expect(children(corr('a', 'b').node)).toEqual([a, b]);
    expect(children(col('a').alias('x').node)).toEqual([a]);
  });
});

describe('withChildren and mapChildren', () => {
  test('identity is kept when nothing changes', () => {
    const n = col('a').add(col('b')).node;
    expect(withChildren(n, children(n))).toBe(n);
    expect(mapChildren(n, (x) => x)).toBe(n);
  });

  test('rebuilds with new children in the same slots', () => {
    const n = when(col('a')).then(col('b')).otherwise(col('c')).node;
    const upper = mapChildren(n, (x) => (x.kind === 'col' ? { kind: 'col', name: x.name.toUpperCase() } : x));
    expect(exprToString(upper)).toBe('when(col("A")).then(col("B")).otherwise(col("C"))');
    expect(exprToString(n)).toBe('when(col("a")).then(col("b")).otherwise(col("c"))');
    const q = col('a').quantile(0.3).node;
    expect(withChildren(q, [b])).toEqual({ kind: 'agg', fn: 'quantile', arg: b, q: 0.3 });
    expect(withChildren(corr('a', 'b').node, [c, a])).toEqual({ kind: 'agg', fn: 'corr', arg: c, arg2: a });
  });

  test('a wrong number of children is an error', () => {
    expect(() => withChildren(col('a').add(1).node, [a])).toThrow('withChildren: a binary node has 2 children, got 1');
  });

  prop.prop([exprArb])('withChildren(n, children(n)) is n for every node', (node) => {
    expect(withChildren(node, children(node))).toBe(node);
  });

  prop.prop([exprArb])('replacing children with copies gives an equal tree', (node) => {
    const copies = children(node).map((x) => structuredClone(x));
    expect(withChildren(node, copies)).toEqual(node);
  });
});

describe('transforms and walks', () => {
  const tree = col('a').add(col('b').mul(2)).alias('x').node;

  test('transformUp rewrites bottom-up and keeps unchanged subtrees', () => {
    const renamed = transformUp(tree, (n) => (n.kind === 'col' && n.name === 'b' ? c : n));
    expect(exprToString(renamed)).toBe('(col("a") + (col("c") * 2)).alias("x")');
    const untouched = transformUp(tree, (n) => n);
    expect(untouched).toBe(tree);
  });

  test('transformUp sees rebuilt children (constant folding shape)', () => {
    const fold = (n: ExprNode): ExprNode =>
      n.kind === 'binary' && n.op === 'add' && n.left.kind === 'lit' && n.right.kind === 'lit'
        ? { kind: 'lit', value: (n.left.value as number) + (n.right.value as number), dtype: 'Int32' }
        : n;
    expect(transformUp(lit(1).add(lit(2)).add(lit(3)).node, fold)).toEqual(lit(6).node);
  });

  test('transformDown rewrites top-down', () => {
    const stripped = transformDown(tree, (n) => (n.kind === 'alias' ? n.arg : n));
    expect(exprToString(stripped)).toBe('(col("a") + (col("b") * 2))');
  });

  test('forEachNode visits parents before children, left to right', () => {
    const kinds: string[] = [];
    forEachNode(tree, (n) => kinds.push(n.kind === 'col' ? n.name : n.kind));
    expect(kinds).toEqual(['alias', 'binary', 'a', 'binary', 'b', 'lit']);
  });

  test('anyNode stops at the first match', () => {
    let seen = 0;
    expect(
      anyNode(tree, (n) => {
        seen++;
        return n.kind === 'col';
      }),
    ).toBe(true);
    expect(seen).toBe(3);
    expect(anyNode(tree, (n) => n.kind === 'agg')).toBe(false);
  });
});
