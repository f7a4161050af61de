/** Plan-time type inference and checking of expressions against a schema. */
import { isNumeric, type DataType } from '../types/dtype.js';
import { ColumnNotFoundError, type Schema } from '../types/schema.js';
import type { AggFn, ArithOp, ExprNode } from './ast.js';
import { canCast, isTemporal, supertype, temporalDifference, type MaybeType } from './coercion.js';
import { exprToString, strFunctionName } from './display.js';
import { ExprTypeError } from './errors.js';
import { parseDuration } from './duration.js';
import { compiledFormat, formatsTime } from './temporal-format.js';
import { impliedIsInType, isInValueFor, temporalLiteral } from './literal.js';

export { outputName, columnsUsed, containsAgg } from './names.js';
export { checkAggContext, checkNoAgg } from './context.js';

const ARITH_SYMBOL: Record<ArithOp, string> = { add: '+', sub: '-', mul: '*', div: '/', mod: '%' };

/** Aggregations whose input must be numeric or Boolean and whose result is Float64. */
const FLOAT_AGGS: ReadonlySet<AggFn> = new Set(['mean', 'var', 'std', 'median', 'quantile', 'corr']);

/**
 * The type of a numeric operation on untyped nulls only (`lit(null).abs()`): the result must be
 * numeric, and Int32, the narrowest numeric type, widens to whatever numeric type it meets, so it
 * never changes a result type the way a concrete guess could.
 */
const NUMERIC_NULL: DataType = 'Int32';

const isNumLike = (t: DataType) => isNumeric(t) || t === 'Boolean';

/** How a sub-expression is named in messages: `column "x"` for a column, else its display form. */
function subject(node: ExprNode): string {
  return node.kind === 'col' ? `column "${node.name}"` : exprToString(node);
}

/** One type-checking pass over one root expression; the root is kept for error messages. */
class Checker {
  private rootText: string | undefined;

  constructor(
    private readonly schema: Schema,
    private readonly root: ExprNode,
    /** The verb the expression is used in, named in an unknown-column message. */
    private readonly verb: string | null = null,
  ) {}

  private get shown(): string {
    return (this.rootText ??= exprToString(this.root));
  }

  fail(message: string, hint?: string): never {
    throw new ExprTypeError(`${message} in ${this.shown}${hint ? `; ${hint}` : ''}`, this.shown);
  }

  /** Fails unless the (non-null) type of `node` satisfies `ok`. */
  private expect(node: ExprNode, t: MaybeType, ok: (t: DataType) => boolean, action: string, needs: string): void {
    if (t !== null && !ok(t)) this.fail(`cannot ${action} ${subject(node)} of type ${t}`, needs);
  }

