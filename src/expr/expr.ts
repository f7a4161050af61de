/** `Expr`: the fluent, immutable expression API users write (`col('v1').gt(2).and(...)`). */
import { InvalidArgumentError } from '../errors.js';
import { inspect } from 'node:util';
import { isDataType, type DataType } from '../types/dtype.js';
import type { AggFn, BinaryOp, ExprNode, UnaryOp } from './ast.js';
import { exprToString } from './display.js';
import { isInValue, litNode, type LiteralInput } from './literal.js';
import { outputName } from './names.js';
import { DtNamespace, StrNamespace } from './namespaces.js';
import { validateExprNode } from './validate.js';

/** What an operand may be: an expression, or a JS value that becomes a literal (see `lit`). */
export type ExprInput = Expr | LiteralInput;

/**
 * The node for an operand: an Expr's own node, or a literal for any other value (so a string is
 * the string value, never a column name; write `col('name')` for a column).
 *
 * @example
 * toNode(2);          // { kind: 'lit', value: 2, dtype: 'Int32' }
 * toNode(col('a'));   // { kind: 'col', name: 'a' }
 */
export function toNode(x: ExprInput): ExprNode {
  return x instanceof Expr ? x.node : litNode(x);
}

/**
 * An immutable expression. Every method returns a new Expr whose `node` is plain data, so
 * expressions can be printed, compared, optimized and sent to workers.
 *
 * @example
 * col('v1').gt(2).and(col('id4').isIn([1, 2, 3]));
 * col('v3').mul(2).alias('v3x2');
 * col('v3').std().alias('sd_v3');
 */
export class Expr {
  constructor(readonly node: ExprNode) {}

  /**
   * An Expr from JSON data (such as `JSON.parse(JSON.stringify(expr))`), checked field by field.
   *
   * @example
   * Expr.fromJSON(JSON.parse(JSON.stringify(col('a').add(1)))); // (col("a") + 1)
   */
  static fromJSON(json: unknown): Expr {
    return new Expr(validateExprNode(json));
  }

  /** The plain AST node; `JSON.stringify(expr)` serializes it. */
  toJSON(): ExprNode {
    return this.node;
  }

  /** Display form, e.g. `col("v1").sum().alias("x")`. */
  toString(): string {
    return exprToString(this.node);
  }

  [inspect.custom](): string {
    return `Expr ${this.toString()}`;
  }

