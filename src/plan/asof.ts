/** The as-of join node's options, key types and output columns: one derivation shared by the schema, the executor and the docs. */
import { VolleyError, registerErrorClass } from '../errors.js';
import { ExprTypeError } from '../expr/errors.js';
import type { DataType } from '../types/dtype.js';
import type { Schema } from '../types/schema.js';
import { PlanError } from './errors.js';
import { joinKeyType, type JoinColumn } from './join.js';

/**
 * Which right row an as-of join picks for a left row, as Polars names the strategies: the last
 * one at or before the left value ('backward'), the first at or after it ('forward'), or the
 * closest ('nearest').
 *
 * @example
 * const s: AsofStrategy = 'nearest';
 */
export type AsofStrategy = 'backward' | 'forward' | 'nearest';

/**
 * What `joinAsof` accepts besides the other frame (Polars' `join_asof` options, camel-cased).
 *
 * @example
 * lf.joinAsof(quotes, { on: 'time', by: 'ticker', strategy: 'backward', tolerance: 1000 });
 */
export interface AsofOptions {
  /** The sorted key column, on both sides. */
  on?: string;
  /** The left sorted key, with `rightOn`, when the names differ. */
  leftOn?: string;
  /** The right sorted key, with `leftOn`. */
  rightOn?: string;
  /** Columns that must be equal on both sides (the match is searched within each group). */
  by?: string | readonly string[];
  /** The left `by` columns, with `byRight`, when the names differ. */
  byLeft?: string | readonly string[];
  /** The right `by` columns, with `byLeft`. */
  byRight?: string | readonly string[];
  /** Default 'backward'. */
  strategy?: AsofStrategy;
  /** Largest distance between the two keys that still matches, in the key's unit (days for Date, ms for Timestamp). */
  tolerance?: number;
  /** Appended to right column names that clash with a left one (default '_right'). */
  suffix?: string;
  /** Whether a right key equal to the left key may match (default true). */
  allowExactMatches?: boolean;
  /** Check that both keys are sorted (within each `by` group) when the join runs (default true). */
  checkSorted?: boolean;
}

/** An as-of join's settings as the logical and the physical node both carry them. */
export interface AsofSettings {
  readonly leftOn: string;
  readonly rightOn: string;
  readonly byLeft: readonly string[];
  readonly byRight: readonly string[];
  readonly strategy: AsofStrategy;
  /** null: no limit. */
  readonly tolerance: number | null;
  readonly suffix: string;
  readonly allowExactMatches: boolean;
  readonly checkSorted: boolean;
}

const STRATEGIES: readonly AsofStrategy[] = ['backward', 'forward', 'nearest'];
const ON_TYPES: readonly DataType[] = ['Int32', 'Int64', 'Float64', 'Date', 'Timestamp'];

function nameList(x: string | readonly string[] | undefined, what: string): string[] | undefined {
  if (x === undefined) return undefined;
  const list = typeof x === 'string' ? [x] : Array.isArray(x) ? [...(x as readonly unknown[])] : null;
  if (list === null || list.some((n) => typeof n !== 'string')) throw new PlanError(`joinAsof() option ${what} takes column names`);
  return list as string[];
}

function oneName(x: unknown, what: string): string | undefined {
  if (x === undefined) return undefined;
  if (typeof x !== 'string') throw new PlanError(`joinAsof() option ${what} takes one column name`);
  return x;
}

function flag(x: unknown, dflt: boolean, what: string): boolean {
  if (x === undefined) return dflt;
  if (typeof x !== 'boolean') throw new PlanError(`joinAsof() option ${what} must be a boolean`);
  return x;
}

/**
 * Options checked and filled with their defaults. The kind of `tolerance` is checked against the
 * key's type by {@link asofColumns}, which knows the schemas.
 *
 * @example
 * normalizeAsofOptions({ on: 't' }).strategy; // 'backward'
 */
export function normalizeAsofOptions(options: AsofOptions): AsofSettings {
  if (typeof options !== 'object' || options === null) throw new PlanError('joinAsof() takes the other frame, then an options object');
  const strategy = options.strategy ?? 'backward';
  if (!STRATEGIES.includes(strategy))
    throw new PlanError(`joinAsof() option strategy must be one of ${STRATEGIES.join(', ')}, got ${JSON.stringify(strategy)}`);
  const suffix = options.suffix ?? '_right';
  if (typeof suffix !== 'string') throw new PlanError('joinAsof() option suffix must be a string');
  const on = oneName(options.on, 'on');
  let leftOn = oneName(options.leftOn, 'leftOn');
  let rightOn = oneName(options.rightOn, 'rightOn');
  if (on !== undefined) {
    if (leftOn !== undefined || rightOn !== undefined) throw new PlanError('joinAsof() takes either on, or leftOn with rightOn, not both');
    leftOn = on;
    rightOn = on;
  }
  if (leftOn === undefined || rightOn === undefined) throw new PlanError('joinAsof() needs its sorted key: on, or leftOn with rightOn');
  const by = nameList(options.by, 'by');
  let byLeft = nameList(options.byLeft, 'byLeft');
  let byRight = nameList(options.byRight, 'byRight');
  if (by !== undefined) {
    if (byLeft !== undefined || byRight !== undefined) throw new PlanError('joinAsof() takes either by, or byLeft with byRight, not both');
    byLeft = by;
    byRight = by;
  }
  if ((byLeft === undefined) !== (byRight === undefined)) throw new PlanError('joinAsof() takes byLeft and byRight together');
  byLeft ??= [];
  byRight ??= [];
  if (byLeft.length !== byRight.length)
    throw new PlanError(`joinAsof() has ${byLeft.length} left by columns but ${byRight.length} right by columns`);
  const tolerance = options.tolerance ?? null;
  if (tolerance !== null && typeof tolerance === 'number' && !(tolerance >= 0))
    throw new PlanError(`joinAsof() option tolerance must be >= 0, got ${tolerance}`);
  return {
    leftOn,
    rightOn,
    byLeft,
    byRight,
    strategy,
    tolerance,
    suffix,
    allowExactMatches: flag(options.allowExactMatches, true, 'allowExactMatches'),
    checkSorted: flag(options.checkSorted, true, 'checkSorted'),
  };
}