  infer(node: ExprNode, inAgg: boolean): MaybeType {
    switch (node.kind) {
      case 'col':
        if (!this.schema.has(node.name))
          throw new ColumnNotFoundError(node.name, this.schema.names, this.verb === null ? this.shown : `${this.verb}: ${this.shown}`);
        return this.schema.get(node.name).dtype;
      case 'lit':
        return node.dtype;
      case 'alias':
        return this.infer(node.arg, inAgg);
      case 'binary':
        return this.binary(node, inAgg);
      case 'unary':
        return this.unary(node, inAgg);
      case 'round': {
        if (!Number.isInteger(node.digits) || node.digits < 0) this.fail(`round() needs a whole number of digits >= 0, got ${node.digits}`);
        const t = this.infer(node.arg, inAgg);
        this.expect(node.arg, t, isNumeric, 'apply round() to', 'round() needs a numeric input');
        return t ?? NUMERIC_NULL;
      }
      case 'pow': {
        for (const side of [node.base, node.exponent]) {
          const t = this.infer(side, inAgg);
          this.expect(side, t, isNumeric, 'apply pow() to', 'pow() needs numeric inputs');
        }
        return 'Float64';
      }
      case 'fillNull': {
        const a = this.infer(node.arg, inAgg);
        const f = this.infer(node.fill, inAgg);
        const t = supertype(a, f);
        if (t === undefined) this.fail(`cannot fill nulls of ${subject(node.arg)} of type ${a} with ${subject(node.fill)} of type ${f}`);
        return t;
      }
      case 'isIn': {
        const t = this.infer(node.arg, inAgg);
        if (t === null && impliedIsInType(node.values) === undefined)
          this.fail(`isIn values ${JSON.stringify(node.values)} mix types`, 'give them one type');
        if (t !== null) {
          for (const v of node.values) {
            if (isInValueFor(v, t) === undefined)
              this.fail(`isIn value ${JSON.stringify(v)} does not match ${subject(node.arg)} of type ${t}`);
          }
        }
        return 'Boolean';
      }
      case 'between': {
        // Compared pairwise with the argument; with an untyped null argument the bounds still
        // meet each other (through the type the null adopts).
        let seen = node.arg;
        let acc = this.infer(node.arg, inAgg);
        for (const bound of [node.lower, node.upper]) {
          const b = this.comparedAs(bound, this.infer(bound, inAgg), acc);
          const next = supertype(acc, b);
          if (next === undefined)
            this.fail(
              `cannot compare ${subject(seen)} of type ${acc} with ${subject(bound)} of type ${b}`,
              'between() needs comparable bounds',
            );
          if (acc === null) seen = bound;
          acc = next;
        }
        return 'Boolean';
      }
      case 'cast': {
        const t = this.infer(node.arg, inAgg);
        if (t !== null && !canCast(t, node.to)) this.fail(`cannot cast ${subject(node.arg)} of type ${t} to ${node.to}`);
        return node.to;
      }
      case 'when': {
        let result: MaybeType = null;
        let seen: ExprNode | undefined;
        for (const b of node.branches) {
          const c = this.infer(b.when, inAgg);
          this.expect(b.when, c, (x) => x === 'Boolean', 'use', 'when() conditions must be Boolean');
          ({ result, seen } = this.branch(b.then, result, seen, inAgg));
        }
        return this.branch(node.otherwise, result, seen, inAgg).result;
      }
      case 'strMatch':
      case 'strSlice':
      case 'strPad':
      case 'strReplace':
      case 'strStrip':
      case 'strExtract':
      case 'strSplitPart':
      case 'strFind': {
        const t = this.infer(node.arg, inAgg);
        const fn = `${strFunctionName(node)}()`;
        this.expect(node.arg, t, (x) => x === 'Utf8', `apply ${fn} to`, `${fn} needs a Utf8 input`);
        return node.kind === 'strMatch' ? 'Boolean' : node.kind === 'strFind' ? 'Int32' : 'Utf8';
      }
      case 'dtStrftime': {
        const t = this.infer(node.arg, inAgg);
        this.expect(node.arg, t, isTemporal, 'apply dt.strftime() to', 'dt.strftime() needs a Date or Timestamp input');
        if (t === 'Date' && formatsTime(compiledFormat(node.format, 'dt.strftime()')))
          this.fail(
            `cannot format ${subject(node.arg)} of type Date with ${JSON.stringify(node.format)}`,
            'a Date has no time of day (as Polars, its format may not write hours, minutes, seconds, fractions, AM/PM or an offset); cast it to Timestamp first',
          );
        return 'Utf8';
      }
      case 'dtEpoch':
      case 'dtTruncate':
      case 'dtOffsetBy': {
        const t = this.infer(node.arg, inAgg);
        const fn = node.kind === 'dtEpoch' ? 'dt.epoch()' : node.kind === 'dtTruncate' ? 'dt.truncate()' : 'dt.offsetBy()';
        this.expect(node.arg, t, isTemporal, `apply ${fn} to`, `${fn} needs a Date or Timestamp input`);
        if (node.kind === 'dtEpoch') return node.unit === 'd' ? 'Int32' : 'Int64';
        if (node.kind === 'dtOffsetBy' && t === 'Date' && parseDuration(node.by, fn).ms !== 0)
          this.fail(
            `cannot offset ${subject(node.arg)} of type Date by ${JSON.stringify(node.by)}`,
            'a Date moves by whole days, weeks, months, quarters or years; cast it to Timestamp for hours and less',
          );
        return t ?? 'Timestamp';
      }
      case 'strptime': {
        const t = this.infer(node.arg, inAgg);
        const fn = 'str.strptime()';
        this.expect(node.arg, t, (x) => x === 'Utf8', `apply ${fn} to`, `${fn} needs a Utf8 input`);
        return node.dtype;
      }
      case 'concatStr':
        // every type casts to Utf8, so any input goes
        for (const a of node.args) this.infer(a, inAgg);
        return 'Utf8';
      case 'agg':
        return this.agg(node, inAgg);
    }
  }

  /** Folds one when/then value into the branches' common type. */
  private branch(value: ExprNode, result: MaybeType, seen: ExprNode | undefined, inAgg: boolean) {
    const t = this.infer(value, inAgg);
    const next = supertype(result, t);
    if (next === undefined)
      this.fail(`when/then/otherwise branches have incompatible types ${result} (${subject(seen!)}) and ${t} (${subject(value)})`);
    return { result: next, seen: t === null ? seen : (seen ?? value) };
  }