  #binary(op: BinaryOp, other: ExprInput): Expr {
    return new Expr({ kind: 'binary', op, left: this.node, right: toNode(other) });
  }

  #unary(op: UnaryOp): Expr {
    return new Expr({ kind: 'unary', op, arg: this.node });
  }

  #agg(fn: AggFn): Expr {
    return new Expr({ kind: 'agg', fn, arg: this.node });
  }

  /** `this + other`; numeric supertype (Int32 wraps on overflow). */
  add(other: ExprInput): Expr {
    return this.#binary('add', other);
  }

  /** `this - other`. */
  sub(other: ExprInput): Expr {
    return this.#binary('sub', other);
  }

  /** `this * other`. */
  mul(other: ExprInput): Expr {
    return this.#binary('mul', other);
  }

  /** True division: always Float64, even for two ints. */
  div(other: ExprInput): Expr {
    return this.#binary('div', other);
  }

  /** Remainder; an integer remainder by 0 is null. */
  mod(other: ExprInput): Expr {
    return this.#binary('mod', other);
  }

  /** `this == other` (null when either side is null). */
  eq(other: ExprInput): Expr {
    return this.#binary('eq', other);
  }

  /** `this != other`. */
  neq(other: ExprInput): Expr {
    return this.#binary('neq', other);
  }

  /** `this < other`. */
  lt(other: ExprInput): Expr {
    return this.#binary('lt', other);
  }

  /** `this <= other`. */
  lte(other: ExprInput): Expr {
    return this.#binary('lte', other);
  }

  /** `this > other`. */
  gt(other: ExprInput): Expr {
    return this.#binary('gt', other);
  }

  /** `this >= other`. */
  gte(other: ExprInput): Expr {
    return this.#binary('gte', other);
  }

  /** Logical AND with SQL null logic: `false & null` is false, `true & null` is null. */
  and(other: ExprInput): Expr {
    return this.#binary('and', other);
  }

  /** Logical OR with SQL null logic: `true | null` is true, `false | null` is null. */
  or(other: ExprInput): Expr {
    return this.#binary('or', other);
  }

  /** Logical NOT (null stays null). */
  not(): Expr {
    return this.#unary('not');
  }

  /** Arithmetic negation. */
  neg(): Expr {
    return this.#unary('neg');
  }

  /** True where the value is null. */
  isNull(): Expr {
    return this.#unary('isNull');
  }

  /** True where the value is not null. */
  isNotNull(): Expr {
    return this.#unary('isNotNull');
  }

  /**
   * Replaces nulls with `value`; the result has the supertype of both.
   *
   * @example
   * col('v1').fillNull(0);
   */
  fillNull(value: ExprInput): Expr {
    return new Expr({ kind: 'fillNull', arg: this.node, fill: toNode(value) });
  }

  /**
   * True where the value equals one of `values` (null where the value is null). Values are JS
   * literals matched against the column's type at plan time; Dates may be given as `Date`s.
   *
   * @example
   * col('id4').isIn([1, 2, 3]);
   * col('id1').isIn(['id001', 'id002']);
   */
  isIn(values: readonly NonNullable<LiteralInput>[]): Expr {
    if (!Array.isArray(values))
      throw new InvalidArgumentError(
        'isIn() values',
        values,
        `isIn() takes an array of values, got ${values === null ? 'null' : typeof values}`,
      );
    return new Expr({ kind: 'isIn', arg: this.node, values: (values as readonly LiteralInput[]).map(isInValue) });
  }

  /**
   * `lower <= this <= upper`, both ends inclusive.
   *
   * @example
   * col('v3').between(10, 20);
   */
  between(lower: ExprInput, upper: ExprInput): Expr {
    return new Expr({ kind: 'between', arg: this.node, lower: toNode(lower), upper: toNode(upper) });
  }

  /**
   * Converts to `dtype`: between numbers and Boolean, Date/Timestamp to and from integers (days,
   * ms) and each other, text parsed to any type, and any type to text as Polars prints it (the
   * README's cast table).
   * Strict by default, as Polars: a value that does not convert (text that does not parse, a
   * number out of the target's range) fails the query with a `CastError` naming the value and
   * its row; `{ strict: false }` gives null for it instead.
   *
   * @example
   * col('v1').cast('Float64');
   * col('amount').cast('Int32', { strict: false }); // "12" → 12, "n/a" → null
   */
  cast(dtype: DataType, options: { readonly strict?: boolean } = {}): Expr {
    if (!isDataType(dtype)) throw new InvalidArgumentError('cast() dtype', dtype, `cast() needs a data type, got ${JSON.stringify(dtype)}`);
    const strict: unknown = options?.strict;
    if (strict !== undefined && typeof strict !== 'boolean')
      throw new InvalidArgumentError('cast() strict', strict, `cast() strict must be true or false, got ${JSON.stringify(strict)}`);
    return new Expr(
      strict === undefined ? { kind: 'cast', arg: this.node, to: dtype } : { kind: 'cast', arg: this.node, to: dtype, strict },
    );
  }

  /** Absolute value (same type). */
  abs(): Expr {
    return this.#unary('abs');
  }

  /**
   * Rounds half away from zero to `digits` decimals (same type; ints are unchanged).
   *
   * @example
   * col('v3').round(2);
   */
  round(digits = 0): Expr {
    if (!Number.isInteger(digits) || digits < 0)
      throw new InvalidArgumentError('round() digits', digits, `round() digits must be a whole number >= 0, got ${String(digits)}`);
    return new Expr({ kind: 'round', arg: this.node, digits });
  }

  /** Rounds down (same type). */
  floor(): Expr {
    return this.#unary('floor');
  }

  /** Rounds up (same type). */
  ceil(): Expr {
    return this.#unary('ceil');
  }

  /** Square root (Float64). */
  sqrt(): Expr {
    return this.#unary('sqrt');
  }

  /** Natural logarithm (Float64). */
  log(): Expr {
    return this.#unary('log');
  }

  /** e to the power of this (Float64). */
  exp(): Expr {
    return this.#unary('exp');
  }

  /**
   * `this ** exponent` (Float64).
   *
   * @example
   * col('v1').pow(2);
   */
  pow(exponent: ExprInput): Expr {
    return new Expr({ kind: 'pow', base: this.node, exponent: toNode(exponent) });
  }

  /**
   * Names the output column.
   *
   * @example
   * col('v1').sum().alias('total');
   */
  alias(name: string): Expr {
    if (typeof name !== 'string') throw new InvalidArgumentError('alias() name', name, `alias() takes a string name, got ${typeof name}`);
    return new Expr({ kind: 'alias', arg: this.node, name });
  }

  /** Sum (Int64 for ints and booleans, Float64 for floats); nulls skipped. */
  sum(): Expr {
    return this.#agg('sum');
  }

  /** Mean (Float64); nulls skipped. */
  mean(): Expr {
    return this.#agg('mean');
  }

  /** Smallest value (any type; Utf8 lexicographic). */
  min(): Expr {
    return this.#agg('min');
  }

  /** Largest value (any type; Utf8 lexicographic). */
  max(): Expr {
    return this.#agg('max');
  }

  /** Number of non-null values (Int32). */
  count(): Expr {
    return this.#agg('count');
  }

  /**
   * Number of rows, nulls included (Int32). The same as `len()` named after this expression:
   * `col('x').len()` is `len().alias('x')`.
   *
   * @example
   * col('id1').len(); // a column "id1" holding each group's row count
   */
  len(): Expr {
    return new Expr({ kind: 'alias', arg: { kind: 'agg', fn: 'len', arg: null }, name: outputName(this.node) });
  }

  /** Number of distinct values (Int32). */
  nUnique(): Expr {
    return this.#agg('nUnique');
  }

  /** First value in row order (nulls included). */
  first(): Expr {
    return this.#agg('first');
  }

  /** Last value in row order (nulls included). */
  last(): Expr {
    return this.#agg('last');
  }

  /** Sample variance, ddof = 1 (Float64). */
  var(): Expr {
    return this.#agg('var');
  }

  /** Sample standard deviation, ddof = 1 (Float64). */
  std(): Expr {
    return this.#agg('std');
  }

  /** Median (Float64). */
  median(): Expr {
    return this.#agg('median');
  }

  /**
   * The `q` quantile with linear interpolation (Float64); `q` in [0, 1].
   *
   * @example
   * col('v3').quantile(0.9);
   */
  quantile(q: number): Expr {
    if (typeof q !== 'number' || !(q >= 0 && q <= 1))
      throw new InvalidArgumentError('quantile() q', q, `quantile() needs q between 0 and 1, got ${String(q)}`);
    return new Expr({ kind: 'agg', fn: 'quantile', arg: this.node, q });
  }

  /**
   * String functions.
   *
   * @example
   * col('id1').str.contains('01');
   */
  get str(): StrNamespace<Expr> {
    return new StrNamespace(this.node, (n) => new Expr(n));
  }

  /**
   * Date parts.
   *
   * @example
   * col('date').dt.year();
   */
  get dt(): DtNamespace<Expr> {
    return new DtNamespace(this.node, (n) => new Expr(n));
  }
}
