/** fast-check generators of well-formed expression nodes (not necessarily well-typed), for property tests. */
import fc from 'fast-check';
import type { AggFn, BinaryOp, ExprNode, UnaryOp } from '../../src/expr/index.js';
import { UNARY_OPS } from '../../src/expr/ast.js';
import type { DataType } from '../../src/types/dtype.js';

const binaryOps: BinaryOp[] = ['add', 'sub', 'mul', 'div', 'mod', 'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'and', 'or'];
const unaryOps: readonly UnaryOp[] = UNARY_OPS;
const simpleAggs: AggFn[] = ['sum', 'mean', 'min', 'max', 'count', 'nUnique', 'first', 'last', 'var', 'std', 'median'];
const dtypes: DataType[] = ['Int32', 'Int64', 'Float64', 'Boolean', 'Utf8', 'Date', 'Timestamp'];

/** A literal node with a value in its type's JSON-safe form. */
export const litArb: fc.Arbitrary<ExprNode> = fc.oneof(
  fc.integer().map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Int32' })),
  fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map((b): ExprNode => ({ kind: 'lit', value: b.toString(), dtype: 'Int64' })),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Float64' })),
  fc.constantFrom('NaN', 'Infinity', '-Infinity').map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Float64' })),
  fc.boolean().map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Boolean' })),
  fc.string().map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Utf8' })),
  fc.integer({ min: -100_000, max: 100_000 }).map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Date' })),
  fc.integer({ min: -8.64e12, max: 8.64e12 }).map((value): ExprNode => ({ kind: 'lit', value, dtype: 'Timestamp' })),
  fc.option(fc.constantFrom(...dtypes), { nil: null }).map((dtype): ExprNode => ({ kind: 'lit', value: null, dtype })),
);

/** Well-formed expression nodes (up to a modest depth) whose columns and aliases come from `names`. */
export function makeExprArb(nameArb: fc.Arbitrary<string>): fc.Arbitrary<ExprNode> {
  return fc.letrec<{ e: ExprNode }>((tie) => {
    const e = tie('e');
    return {
      e: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        nameArb.map((name): ExprNode => ({ kind: 'col', name })),
        litArb,
        // Untyped nulls again on their own, so enough of them reach well-typed trees.
        fc.constant<ExprNode>({ kind: 'lit', value: null, dtype: null }),
        fc.record({ op: fc.constantFrom(...binaryOps), left: e, right: e }).map((r): ExprNode => ({ kind: 'binary', ...r })),
        fc.record({ op: fc.constantFrom(...unaryOps), arg: e }).map((r): ExprNode => ({ kind: 'unary', ...r })),
        fc.record({ arg: e, digits: fc.nat(6) }).map((r): ExprNode => ({ kind: 'round', ...r })),
        fc.record({ base: e, exponent: e }).map((r): ExprNode => ({ kind: 'pow', ...r })),
        fc.record({ arg: e, fill: e }).map((r): ExprNode => ({ kind: 'fillNull', ...r })),
        fc
          .record({ arg: e, values: fc.array(fc.oneof(fc.integer(), fc.string(), fc.boolean()), { maxLength: 4 }) })
          .map((r): ExprNode => ({ kind: 'isIn', ...r })),
        fc.record({ arg: e, lower: e, upper: e }).map((r): ExprNode => ({ kind: 'between', ...r })),
        fc.record({ arg: e, to: fc.constantFrom(...dtypes) }).map((r): ExprNode => ({ kind: 'cast', ...r })),
        fc.record({ arg: e, to: fc.constantFrom(...dtypes), strict: fc.boolean() }).map((r): ExprNode => ({ kind: 'cast', ...r })),
        fc
          .record({ args: fc.array(e, { minLength: 1, maxLength: 3 }), separator: fc.string({ maxLength: 2 }) })
          .map((r): ExprNode => ({ kind: 'concatStr', ...r })),
        fc
          .record({ branches: fc.array(fc.record({ when: e, then: e }), { minLength: 1, maxLength: 3 }), otherwise: e })
          .map((r): ExprNode => ({ kind: 'when', ...r })),
        fc
          // random text is seldom a valid regular expression: contains reads it as plain text here
          .record({
            op: fc.constantFrom('contains', 'startsWith', 'endsWith' as const),
            arg: e,
            pattern: fc.string(),
            literal: fc.constant(true),
          })
          .map((r): ExprNode => ({ kind: 'strMatch', ...r })),
        fc
          .record({ arg: e, offset: fc.integer({ min: -5, max: 5 }), length: fc.option(fc.nat(5), { nil: null }) })
          .map((r): ExprNode => ({ kind: 'strSlice', ...r })),
        fc
          .record({ side: fc.constantFrom('both', 'start', 'end' as const), arg: e, chars: fc.string() })
          .map((r): ExprNode => ({ kind: 'strStrip', ...r })),
        fc
          .record({ arg: e, pg: fc.constantFrom<[string, number]>(['(a)', 1], ['b', 0], ['(\\d+)-(\\d+)', 2]) })
          .map(({ arg, pg: [pattern, group] }): ExprNode => ({ kind: 'strExtract', arg, pattern, group })),
        fc
          .record({
            arg: e,
            by: fc.string(),
            index: fc.integer({ min: -3, max: 3 }),
            maxParts: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
          })
          .map((r): ExprNode => ({ kind: 'strSplitPart', ...r })),
        fc
          .record({ op: fc.constantFrom('find', 'countMatches' as const), arg: e, pattern: fc.string(), literal: fc.constant(true) })
          .map((r): ExprNode => ({ kind: 'strFind', ...r })),
        fc.record({ arg: e, unit: fc.constantFrom('s', 'ms', 'd' as const) }).map((r): ExprNode => ({ kind: 'dtEpoch', ...r })),
        fc.record({ arg: e, every: fc.constantFrom('1d', '15m', '1w', '1mo', '0s') }).map((r): ExprNode => ({ kind: 'dtTruncate', ...r })),
        fc.record({ arg: e, by: fc.constantFrom('1d', '-2h', '1y3mo', '-1q') }).map((r): ExprNode => ({ kind: 'dtOffsetBy', ...r })),
        fc
          .record({
            arg: e,
            dtype: fc.constantFrom('Date', 'Timestamp' as const),
            format: fc.constantFrom(null, '%Y-%m-%d', '%d/%m/%Y %H:%M'),
            strict: fc.boolean(),
          })
          .map((r): ExprNode => ({ kind: 'strptime', ...r })),
        fc.record({ fn: fc.constantFrom(...simpleAggs), arg: e }).map((r): ExprNode => ({ kind: 'agg', ...r })),
        fc.constant<ExprNode>({ kind: 'agg', fn: 'len', arg: null }),
        fc.record({ arg: e, q: fc.double({ min: 0, max: 1, noNaN: true }) }).map((r): ExprNode => ({ kind: 'agg', fn: 'quantile', ...r })),
        fc.record({ arg: e, arg2: e }).map((r): ExprNode => ({ kind: 'agg', fn: 'corr', ...r })),
        fc.record({ arg: e, name: nameArb }).map((r): ExprNode => ({ kind: 'alias', ...r })),
      ),
    };
  }).e;
}

/** Any well-formed expression node. */
export const exprArb: fc.Arbitrary<ExprNode> = makeExprArb(fc.oneof(fc.constantFrom('a', 'b', 'v1', 'id1'), fc.string({ maxLength: 6 })));
