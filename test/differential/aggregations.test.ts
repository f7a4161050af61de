/** Every aggregation, grouped and ungrouped, engine against reference on random tables in every configuration. */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { col, shutdownPool, type Expr } from '../../src/index.js';
import type { ExprNode } from '../../src/expr/ast.js';
import { AGGREGATIONS, CORRELATIONS } from './catalog.js';
import { tableArb, toFrame } from './data.js';
import { checkProperty } from './property.js';
import { checkQuery } from './run.js';
import { verb, type Verb } from './verbs.js';

afterAll(async () => {
  await shutdownPool();
});

function groupByVerb(keys: readonly string[], catalog: Readonly<Record<string, Expr>> = AGGREGATIONS): Verb {
  const aggs = Object.entries(catalog).map(([name, e]) => e.alias(name));
  const aggCode = Object.keys(catalog)
    .map((n) => `<${n}>`)
    .join(', ');
  const nodes: ExprNode[] = keys.map((k) => col(k).node);
  return verb(
    `.groupBy(${keys.map((k) => JSON.stringify(k)).join(', ')}).agg(${aggCode})`,
    (lf) => lf.groupBy(...keys).agg(...aggs),
    (plan) => ({ kind: 'aggregate', input: plan, keys: nodes, aggs: aggs.map((a: Expr) => a.node) }),
  );
}

const allAggs = Object.entries(AGGREGATIONS).map(([name, e]) => e.alias(name));
const noKeys = verb(
  `.agg(${Object.keys(AGGREGATIONS)
    .map((n) => `<${n}>`)
    .join(', ')})`,
  (lf) => lf.agg(...allAggs),
  (plan) => ({ kind: 'aggregate', input: plan, keys: [], aggs: allAggs.map((a) => a.node) }),
);

describe('aggregations: engine vs reference', () => {
  it('aggregates every function by one low-cardinality Int32 key', async () => {
    await checkProperty(tableArb(), (table) => checkQuery({ frame: toFrame(table), verbs: [groupByVerb(['k'])] }), 25);
  });

  it('aggregates by keys of every type, alone and together', async () => {
    const keys = fc.constantFrom(['s'], ['b'], ['d'], ['t'], ['big'], ['f'], ['g'], ['s', 'b'], ['k', 's', 'b'], ['i', 'k']);
    await checkProperty(fc.tuple(tableArb(), keys), ([table, k]) => checkQuery({ frame: toFrame(table), verbs: [groupByVerb(k)] }), 30);
  });

  it('correlates per group, over pairs where both sides are present', async () => {
    const keys = fc.constantFrom(['k'], ['s'], ['b', 'k']);
    await checkProperty(
      fc.tuple(tableArb(), keys),
      ([table, k]) => checkQuery({ frame: toFrame(table), verbs: [groupByVerb(k, CORRELATIONS)] }),
      25,
    );
  });

  it('aggregates without keys into exactly one row, also over no rows', async () => {
    await checkProperty(tableArb(), (table) => checkQuery({ frame: toFrame(table), verbs: [noKeys] }), 20);
  });
});