/**
 * The type the two sorted keys compare as: an integer, Float64, Date or Timestamp on both sides,
 * with Int32 and Int64 compared as Int64 and an integer with Float64 as Float64, as `join` does.
 * Anything else is an `ExprTypeError` naming both columns.
 *
 * @example
 * asofKeyType('Int32', 'Int64', 't', 'ts'); // 'Int64'
 */
export function asofKeyType(l: DataType, r: DataType, leftName: string, rightName: string): DataType {
  const shown = `${leftName} = ${rightName}`;
  if (!ON_TYPES.includes(l) || !ON_TYPES.includes(r))
    throw new ExprTypeError(
      `joinAsof() needs an integer, Float64, Date or Timestamp key, but left key "${leftName}" is ${l} and right key "${rightName}" is ${r}`,
      shown,
    );
  try {
    return joinKeyType(l, r, leftName, rightName);
  } catch {
    throw new ExprTypeError(`joinAsof() cannot compare left key "${leftName}" (${l}) with right key "${rightName}" (${r})`, shown);
  }
}

/** A tolerance fits a Float64 key as any number >= 0, every other key (counted in whole units) as a whole number. */
function checkTolerance(tolerance: number | null, keyType: DataType, spec: AsofSettings): void {
  if (tolerance === null) return;
  const shown = `${spec.leftOn} = ${spec.rightOn}`;
  if (typeof tolerance !== 'number')
    throw new ExprTypeError(
      `joinAsof() option tolerance must be a number in the key's unit, got ${typeof tolerance} ${String(tolerance)} for key "${spec.leftOn}" (${keyType})`,
      shown,
    );
  if (keyType !== 'Float64' && !Number.isSafeInteger(tolerance) && tolerance !== Number.POSITIVE_INFINITY) {
    const unit = keyType === 'Date' ? 'days' : keyType === 'Timestamp' ? 'milliseconds' : 'whole units';
    throw new ExprTypeError(
      `joinAsof() option tolerance must be a whole number of ${unit} for ${keyType} key "${spec.leftOn}", got ${tolerance}`,
      shown,
    );
  }
}

/**
 * The output columns of an as-of join, in order, as Polars lays them out: every left column, then
 * the right ones without the right `by` columns and without the right key when it has the left
 * key's name; a right column whose name a left column has takes the suffix. Also checks that the
 * columns exist, that the keys and `by` columns compare, and that the tolerance fits the key.
 *
 * @example
 * asofColumns(left, right, normalizeAsofOptions({ on: 't', by: 'id' })).map((c) => c.name);
 */
export function asofColumns(left: Schema, right: Schema, spec: AsofSettings): JoinColumn[] {
  const keyType = asofKeyType(
    left.get(spec.leftOn, 'joinAsof()').dtype,
    right.get(spec.rightOn, 'joinAsof()').dtype,
    spec.leftOn,
    spec.rightOn,
  );
  checkTolerance(spec.tolerance, keyType, spec);
  spec.byLeft.forEach((l, i) => {
    const r = spec.byRight[i]!;
    const lt = left.get(l, 'joinAsof()').dtype;
    const rt = right.get(r, 'joinAsof()').dtype;
    try {
      joinKeyType(lt, rt, l, r);
    } catch {
      throw new ExprTypeError(`joinAsof() cannot compare left by column "${l}" (${lt}) with right by column "${r}" (${rt})`, `${l} = ${r}`);
    }
  });
  const dropped = new Set(spec.byRight);
  if (spec.rightOn === spec.leftOn) dropped.add(spec.rightOn);
  const out: JoinColumn[] = left.fields.map((f) => ({ name: f.name, dtype: f.dtype, side: 'left', source: f.name, key: -1 }));
  const taken = new Set(out.map((c) => c.name));
  for (const f of right.fields) {
    if (dropped.has(f.name)) continue;
    out.push({ name: taken.has(f.name) ? f.name + spec.suffix : f.name, dtype: f.dtype, side: 'right', source: f.name, key: -1 });
  }
  return out;
}

/**
 * An as-of join's input is not sorted by its key (within a `by` group): raised when the join runs
 * (the order is data), unless `checkSorted: false`. `side`, `column` and `row` (0-based, in that
 * side's input) name the first row whose key is smaller than the key of the row before it.
 *
 * @example
 * try { await lf.joinAsof(other, { on: 't' }).collect(); } catch (e) { if (e instanceof AsofSortError) console.log(e.column, e.row); }
 */
export class AsofSortError extends VolleyError {
  constructor(
    readonly side: 'left' | 'right',
    readonly column: string,
    readonly row: number,
    message: string,
  ) {
    super('NOT_SORTED', message);
    this.name = 'AsofSortError';
  }
}
registerErrorClass(AsofSortError);