  /**
   * The type `side` compares as next to a value of type `other`: a Utf8 literal next to a Date or
   * Timestamp is read as ISO 8601 (see temporalLiteral), and text that is not ISO is a type error.
   */
  private comparedAs(side: ExprNode, t: MaybeType, other: MaybeType): MaybeType {
    const lit = temporalLiteral(side, other);
    if (lit === undefined) return t;
    if (lit === null)
      this.fail(
        `cannot read ${subject(side)} as a ${other}`,
        'a date compares with ISO 8601 text such as "2024-01-31" or "2024-01-31T12:00:00Z", a JS Date, or a Date/Timestamp literal',
      );
    return lit.dtype;
  }

  private binary(node: Extract<ExprNode, { kind: 'binary' }>, inAgg: boolean): MaybeType {
    const l0 = this.infer(node.left, inAgg);
    const r0 = this.infer(node.right, inAgg);
    const isCompare = ['eq', 'neq', 'lt', 'lte', 'gt', 'gte'].includes(node.op);
    const l = isCompare ? this.comparedAs(node.left, l0, r0) : l0;
    const r = isCompare ? this.comparedAs(node.right, r0, l0) : r0;
    switch (node.op) {
      case 'and':
      case 'or': {
        const sym = node.op === 'and' ? '&' : '|';
        this.expect(node.left, l, (t) => t === 'Boolean', `apply "${sym}" to`, `"${sym}" needs Boolean operands`);
        this.expect(node.right, r, (t) => t === 'Boolean', `apply "${sym}" to`, `"${sym}" needs Boolean operands`);
        return 'Boolean';
      }
      case 'eq':
      case 'neq':
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        if (supertype(l, r) === undefined)
          this.fail(
            `cannot compare ${subject(node.left)} of type ${l} with ${subject(node.right)} of type ${r}`,
            'comparisons need two numeric sides, two dates (Date or Timestamp), or two sides of the same type',
          );
        return 'Boolean';
      default: {
        const sym = ARITH_SYMBOL[node.op];
        if (node.op === 'add' && (l === 'Utf8' || r === 'Utf8')) {
          if ((l === 'Utf8' || l === null) && (r === 'Utf8' || r === null)) return 'Utf8';
          this.fail(
            `cannot apply "+" to ${subject(node.left)} of type ${l} and ${subject(node.right)} of type ${r}`,
            '"+" adds two numbers or joins two Utf8 values; cast the other side with .cast("Utf8") or use concatStr([...])',
          );
        }
        if (isTemporal(l) || isTemporal(r)) {
          const diff = node.op === 'sub' ? temporalDifference(l, r) : undefined;
          if (diff === undefined)
            this.fail(
              `cannot apply "${sym}" to ${subject(node.left)} of type ${l} and ${subject(node.right)} of type ${r}`,
              'dates subtract from dates (Date - Date is Int32 days, with a Timestamp Int64 ms); add a duration with dt.offsetBy()',
            );
          return diff;
        }
        const needs = `arithmetic needs numeric operands (Int32, Int64, Float64)`;
        this.expect(node.left, l, isNumeric, `apply "${sym}" to`, needs);
        this.expect(node.right, r, isNumeric, `apply "${sym}" to`, needs);
        if (node.op === 'div') return 'Float64';
        return supertype(l, r) ?? NUMERIC_NULL;
      }
    }
  }

  private unary(node: Extract<ExprNode, { kind: 'unary' }>, inAgg: boolean): MaybeType {
    const t = this.infer(node.arg, inAgg);
    const fn = `${node.op}()`;
    switch (node.op) {
      case 'isNull':
      case 'isNotNull':
        return 'Boolean';
      case 'not':
        this.expect(node.arg, t, (x) => x === 'Boolean', `apply ${fn} to`, `${fn} needs a Boolean input`);
        return 'Boolean';
      case 'neg':
      case 'abs':
      case 'floor':
      case 'ceil':
        this.expect(node.arg, t, isNumeric, `apply ${fn} to`, `${fn} needs a numeric input`);
        return t ?? NUMERIC_NULL;
      case 'sqrt':
      case 'log':
      case 'exp':
        this.expect(node.arg, t, isNumeric, `apply ${fn} to`, `${fn} needs a numeric input`);
        return 'Float64';
      case 'str.toUpperCase':
      case 'str.toTitleCase':
      case 'str.strip':
      case 'str.stripStart':
      case 'str.stripEnd':
      case 'str.reverse':
      case 'str.toLowerCase':
      case 'str.length':
      case 'str.lenBytes':
        this.expect(node.arg, t, (x) => x === 'Utf8', `apply ${fn} to`, `${fn} needs a Utf8 input`);
        return node.op === 'str.length' || node.op === 'str.lenBytes' ? 'Int32' : 'Utf8';
      case 'dt.year':
      case 'dt.month':
      case 'dt.day':
      case 'dt.weekday':
      case 'dt.hour':
      case 'dt.minute':
      case 'dt.second':
      case 'dt.millisecond':
      case 'dt.ordinalDay':
      case 'dt.quarter':
      case 'dt.week':
        this.expect(node.arg, t, (x) => x === 'Date' || x === 'Timestamp', `apply ${fn} to`, `${fn} needs a Date or Timestamp input`);
        return 'Int32';
    }
  }

