/**
 * The physical expression IR that kernels evaluate. The planner lowers the user-facing expression
 * AST into it: names resolved to input indexes, types fixed, casts made explicit, and string
 * functions turned into lookup tables over dictionary codes. Plain data, so it crosses to workers.
 */
import type { VecKind } from './vec.js';

export type ArithFn = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export type CmpFn = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte';
export type MathFn = 'neg' | 'abs' | 'floor' | 'ceil' | 'sqrt' | 'log' | 'exp';
export type DatePart =
  | 'year'
  | 'month'
  | 'day'
  | 'weekday'
  | 'hour'
  | 'minute'
  | 'second'
  | 'millisecond'
  | 'ordinalDay'
  | 'quarter'
  | 'week';

/** A lookup's table: one value per dictionary code (i64 values for Int64 and Timestamp results). */
export type LookupTable = Int32Array | Float64Array | Uint8Array | BigInt64Array;

/** What a strict lookup names when a row meets an entry that failed: the entries' text, the target type, the expression. */
export interface StrictLookup {
  readonly what: string;
  readonly to: string;
  readonly texts: Readonly<Record<number, string>>;
}

/**
 * A physical expression. Operands of `arith` and `cmp` already have the same kind (the planner
 * inserts casts). `div` of two ints is lowered to f64 operands (true division, as Polars' `/`).
 */
export type PhysExpr =
  | { readonly op: 'input'; readonly index: number; readonly kind: VecKind }
  /** A constant broadcast to the batch length. i64 values are decimal strings; null is a typed null. */
  | { readonly op: 'const'; readonly kind: VecKind; readonly value: number | string | boolean | null }
  | { readonly op: 'arith'; readonly fn: ArithFn; readonly kind: VecKind; readonly left: PhysExpr; readonly right: PhysExpr }
  | { readonly op: 'cmp'; readonly fn: CmpFn; readonly left: PhysExpr; readonly right: PhysExpr }
  /** SQL three-valued logic: false AND null = false, true OR null = true. */
  | { readonly op: 'and' | 'or'; readonly left: PhysExpr; readonly right: PhysExpr }
  | { readonly op: 'not'; readonly arg: PhysExpr }
  | { readonly op: 'isNull' | 'isNotNull'; readonly arg: PhysExpr }
  | { readonly op: 'math'; readonly fn: MathFn; readonly kind: VecKind; readonly arg: PhysExpr }
  /** Round half away from zero to `digits` decimals (f64 in, f64 out; ints pass through unchanged). */
  | { readonly op: 'round'; readonly digits: number; readonly kind: VecKind; readonly arg: PhysExpr }
  | { readonly op: 'pow'; readonly base: PhysExpr; readonly exponent: PhysExpr }
  /**
   * Kind conversion. f64 → i32/i64 truncates toward zero and gives null when out of range or NaN;
   * i64 → i32 gives null when out of range; bool → numbers gives 0/1; numbers → bool is `!= 0`.
   * With `strict`, a non-null value out of range raises a KernelCastError naming the value,
   * `strict.to` and `strict.what` instead of giving null.
   */
  | { readonly op: 'cast'; readonly to: VecKind; readonly arg: PhysExpr; readonly strict?: { readonly what: string; readonly to: string } }
  | { readonly op: 'fillNull'; readonly arg: PhysExpr; readonly fill: PhysExpr }
  /** Membership in a set of constants of the argument's kind (i64 as decimal strings). Null in → null out. */
  | { readonly op: 'isIn'; readonly arg: PhysExpr; readonly values: readonly (number | string | boolean)[] }
  /**
   * Maps an i32 code (a Utf8 dictionary code) through a table: `values[code]`, null where
   * `valid[code] === 0`. How string functions run: the planner applies them to each dictionary
   * entry once; workers only look up codes.
   */
  | {
      readonly op: 'lookup';
      readonly kind: VecKind;
      readonly arg: PhysExpr;
      readonly values: LookupTable;
      readonly valid: Uint8Array | null;
      /**
       * A strict cast from text: a row whose entry is null (`valid[code] === 0`) while the row
       * itself is not null raises a KernelCastError naming `texts[code]`, `to` and `what`.
       */
      readonly strict?: StrictLookup;
    }
  /** First branch whose condition is true (null counts as false) wins; all branches have `kind`. */
  | {
      readonly op: 'when';
      readonly kind: VecKind;
      readonly branches: readonly { readonly when: PhysExpr; readonly then: PhysExpr }[];
      readonly otherwise: PhysExpr;
    }
  /** Date parts of an i32 Date (days) or i64 Timestamp (ms); weekday is ISO (Monday = 1 ... Sunday = 7). */
  | { readonly op: 'datePart'; readonly part: DatePart; readonly unit: 'days' | 'ms'; readonly arg: PhysExpr }
  /** Seconds or ms since the epoch (i64, floored) or days (i32) of an i32 Date or i64 Timestamp. */
  | { readonly op: 'epoch'; readonly unit: 'days' | 'ms'; readonly to: 's' | 'ms' | 'd'; readonly arg: PhysExpr }
  /**
   * Floored to the start of a window of `months` calendar months (from year 0) or of `ms` fixed
   * milliseconds (from `originMs`); same kind out.
   */
  | {
      readonly op: 'dateTruncate';
      readonly unit: 'days' | 'ms';
      readonly months: number;
      readonly ms: number;
      readonly originMs: number;
      readonly arg: PhysExpr;
    }
  /**
   * The codes of `arg` passed through, unless a valid row's code is one a strict parse failed on
   * (`failures[code]` is an index into `texts`, -1 where the entry parses): then a
   * KernelValueError naming the first such row, its text, `column` and `what`.
   */
  | {
      readonly op: 'strictParse';
      readonly arg: PhysExpr;
      readonly failures: Int32Array;
      readonly texts: readonly string[];
      readonly column: string;
      readonly what: string;
    }
  /** Moved by `months` calendar months (day clamped to the month's end), then `ms` (whole days for a Date). */
  | { readonly op: 'dateOffset'; readonly unit: 'days' | 'ms'; readonly months: number; readonly ms: number; readonly arg: PhysExpr }
  /**
   * Utf8 made per row from `args`: codes into each morsel's distinct combinations of input
   * values (null when any input is null). Its strings depend on the data, so it only ever stands
   * at the root of a pipeline's last projection, whose task returns the combinations beside the
   * codes (kernels/eval/make-strings.ts) for the calling thread to make the strings; the planner
   * puts it there (src/physical/made-strings.ts).
   */
  | { readonly op: 'makeStr'; readonly args: readonly PhysExpr[] };

export type AggKernelFn =
  | 'sum'
  | 'mean'
  | 'min'
  | 'max'
  | 'count'
  | 'len'
  | 'nUnique'
  | 'first'
  | 'last'
  | 'var'
  | 'std'
  | 'median'
  | 'quantile'
  | 'corr';

/** One aggregation over physical expressions: `input` is null for `len`; `input2` for `corr`. */
export interface AggSpec {
  readonly fn: AggKernelFn;
  readonly input: PhysExpr | null;
  readonly input2?: PhysExpr;
  readonly q?: number;
}
