/** The expression AST: plain, JSON-serializable data that the planner, optimizer and workers share. */
import type { DataType } from '../types/dtype.js';

/**
 * A literal's value in JSON-safe form: Int64 as a decimal string, Date as days since the epoch,
 * Timestamp as ms since the epoch, null as null (typed by `dtype`, or untyped when `dtype` is null).
 * A non-finite Float64 is the string 'NaN', 'Infinity' or '-Infinity' (JSON has no such numbers).
 */
export type LitValue = number | string | boolean | null;

export type ArithOp = 'add' | 'sub' | 'mul' | 'div' | 'mod';
export type CompareOp = 'eq' | 'neq' | 'lt' | 'lte' | 'gt' | 'gte';
export type LogicOp = 'and' | 'or';
export type BinaryOp = ArithOp | CompareOp | LogicOp;

/**
 * One-argument functions (null in, null out, except isNull/isNotNull): one list that the type, the
 * JSON validator and the tests share.
 */
export const UNARY_OPS = [
  'not',
  'neg',
  'isNull',
  'isNotNull',
  'abs',
  'floor',
  'ceil',
  'sqrt',
  'log',
  'exp',
  'str.toUpperCase',
  'str.toTitleCase',
  'str.strip',
  'str.stripStart',
  'str.stripEnd',
  'str.reverse',
  'str.toLowerCase',
  'str.length',
  'str.lenBytes',
  'dt.year',
  'dt.month',
  'dt.day',
  'dt.weekday',
  'dt.hour',
  'dt.minute',
  'dt.second',
  'dt.millisecond',
  'dt.ordinalDay',
  'dt.quarter',
  'dt.week',
] as const;

export type UnaryOp = (typeof UNARY_OPS)[number];

export type AggFn =
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

/**
 * An expression node. Every variant is plain data (no functions, no classes), so a plan can be
 * printed, compared, optimized and sent to a worker.
 */
