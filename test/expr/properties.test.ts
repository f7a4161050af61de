/** Properties of type checking over generated expressions: clean failures, and null resolution. */
import { describe, expect } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { anyNode, ExprTypeError, exprToString, forEachNode, resolveNullLiterals, typeOf, typeOfNullable } from '../../src/expr/index.js';
import { makeExprArb } from './arbitrary.js';
import { schema } from './fixtures.js';

const arb = makeExprArb(fc.constantFrom(...schema.names));

function tryType(node: Parameters<typeof typeOf>[0]) {
  try {
    return { type: typeOf(node, schema) };
  } catch (error) {
    return { error };
  }
}

describe('type checking generated expressions', () => {
  prop.prop([arb], { numRuns: 300 })('either gives a type or throws ExprTypeError naming the expression', (node) => {
    const r = tryType(node);
    if ('error' in r) {
      expect(r.error).toBeInstanceOf(ExprTypeError);
      expect((r.error as ExprTypeError).expr).toBe(exprToString(node));
      expect((r.error as Error).message).toContain(` in ${exprToString(node)}`);
    } else {
      expect(schema.fields.map((f) => f.dtype)).toContain(r.type);
    }
  });

  prop.prop([makeExprArb(fc.constantFrom('nope', 'v1'))])('unknown columns surface as ColumnNotFoundError or a type error', (node) => {
    const r = tryType(node);
    if ('error' in r) expect(r.error instanceof ColumnNotFoundError || r.error instanceof ExprTypeError).toBe(true);
    else expect(anyNode(node, (n) => n.kind === 'col' && n.name === 'nope')).toBe(false);
  });

  prop.prop([arb], { numRuns: 600 })('after resolving nulls, the type is kept and every sub-expression has a type', (node) => {
    const r = tryType(node);
    fc.pre(!('error' in r));
    const resolved = resolveNullLiterals(node, schema);
    expect(typeOf(resolved, schema)).toBe(r.type);
    expect(anyNode(resolved, (n) => n.kind === 'lit' && n.dtype === null)).toBe(false);
    forEachNode(resolved, (n) => expect(typeOfNullable(n, schema)).not.toBeNull());
  });
});
