/** JSON round trips of expressions and validation of untrusted JSON nodes. */
import { VolleyError } from '../../src/errors.js';
import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { col, corr, Expr, exprEquals, len, lit, validateExprNode, when } from '../../src/expr/index.js';
import { exprArb } from './arbitrary.js';

const roundTrip = (e: Expr) => Expr.fromJSON(JSON.parse(JSON.stringify(e)));

describe('round trip', () => {
  test('the H2O-style expressions survive JSON unchanged', () => {
    const exprs = [
      col('v1')
        .gt(2)
        .and(col('id4').isIn([1, 2, 3])),
      col('v3').mul(2).alias('v3x2'),
      col('v3').std().alias('sd_v3'),
      corr(col('v1'), col('v2')).pow(2).alias('r2'),
      col('v3').quantile(0.5),
      len(),
      when(col('v1').gt(1)).then(lit('a')).when(col('flag')).then(null).otherwise(lit(null, 'Utf8')),
      col('id1').str.slice(-2).str.toUpperCase().str.contains('X'),
      col('day').dt.weekday().between(lit(1), 5),
      col('v3').fillNull(Number.NaN).round(2).cast('Int64'),
      lit(2n ** 62n).add(lit('2020-01-02', 'Date').cast('Timestamp').dt.year()),
    ];
    for (const e of exprs) expect(roundTrip(e).node).toEqual(e.node);
  });

  prop.prop([exprArb])('every generated node survives JSON.stringify + fromJSON', (node) => {
    const back = Expr.fromJSON(JSON.parse(JSON.stringify(node)));
    // JSON has no -0, so compare with the node as JSON would carry it.
    expect(exprEquals(back.node, JSON.parse(JSON.stringify(node)))).toBe(true);
  });

  prop.prop([exprArb])('fromJSON copies: the result shares no objects with its input', (node) => {
    const input = JSON.parse(JSON.stringify(node));
    const back = Expr.fromJSON(input).node;
    expect(back).not.toBe(input);
    expect(back).toEqual(input);
  });
});