export type ExprNode =
  | { readonly kind: 'col'; readonly name: string }
  | { readonly kind: 'lit'; readonly value: LitValue; readonly dtype: DataType | null }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly left: ExprNode; readonly right: ExprNode }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly arg: ExprNode }
  /** round to `digits` decimals (half away from zero, as Polars). */
  | { readonly kind: 'round'; readonly arg: ExprNode; readonly digits: number }
  | { readonly kind: 'pow'; readonly base: ExprNode; readonly exponent: ExprNode }
  | { readonly kind: 'fillNull'; readonly arg: ExprNode; readonly fill: ExprNode }
  /** `values` are literals of the argument's type (JSON-safe form). */
  | { readonly kind: 'isIn'; readonly arg: ExprNode; readonly values: readonly LitValue[] }
  /** lower <= arg <= upper (both ends inclusive). */
  | { readonly kind: 'between'; readonly arg: ExprNode; readonly lower: ExprNode; readonly upper: ExprNode }
  /**
   * Conversion to `to`. `strict` (absent: true, as Polars) raises a CastError for a value that
   * does not convert (text that does not parse, a number out of range); false gives null.
   */
  | { readonly kind: 'cast'; readonly arg: ExprNode; readonly to: DataType; readonly strict?: boolean }
  | {
      readonly kind: 'when';
      readonly branches: readonly { readonly when: ExprNode; readonly then: ExprNode }[];
      readonly otherwise: ExprNode;
    }
  /** str.contains/startsWith/endsWith with a literal pattern (plain substring, not a regex). */
  | {
      readonly kind: 'strMatch';
      readonly op: 'contains' | 'startsWith' | 'endsWith';
      readonly arg: ExprNode;
      readonly pattern: string;
      /** contains only: the pattern is a plain substring (true) or a regular expression (false or absent). */
      readonly literal?: boolean;
    }
  /** str.slice(offset, length?) in UTF-16 code units; negative offset counts from the end. */
  | { readonly kind: 'strSlice'; readonly arg: ExprNode; readonly offset: number; readonly length: number | null }
  /** Padded to `width` code points with `fill` (one code point) at the start or the end; `zfill` pads zeros after a sign. */
  | {
      readonly kind: 'strPad';
      readonly side: 'start' | 'end' | 'zfill';
      readonly arg: ExprNode;
      readonly width: number;
      readonly fill: string;
    }
  /** The first (or every, `all`) match of `pattern` (a regular expression unless `literal`) replaced by `value`. */
  | {
      readonly kind: 'strReplace';
      readonly all: boolean;
      readonly arg: ExprNode;
      readonly pattern: string;
      readonly value: string;
      readonly literal: boolean;
    }
  /** Leading and/or trailing characters removed while they are among the code points of `chars` (whitespace is the unary `str.strip`). */
  | { readonly kind: 'strStrip'; readonly side: 'both' | 'start' | 'end'; readonly arg: ExprNode; readonly chars: string }
  /** The text of capture `group` (0: the whole match) of the first match of the regular expression `pattern`; null when there is none. */
  | { readonly kind: 'strExtract'; readonly arg: ExprNode; readonly pattern: string; readonly group: number }
  /**
   * Part `index` (0-based; negative counts from the end) of the string split at each `by` (an
   * empty `by`: into code points), at most `maxParts` parts (the last keeping the rest) when set;
   * null when there is no such part.
   */
  | { readonly kind: 'strSplitPart'; readonly arg: ExprNode; readonly by: string; readonly index: number; readonly maxParts: number | null }
  /**
   * Where the first match of `pattern` (a regular expression unless `literal`) starts, in code
   * points, null when there is none (`find`); how many matches there are, not overlapping
   * (`countMatches`). Int32.
   */
  | {
      readonly kind: 'strFind';
      readonly op: 'find' | 'countMatches';
      readonly arg: ExprNode;
      readonly pattern: string;
      readonly literal: boolean;
    }
  /** Seconds or ms (Int64) or days (Int32) since 1970-01-01 of a Date or Timestamp, floored. */
  | { readonly kind: 'dtEpoch'; readonly arg: ExprNode; readonly unit: 's' | 'ms' | 'd' }
  /** Floored to the start of its window of `every`, a duration string (`'1d'`, `'15m'`, `'1mo'`, `'1w'`). */
  | { readonly kind: 'dtTruncate'; readonly arg: ExprNode; readonly every: string }
  /** The Date or Timestamp written as text through a strftime `format` (UTC), made per row. */
  | { readonly kind: 'dtStrftime'; readonly arg: ExprNode; readonly format: string }
  /** Moved by `by`, a duration string (`'1d'`, `'-2h'`, `'1y3mo'`): calendar months first, clamped to the month's end. */
  | { readonly kind: 'dtOffsetBy'; readonly arg: ExprNode; readonly by: string }
  /**
   * A Utf8 value read as a Date or Timestamp through a strftime `format` (ISO 8601 when null);
   * a value that does not parse is an error when `strict`, else null.
   */
  | {
      readonly kind: 'strptime';
      readonly arg: ExprNode;
      readonly dtype: 'Date' | 'Timestamp';
      readonly format: string | null;
      readonly strict: boolean;
    }
  /**
   * The inputs' texts joined by `separator`, per row (Polars' concat_str): a non-Utf8 input is
   * cast to Utf8 first; a null in any input gives null. `a + b` of two Utf8 values is this with
   * an empty separator.
   */
  | { readonly kind: 'concatStr'; readonly args: readonly ExprNode[]; readonly separator: string }
  /**
   * An aggregation. `arg` is null for `len`; `arg2` is the second input of `corr`;
   * `q` is the quantile for `quantile` (linear interpolation, as Polars' default).
   */
  | { readonly kind: 'agg'; readonly fn: AggFn; readonly arg: ExprNode | null; readonly arg2?: ExprNode; readonly q?: number }
  | { readonly kind: 'alias'; readonly arg: ExprNode; readonly name: string };

export type ExprKind = ExprNode['kind'];
