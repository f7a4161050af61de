/** The join node's options, key types and output columns: one derivation shared by the schema, the executor and the reference. */
import { ExprTypeError } from '../expr/errors.js';
import type { Expr } from '../expr/expr.js';
import type { DataType } from '../types/dtype.js';
import type { Field, Schema } from '../types/schema.js';
import { PlanError } from './errors.js';

/**
 * Which rows a join keeps, as Polars names them.
 *
 * @example
 * const how: JoinHow = 'left';
 */
export type JoinHow = 'inner' | 'left' | 'right' | 'full' | 'semi' | 'anti' | 'cross';

/**
 * Key uniqueness a join checks: '1:m' needs unique left keys, 'm:1' unique right keys, '1:1'
 * both, 'm:m' (the default) nothing.
 *
 * @example
 * const v: JoinValidate = '1:1';
 */
export type JoinValidate = 'm:m' | '1:1' | '1:m' | 'm:1';

/**
 * What `join` accepts besides the other frame.
 *
 * @example
 * lf.join(other, { on: 'id', how: 'left', suffix: '_r' });
 */
export interface JoinOptions {
  /** Key column name(s) present on both sides, or expressions computed on both. */
  on?: JoinKeys;
  /** Left key column name(s) or expressions, with `rightOn`, when the two sides differ. */
  leftOn?: JoinKeys;
  /** Right key column name(s) or expressions, with `leftOn`. */
  rightOn?: JoinKeys;
  /** Default 'inner'. */
  how?: JoinHow;
  /** Appended to right column names that clash with a left one (default '_right'). */
  suffix?: string;
  /** One key column per key instead of both sides' (default: true, except for 'full'). */
  coalesce?: boolean;
  /** Default 'm:m' (no check). */
  validate?: JoinValidate;
}

/**
 * Join keys: a column name or an expression, or a list of them. An expression other than a plain
 * column turns coalescing off (as in Polars): both sides keep all their columns.
 *
 * @example
 * const keys: JoinKeys = ['id', col('day').dt.year()];
 */
export type JoinKeys = string | Expr | readonly (string | Expr)[];

/** Where an output column of a join comes from. `key` is the key index of a coalesced key column. */
export interface JoinColumn {
  readonly name: string;
  readonly dtype: DataType;
  readonly side: 'left' | 'right' | 'coalesced';
  readonly source: string;
  readonly key: number;
}

const HOWS: readonly JoinHow[] = ['inner', 'left', 'right', 'full', 'semi', 'anti', 'cross'];
const VALIDATES: readonly JoinValidate[] = ['m:m', '1:1', '1:m', 'm:1'];

/**
 * The type both keys are compared as: equal types as they are, Int32 with Int64 as Int64, an
 * integer with Float64 as Float64; any other pair is an `ExprTypeError` naming both columns.
 *
 * @example
 * joinKeyType('Int32', 'Int64', 'a', 'b'); // 'Int64'
 */
export function joinKeyType(l: DataType, r: DataType, leftName: string, rightName: string): DataType {
  if (l === r) return l;
  const int = (t: DataType): boolean => t === 'Int32' || t === 'Int64';
  if (int(l) && int(r)) return 'Int64';
  if ((int(l) || l === 'Float64') && (int(r) || r === 'Float64')) return 'Float64';
  const shown = `${leftName} = ${rightName}`;
  throw new ExprTypeError(`join() cannot compare left key "${leftName}" (${l}) with right key "${rightName}" (${r})`, shown);
}

function names(x: JoinKeys | undefined, what: string): string[] | undefined {
  if (x === undefined) return undefined;
  const list = typeof x === 'string' ? [x] : Array.isArray(x) ? [...(x as readonly unknown[])] : null;
  if (list === null || list.some((n) => typeof n !== 'string')) throw new PlanError(`join() option ${what} takes column names`);
  return list as string[];
}

/**
 * Options checked and filled with their defaults.
 *
 * @example
 * normalizeJoinOptions({ on: 'id' }).how; // 'inner'
 */