  private agg(node: Extract<ExprNode, { kind: 'agg' }>, inAgg: boolean): MaybeType {
    if (inAgg) this.fail(`nested aggregation ${exprToString(node)}`, 'an aggregation cannot contain another aggregation');
    const fn = node.fn;
    if (node.arg === null) {
      if (fn !== 'len') this.fail(`${fn}() needs an input expression`);
      return 'Int32';
    }
    const t = this.infer(node.arg, true);
    const action = fn === 'sum' ? 'sum' : `compute ${fn}() of`;
    if (fn === 'corr') {
      if (node.arg2 === undefined) this.fail('corr() needs two input expressions');
      const t2 = this.infer(node.arg2, true);
      this.needTyped(node.arg, t, action);
      this.needTyped(node.arg2, t2, action);
      this.expect(node.arg2, t2, isNumLike, action, 'corr() needs numeric or Boolean inputs');
    }
    if (fn === 'quantile' && (typeof node.q !== 'number' || !(node.q >= 0 && node.q <= 1)))
      this.fail(`quantile() needs q between 0 and 1, got ${node.q}`);
    switch (fn) {
      case 'len':
      case 'count':
      case 'nUnique':
        return 'Int32';
      case 'first':
      case 'last':
      case 'min':
      case 'max':
        // Every type has an order (Utf8 lexicographic, false < true), so min/max take any input.
        return t;
      case 'sum':
        this.needTyped(node.arg, t, action);
        this.expect(node.arg, t, isNumLike, action, 'sum() needs a numeric or Boolean input');
        return t === 'Float64' ? 'Float64' : 'Int64';
      default:
        if (!FLOAT_AGGS.has(fn)) this.fail(`unknown aggregation ${fn}()`);
        this.needTyped(node.arg, t, action);
        this.expect(node.arg, t, isNumLike, action, `${fn}() needs a numeric or Boolean input`);
        return 'Float64';
    }
  }

  /** Numeric aggregations cannot pick a type for an untyped null on their own. */
  private needTyped(_node: ExprNode, t: MaybeType, action: string): asserts t is DataType {
    if (t === null) this.fail(`cannot ${action} an untyped null`, 'give it a type, e.g. lit(null, "Float64")');
  }
}

/**
 * The type of an expression, where `null` means an untyped `lit(null)` that nothing gave a type
 * (`lit(null).add(lit(null))`). Throws like {@link typeOf} otherwise.
 *
 * @example
 * typeOfNullable(lit(null).node, schema);        // null
 * typeOfNullable(col('a').add(null).node, schema); // the type of "a"
 */
export function typeOfNullable(node: ExprNode, schema: Schema): MaybeType {
  return new Checker(schema, node).infer(node, false);
}

/**
 * The data type an expression produces over rows of `schema`, checking every rule on the way.
 * Throws {@link ColumnNotFoundError} (listing the known columns) for an unknown column and
 * {@link ExprTypeError} (naming the expression) for a type mismatch, a nested aggregation or a
 * result that is always an untyped null. `verb`, when given, is named in an unknown-column
 * message, so users see where the name came from.
 *
 * @example
 * const s = new Schema([{ name: 'id1', dtype: 'Utf8' }, { name: 'v1', dtype: 'Int32' }]);
 * typeOf(col('v1').sum().node, s);  // 'Int64'
 * typeOf(col('v1').div(2).node, s); // 'Float64'
 * typeOf(col('id1').sum().node, s); // throws: cannot sum column "id1" of type Utf8 in col("id1").sum(); ...
 */
export function typeOf(node: ExprNode, schema: Schema, verb: string | null = null): DataType {
  const checker: Checker = new Checker(schema, node, verb);
  const t = checker.infer(node, false);
  if (t === null)
    checker.fail('cannot infer a type: the result is always an untyped null', 'give the null a type, e.g. lit(null, "Float64")');
  return t;
}
