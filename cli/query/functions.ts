/** The functions `volley query` expressions may call, each mapped onto Volley's own expression builders. */
import { corr, len, type Expr } from '../../src/index.js';
import type { Operand } from './operand.js';

/** A problem with one argument of a call; the parser points the caret at that argument. */
export class ArgumentError extends Error {
  constructor(
    message: string,
    readonly index: number,
  ) {
    super(message);
    this.name = 'ArgumentError';
  }
}

/** One callable function. */
export interface FunctionSpec {
  /** Whether it aggregates (allowed only in `--agg`). */
  readonly aggregate: boolean;
  /** Its parameters as shown in messages, e.g. `x, digits`. */
  readonly params: string;
  /** Fewest and most arguments. */
  readonly arity: readonly [number, number];
  readonly build: (args: readonly Operand[]) => Expr;
}

const arg = (args: readonly Operand[], i: number): Operand => {
  const a = args[i];
  if (a === undefined) throw new ArgumentError(`argument ${i + 1} is missing`, i);
  return a;
};

function stringArg(args: readonly Operand[], i: number, what: string): string {
  const value = arg(args, i).literal?.value;
  if (typeof value !== 'string') throw new ArgumentError(`${what} must be a 'quoted string'`, i);
  return value;
}

function numberArg(args: readonly Operand[], i: number, what: string): number {
  const value = arg(args, i).literal?.value;
  if (typeof value !== 'number') throw new ArgumentError(`${what} must be a number`, i);
  return value;
}

const unary = (aggregate: boolean, f: (x: Expr) => Expr): FunctionSpec => ({
  aggregate,
  params: 'x',
  arity: [1, 1],
  build: (args) => f(arg(args, 0).expr),
});
const agg = (f: (x: Expr) => Expr): FunctionSpec => unary(true, f);
const scalar = (f: (x: Expr) => Expr): FunctionSpec => unary(false, f);
const match = (f: (x: Expr, text: string) => Expr): FunctionSpec => ({
  aggregate: false,
  params: "x, 'text'",
  arity: [2, 2],
  build: (args) => f(arg(args, 0).expr, stringArg(args, 1, 'the text to look for')),
});
const fillNull: FunctionSpec = {
  aggregate: false,
  params: 'x, value',
  arity: [2, 2],
  build: (args) => arg(args, 0).expr.fillNull(arg(args, 1).expr),
};

/**
 * Every function by lower-case name. Aggregates: `sum mean avg min max count len n_unique first
 * last var std median quantile corr`; `count()` counts rows, `count(x)` non-null values. Scalars:
 * `abs round floor ceil sqrt log exp pow upper lower length contains starts_with ends_with year
 * month day weekday fill_null coalesce`.
 *
 * @example
 * FUNCTIONS.get('mean')?.aggregate; // true
 * FUNCTIONS.get('round')?.params;   // 'x, digits'
 */
export const FUNCTIONS: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ['sum', agg((x) => x.sum())],
  ['mean', agg((x) => x.mean())],
  ['avg', agg((x) => x.mean())],
  ['min', agg((x) => x.min())],
  ['max', agg((x) => x.max())],
  ['count', { aggregate: true, params: '[x]', arity: [0, 1], build: (args) => (args.length === 0 ? len() : arg(args, 0).expr.count()) }],
  ['len', { aggregate: true, params: '', arity: [0, 0], build: () => len() }],
  ['n_unique', agg((x) => x.nUnique())],
  ['first', agg((x) => x.first())],
  ['last', agg((x) => x.last())],
  ['var', agg((x) => x.var())],
  ['std', agg((x) => x.std())],
  ['median', agg((x) => x.median())],
  [
    'quantile',
    {
      aggregate: true,
      params: 'x, q',
      arity: [2, 2],
      build: (args) => arg(args, 0).expr.quantile(numberArg(args, 1, 'q (between 0 and 1)')),
    },
  ],
  ['corr', { aggregate: true, params: 'x, y', arity: [2, 2], build: (args) => corr(arg(args, 0).expr, arg(args, 1).expr) }],
  ['abs', scalar((x) => x.abs())],
  [
    'round',
    {
      aggregate: false,
      params: 'x, digits',
      arity: [1, 2],
      build: (args) => arg(args, 0).expr.round(args.length > 1 ? numberArg(args, 1, 'digits') : 0),
    },
  ],
  ['floor', scalar((x) => x.floor())],
  ['ceil', scalar((x) => x.ceil())],
  ['sqrt', scalar((x) => x.sqrt())],
  ['log', scalar((x) => x.log())],
  ['exp', scalar((x) => x.exp())],
  ['pow', { aggregate: false, params: 'x, y', arity: [2, 2], build: (args) => arg(args, 0).expr.pow(arg(args, 1).expr) }],
  ['upper', scalar((x) => x.str.toUpperCase())],
  ['lower', scalar((x) => x.str.toLowerCase())],
  ['length', scalar((x) => x.str.length())],
  ['contains', match((x, text) => x.str.contains(text, { literal: true }))],
  ['starts_with', match((x, text) => x.str.startsWith(text))],
  ['ends_with', match((x, text) => x.str.endsWith(text))],
  ['year', scalar((x) => x.dt.year())],
  ['month', scalar((x) => x.dt.month())],
  ['day', scalar((x) => x.dt.day())],
  ['weekday', scalar((x) => x.dt.weekday())],
  ['fill_null', fillNull],
  ['coalesce', fillNull],
]);