export function normalizeJoinOptions(options: JoinOptions): {
  how: JoinHow;
  leftOn: string[];
  rightOn: string[];
  suffix: string;
  coalesce: boolean;
  validate: JoinValidate;
} {
  if (typeof options !== 'object' || options === null) throw new PlanError('join() takes the other frame, then an options object');
  const how = options.how ?? 'inner';
  if (!HOWS.includes(how)) throw new PlanError(`join() option how must be one of ${HOWS.join(', ')}, got ${JSON.stringify(how)}`);
  const validate = options.validate ?? 'm:m';
  if (!VALIDATES.includes(validate))
    throw new PlanError(`join() option validate must be one of ${VALIDATES.join(', ')}, got ${JSON.stringify(validate)}`);
  const suffix = options.suffix ?? '_right';
  if (typeof suffix !== 'string') throw new PlanError('join() option suffix must be a string');
  const on = names(options.on, 'on');
  let leftOn = names(options.leftOn, 'leftOn');
  let rightOn = names(options.rightOn, 'rightOn');
  if (on !== undefined) {
    if (leftOn !== undefined || rightOn !== undefined) throw new PlanError('join() takes either on, or leftOn with rightOn, not both');
    leftOn = on;
    rightOn = on;
  }
  if (how === 'cross') {
    if ((leftOn?.length ?? 0) > 0 || (rightOn?.length ?? 0) > 0) throw new PlanError("a join with how: 'cross' takes no keys");
    if (validate !== 'm:m') throw new PlanError("a join with how: 'cross' cannot validate keys");
    return { how, leftOn: [], rightOn: [], suffix, coalesce: false, validate };
  }
  if (leftOn === undefined || rightOn === undefined || leftOn.length === 0)
    throw new PlanError(`a join with how: '${how}' needs keys: on, or leftOn with rightOn`);
  if (leftOn.length !== rightOn.length) throw new PlanError(`join() has ${leftOn.length} left keys but ${rightOn.length} right keys`);
  const coalesce = options.coalesce ?? how !== 'full';
  if (typeof coalesce !== 'boolean') throw new PlanError('join() option coalesce must be a boolean');
  return { how, leftOn, rightOn, suffix, coalesce, validate };
}

/** The parts of a join node that decide its output. */
export interface JoinSpec {
  readonly how: JoinHow;
  readonly leftOn: readonly string[];
  readonly rightOn: readonly string[];
  readonly suffix: string;
  readonly coalesce: boolean;
}

/** A join's settings as the logical and the physical join node both carry them. */
export interface JoinSettings extends JoinSpec {
  readonly validate: JoinValidate;
}

/**
 * The output columns of a join, in order, as Polars lays them out: inner and left give the left
 * columns, then the right ones (without the right keys when coalescing); right gives the left
 * columns (without the left keys when coalescing), then the right ones; full gives the left
 * columns (the keys coalesced in place when coalescing), then the right ones (without its keys
 * when coalescing); semi and anti the left columns; cross all left, then all right. A right
 * column whose name a left column has takes the suffix. Also checks the keys exist and compare.
 *
 * @example
 * joinColumns(left, right, { how: 'inner', leftOn: ['id'], rightOn: ['id'], suffix: '_right', coalesce: true }).map((c) => c.name);
 */
export function joinColumns(left: Schema, right: Schema, spec: JoinSpec): JoinColumn[] {
  const keyTypes = spec.leftOn.map((l, i) => {
    const r = spec.rightOn[i]!;
    return joinKeyType(left.get(l, 'join()').dtype, right.get(r, 'join()').dtype, l, r);
  });
  const leftKeys = new Set(spec.leftOn);
  const rightKeys = new Set(spec.rightOn);
  const out: JoinColumn[] = [];
  const fromLeft = (f: Field): JoinColumn => ({ name: f.name, dtype: f.dtype, side: 'left', source: f.name, key: -1 });
  if (spec.how === 'semi' || spec.how === 'anti') return left.fields.map(fromLeft);
  const dropLeftKeys = spec.how === 'right' && spec.coalesce;
  const dropRightKeys = spec.coalesce && spec.how !== 'right';
  for (const f of left.fields) {
    if (dropLeftKeys && leftKeys.has(f.name)) continue;
    const k = spec.how === 'full' && spec.coalesce ? spec.leftOn.indexOf(f.name) : -1;
    out.push(k >= 0 ? { name: f.name, dtype: keyTypes[k]!, side: 'coalesced', source: f.name, key: k } : fromLeft(f));
  }
  const taken = new Set(out.map((c) => c.name));
  for (const f of right.fields) {
    if (dropRightKeys && rightKeys.has(f.name)) continue;
    const name = taken.has(f.name) ? f.name + spec.suffix : f.name;
    out.push({ name, dtype: f.dtype, side: 'right', source: f.name, key: -1 });
  }
  return out;
}
