/** The expression builders: `col`, `lit`, `len`, `corr` and `concatStr`. */
import { InvalidArgumentError } from '../errors.js';
import type { DataType } from '../types/dtype.js';
import { Expr } from './expr.js';
import { litNode, type LiteralInput } from './literal.js';

/**
 * A reference to the column called `name`.
 *
 * @example
 * col('v1').sum();
 */
export function col(name: string): Expr {
  if (typeof name !== 'string') throw new InvalidArgumentError('col() name', name, `col() takes a column name, got ${typeof name}`);
  return new Expr({ kind: 'col', name });
}

/**
 * A constant. Without `dtype`, numbers are Int32 when they are int32-range integers and Float64
 * otherwise, bigint is Int64, booleans are Boolean, strings Utf8, `Date` a Timestamp, and null
 * is an untyped null that adopts the type it meets. With `dtype` the value is converted:
 * `lit(3, 'Float64')`, `lit('2020-01-02', 'Date')`, `lit(new Date(), 'Date')`, `lit(null, 'Int64')`.
 *
 * @example
 * col('v1').add(lit(1.5));
 * col('date').gte(lit('2020-01-01', 'Date'));
 */
export function lit(value: LiteralInput, dtype?: DataType): Expr {
  return new Expr(litNode(value, dtype));
}

/**
 * The number of rows (of each group in `agg`), nulls included; named "len" (Int32).
 *
 * @example
 * df.groupBy('id1').agg(len());
 */
export function len(): Expr {
  return new Expr({ kind: 'agg', fn: 'len', arg: null });
}

/**
 * Pearson correlation of two expressions (Float64), an aggregation. As in Polars, a string
 * names a column here.
 *
 * @example
 * df.groupBy('id2', 'id4').agg(corr(col('v1'), col('v2')).pow(2).alias('r2'));
 */
export function corr(a: Expr | string, b: Expr | string): Expr {
  const node = (x: Expr | string) => (typeof x === 'string' ? col(x).node : x instanceof Expr ? x.node : bad(x));
  return new Expr({ kind: 'agg', fn: 'corr', arg: node(a), arg2: node(b) });
}

/**
 * The texts of `exprs` joined by `separator` (default ''), row by row: Polars' `concat_str`. An
 * input that is not Utf8 is cast to Utf8 first (numbers, Booleans, dates as `cast("Utf8")`
 * prints them); a null in any input gives null. As in Polars, a string names a column. The
 * strings are made once per distinct combination of inputs in each morsel.
 *
 * @example
 * df.select(concatStr([col('city'), col('zip')], { separator: ', ' }).alias('place'));
 * df.select(concatStr(['first', lit(' '), 'last']).alias('name'));
 */
export function concatStr(exprs: readonly (Expr | string)[], options: { readonly separator?: string } = {}): Expr {
  if (!Array.isArray(exprs) || exprs.length === 0)
    throw new InvalidArgumentError('concatStr() exprs', exprs, 'concatStr() takes a non-empty array of expressions or column names');
  const separator: unknown = options?.separator ?? '';
  if (typeof separator !== 'string')
    throw new InvalidArgumentError('concatStr() separator', separator, `concatStr() separator must be a string, got ${typeof separator}`);
  const args = exprs.map((x) =>
    typeof x === 'string'
      ? col(x).node
      : x instanceof Expr
        ? x.node
        : (() => {
            throw new InvalidArgumentError(
              'concatStr() argument',
              x,
              `concatStr() takes expressions or column names, got ${x === null ? 'null' : typeof x}`,
            );
          })(),
  );
  return new Expr({ kind: 'concatStr', args, separator });
}

function bad(x: unknown): never {
  throw new InvalidArgumentError('corr() argument', x, `corr() takes expressions or column names, got ${x === null ? 'null' : typeof x}`);
}