describe('validation', () => {
  const bad: [unknown, string][] = [
    [null, 'invalid expression at $: expected an expression node object'],
    [[], 'invalid expression at $: expected an expression node object'],
    [{ kind: 'column', name: 'a' }, 'invalid expression at $.kind: unknown expression kind "column"'],
    [{ kind: 'col' }, 'invalid expression at $.name: expected a string'],
    [{ kind: 'lit', value: 1.5, dtype: 'Int32' }, 'invalid expression at $.value: 1.5 is not a valid Int32 literal value'],
    [{ kind: 'lit', value: 5, dtype: 'Int64' }, 'invalid expression at $.value: 5 is not a valid Int64 literal value'],
    [{ kind: 'lit', value: 1, dtype: null }, 'invalid expression at $.value: 1 is not a valid untyped (null only) literal value'],
    [{ kind: 'lit', value: 1, dtype: 'Int8' }, 'invalid expression at $.dtype: unknown data type "Int8"'],
    [
      { kind: 'binary', op: 'pow', left: { kind: 'col', name: 'a' }, right: { kind: 'col', name: 'b' } },
      'invalid expression at $.op: unknown value "pow"',
    ],
    [{ kind: 'binary', op: 'add', left: { kind: 'col', name: 'a' } }, 'invalid expression at $.right: expected an expression node object'],
    [{ kind: 'unary', op: 'str.shuffle', arg: { kind: 'col', name: 'a' } }, 'invalid expression at $.op: unknown value "str.shuffle"'],
    [{ kind: 'round', arg: { kind: 'col', name: 'a' }, digits: -1 }, 'invalid expression at $.digits: expected a whole number >= 0'],
    [{ kind: 'isIn', arg: { kind: 'col', name: 'a' }, values: 3 }, 'invalid expression at $.values: expected an array'],
    [
      { kind: 'isIn', arg: { kind: 'col', name: 'a' }, values: [1, null] },
      'invalid expression at $.values[1]: expected a number, string or boolean',
    ],
    [{ kind: 'cast', arg: { kind: 'col', name: 'a' }, to: 'String' }, 'invalid expression at $.to: unknown data type "String"'],
    [{ kind: 'cast', arg: { kind: 'col', name: 'a' }, to: 'Int32', strict: 'no' }, 'invalid expression at $.strict: expected a boolean'],
    [{ kind: 'concatStr', args: [], separator: '' }, 'invalid expression at $.args: expected a non-empty array'],
    [{ kind: 'concatStr', args: [{ kind: 'col', name: 'a' }] }, 'invalid expression at $.separator: expected a string'],
    [{ kind: 'when', branches: [], otherwise: { kind: 'col', name: 'a' } }, 'invalid expression at $.branches: expected a non-empty array'],
    [
      { kind: 'when', branches: [{ when: { kind: 'col', name: 'c' } }], otherwise: { kind: 'col', name: 'a' } },
      'invalid expression at $.branches[0].then: expected an expression node object',
    ],
    [
      { kind: 'strMatch', op: 'matches', arg: { kind: 'col', name: 'a' }, pattern: 'x' },
      'invalid expression at $.op: unknown value "matches"',
    ],
    [
      { kind: 'strSlice', arg: { kind: 'col', name: 'a' }, offset: 0, length: -2 },
      'invalid expression at $.length: expected a whole number >= 0',
    ],
    [{ kind: 'agg', fn: 'total', arg: { kind: 'col', name: 'a' } }, 'invalid expression at $.fn: unknown value "total"'],
    [{ kind: 'agg', fn: 'sum', arg: null }, 'invalid expression at $.arg: sum() needs an input'],
    [{ kind: 'agg', fn: 'len', arg: { kind: 'col', name: 'a' } }, 'invalid expression at $.arg: len() takes no input (use null)'],
    [{ kind: 'agg', fn: 'corr', arg: { kind: 'col', name: 'a' } }, 'invalid expression at $.arg2: corr() needs a second input'],
    [
      { kind: 'agg', fn: 'quantile', arg: { kind: 'col', name: 'a' }, q: 1.01 },
      'invalid expression at $.q: expected a number between 0 and 1',
    ],
    [{ kind: 'alias', arg: { kind: 'col', name: 'a' }, name: 7 }, 'invalid expression at $.name: expected a string'],
  ];
  test.each(bad)('rejects %j', (json, message) => {
    expect(() => validateExprNode(json)).toThrow(message);
    expect(() => validateExprNode(json)).toThrow(VolleyError);
    expect(() => validateExprNode(json)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  test('paths point into nested nodes', () => {
    const json = {
      kind: 'alias',
      name: 'x',
      arg: { kind: 'agg', fn: 'sum', arg: { kind: 'binary', op: 'add', left: { kind: 'col', name: 'a' }, right: {} } },
    };
    expect(() => validateExprNode(json)).toThrow('invalid expression at $.arg.arg.right.kind: unknown expression kind undefined');
  });

  test('unknown extra fields are dropped', () => {
    expect(validateExprNode({ kind: 'col', name: 'a', extra: 1 })).toEqual({ kind: 'col', name: 'a' });
    expect(validateExprNode({ kind: 'agg', fn: 'sum', arg: { kind: 'col', name: 'a' }, q: 0.5 })).toEqual({
      kind: 'agg',
      fn: 'sum',
      arg: { kind: 'col', name: 'a' },
    });
  });

  test('a missing lit dtype reads as untyped', () => {
    expect(validateExprNode({ kind: 'lit', value: null })).toEqual({ kind: 'lit', value: null, dtype: null });
  });

  prop.prop([fc.anything()])('arbitrary JSON never crashes validation with anything but an INVALID_ARGUMENT VolleyError', (json) => {
    let error: unknown;
    try {
      validateExprNode(json);
    } catch (e) {
      error = e;
    }
    expect(
      error === undefined ||
        (error instanceof VolleyError && error.code === 'INVALID_ARGUMENT' && error.message.startsWith('invalid expression at $')),
    ).toBe(true);
  });
});
