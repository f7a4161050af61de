/** Every expression kind, engine against reference, on random tables in every configuration. */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { col, shutdownPool } from '../../src/index.js';
import { ROW_EXPRESSIONS } from './catalog.js';
import { tableArb, toFrame, MIXED_TYPES } from './data.js';
import { columnsByType, exprArbs, typedArb } from './exprs.js';
import { checkProperty } from './property.js';
import { checkQuery } from './run.js';
import { verb, type Verb } from './verbs.js';
import type { Expr } from '../../src/index.js';

afterAll(async () => {
  await shutdownPool();
});

/** `select(col("i"), e0.alias("name0"), ...)` as a verb: one query checks many expressions at once. */
function selectVerb(named: readonly [string, Expr, string][]): Verb {
  const exprs = named.map(([name, e]) => e.alias(name));
  return verb(
    `.select(col("i"), ${named.map(([name, , code]) => `${code}.alias(${JSON.stringify(name)})`).join(', ')})`,
    (lf) => lf.select(col('i'), ...exprs),
    (plan) => ({ kind: 'project', input: plan, exprs: [col('i').node, ...exprs.map((e) => e.node)] }),
  );
}

const catalog = Object.entries(ROW_EXPRESSIONS).map(([name, e]): [string, Expr, string] => [name, e, `<${name}>`]);
const booleans = catalog.filter(([, e]) => {
  const n = e.node;
  return (
    (n.kind === 'binary' && ['eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'and', 'or'].includes(n.op)) ||
    n.kind === 'isIn' ||
    n.kind === 'between' ||
    n.kind === 'strMatch' ||
    (n.kind === 'unary' && ['not', 'isNull', 'isNotNull'].includes(n.op))
  );
});

describe('row expressions: engine vs reference', () => {
  it('computes every expression kind of the catalog in one select', async () => {
    await checkProperty(tableArb(), (table) => checkQuery({ frame: toFrame(table), verbs: [selectVerb(catalog)] }), 25);
  });

  it('filters by every Boolean expression of the catalog', async () => {
    const cases = fc.tuple(tableArb(60), fc.constantFrom(...booleans));
    await checkProperty(
      cases,
      ([table, [name, e]]) =>
        checkQuery({
          frame: toFrame(table),
          verbs: [
            verb(
              `.filter(<${name}>)`,
              (lf) => lf.filter(e),
              (plan) => ({ kind: 'filter', input: plan, predicate: e.node }),
            ),
          ],
        }),
      40,
    );
  });

  it('computes random nested expressions of every result type', async () => {
    const arbs = exprArbs(columnsByType(MIXED_TYPES));
    const cases = fc.tuple(tableArb(80), fc.array(typedArb(arbs), { minLength: 1, maxLength: 4 }));
    await checkProperty(
      cases,
      ([table, exprs]) =>
        checkQuery({ frame: toFrame(table), verbs: [selectVerb(exprs.map(({ g }, i): [string, Expr, string] => [`e${i}`, g.e, g.code]))] }),
      60,
    );
  });

  it('filters by random nested predicates', async () => {
    const arbs = exprArbs(columnsByType(MIXED_TYPES));
    await checkProperty(
      fc.tuple(tableArb(80), arbs.Boolean),
      ([table, p]) =>
        checkQuery({
          frame: toFrame(table),
          verbs: [
            verb(
              `.filter(${p.code})`,
              (lf) => lf.filter(p.e),
              (plan) => ({ kind: 'filter', input: plan, predicate: p.e.node }),
            ),
          ],
        }),
      40,
    );
  });
});
