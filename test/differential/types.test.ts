/** The engine's plan-time type rules against the reference's: same accept/reject decision, same result type. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { col, corr, lit, when, type Expr } from '../../src/index.js';
import type { DataType } from '../../src/types/dtype.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';
import { refSchemaOf } from '../reference/evaluate.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import { MIXED_TYPES, toFrame } from './data.js';
import { SEED } from './property.js';
import { scanOf } from './run.js';

const frame = toFrame({ rows: [], chunkSize: 16 });
const TYPES = Object.keys(MIXED_TYPES);
const ALL_TYPES: DataType[] = ['Int32', 'Int64', 'Float64', 'Boolean', 'Utf8', 'Date', 'Timestamp'];

/** An operand: a column of some type, a typed literal, or an untyped null, with its code. */
const operand = fc.oneof(
  { arbitrary: fc.constantFrom(...TYPES).map((n) => ({ e: col(n), code: `col("${n}")` })), weight: 4 },
  {
    arbitrary: fc
      .constantFrom<[unknown, string, DataType | undefined]>(
        [1, '1', undefined],
        [2.5, '2.5', undefined],
        [3n, '3n', undefined],
        ['a', '"a"', undefined],
        [true, 'true', undefined],
        [0, '0, "Date"', 'Date'],
        [null, 'null', undefined],
        [null, 'null, "Float64"', 'Float64'],
      )
      .map(([v, code, t]) => ({ e: lit(v as never, t), code: `lit(${code})` })),
    weight: 1,
  },
);

type Built = { e: Expr; code: string; agg: boolean };

const BINARY = ['add', 'sub', 'mul', 'div', 'mod', 'eq', 'neq', 'lt', 'lte', 'gt', 'gte', 'and', 'or', 'fillNull'] as const;
const UNARY = ['not', 'neg', 'abs', 'floor', 'ceil', 'sqrt', 'log', 'exp', 'isNull', 'isNotNull', 'round'] as const;
const STR = ['length', 'toUpperCase', 'toLowerCase'] as const;
const DT = ['year', 'month', 'day', 'weekday'] as const;
const AGG = ['sum', 'mean', 'min', 'max', 'first', 'last', 'count', 'nUnique', 'var', 'std', 'median'] as const;

const call = (e: object, m: string, ...args: unknown[]): Expr => (e as Record<string, (...a: unknown[]) => Expr>)[m]!.apply(e, args);

/** One operator applied to random operands, possibly ill-typed on purpose. */
const built: fc.Arbitrary<Built> = fc.oneof(
  fc
    .tuple(operand, fc.constantFrom(...BINARY), operand)
    .map(([a, op, b]) => ({ e: call(a.e, op, b.e), code: `${a.code}.${op}(${b.code})`, agg: false })),
  fc.tuple(operand, fc.constantFrom(...UNARY)).map(([a, op]) => ({ e: call(a.e, op), code: `${a.code}.${op}()`, agg: false })),
  fc.tuple(operand, fc.constantFrom(...STR)).map(([a, op]) => ({ e: call(a.e.str, op), code: `${a.code}.str.${op}()`, agg: false })),
  fc.tuple(operand, fc.constantFrom(...DT)).map(([a, op]) => ({ e: call(a.e.dt, op), code: `${a.code}.dt.${op}()`, agg: false })),
  fc.tuple(operand, fc.constantFrom(...ALL_TYPES)).map(([a, t]) => ({ e: a.e.cast(t), code: `${a.code}.cast("${t}")`, agg: false })),
  fc
    .tuple(operand, operand, operand)
    .map(([a, b, c]) => ({ e: a.e.between(b.e, c.e), code: `${a.code}.between(${b.code}, ${c.code})`, agg: false })),
  fc.tuple(operand, operand, operand).map(([c, a, b]) => ({
    e: when(c.e).then(a.e).otherwise(b.e),
    code: `when(${c.code}).then(${a.code}).otherwise(${b.code})`,
    agg: false,
  })),
  fc.tuple(operand, fc.constantFrom(...AGG)).map(([a, fn]) => ({ e: call(a.e, fn), code: `${a.code}.${fn}()`, agg: true })),
  fc.tuple(operand, operand).map(([a, b]) => ({ e: corr(a.e, b.e), code: `corr(${a.code}, ${b.code})`, agg: true })),
);

/** The reference's verdict: the output type, or the reason it is rejected. */
function referenceType(b: Built): DataType | Error {
  const x = b.e.alias('x').node;
  const plan: LogicalPlan = b.agg
    ? { kind: 'aggregate', input: scanOf(frame), keys: [], aggs: [x] }
    : { kind: 'project', input: scanOf(frame), exprs: [col('i').node, x] };
  try {
    return refSchemaOf(plan).get('x')!;
  } catch (e) {
    return e as Error;
  }
}

function engineType(b: Built): DataType | Error {
  try {
    const lf = b.agg ? frame.lazy().agg(b.e.alias('x')) : frame.lazy().select(col('i'), b.e.alias('x'));
    return lf.schema.get('x').dtype;
  } catch (e) {
    return e as Error;
  }
}

describe('plan-time type rules', () => {
  it('accept and reject the same expressions as the reference, with the same result types', () => {
    fc.assert(
      fc.property(built, (b) => {
        const want = referenceType(b);
        // A result that is nothing but an untyped null has no type in the contract: not a case.
        fc.pre(!(want instanceof Error && /untyped null/.test(want.message)));
        const got = engineType(b);
        const show = (v: DataType | Error) => (v instanceof Error ? `rejected (${v.message})` : v);
        expect(typeof got === 'string' ? got : 'rejected', `${b.code}: engine ${show(got)}, reference ${show(want)}`).toBe(
          typeof want === 'string' ? want : 'rejected',
        );
      }),
      { numRuns: 1500, seed: SEED },
    );
  });

  it('rejects an unknown column at plan time, listing the known ones', () => {
    expect(() => frame.lazy().select(col('nope'))).toThrow(ColumnNotFoundError);
    expect(() => frame.lazy().filter(col('nope').gt(1))).toThrow(/"i", "k", "big", "f", "g", "b", "s", "d", "t"/);
  });

  it('rejects a sum of strings at plan time, naming the expression', () => {
    expect(() => frame.lazy().groupBy('k').agg(col('s').sum())).toThrow(/col\("s"\)\.sum\(\)/);
  });
});
