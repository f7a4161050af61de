/** Builds validated logical plan nodes from what users pass to the verbs (column names, Exprs, options). */
import { DuplicateColumnError } from '../errors.js';
import type { ExprNode } from '../expr/ast.js';
import { checkNoAgg, containsAgg, outputName } from '../expr/typecheck.js';
import { exprToString } from '../expr/display.js';
import { Expr } from '../expr/expr.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import type { ParquetFileInfo } from '../io/parquet/metadata.js';
import type { Table } from '../table/table.js';
import type { Schema } from '../types/schema.js';
import { normalizeAsofOptions, type AsofOptions } from './asof.js';
import { PlanError } from './errors.js';
import { normalizeJoinOptions, type JoinKeys, type JoinOptions } from './join.js';
import type { LogicalPlan } from './nodes.js';
import { rowWiseType, schemaOf } from './schema.js';

/**
 * A column name or an expression: what `select`, `groupBy`, `sort` and friends accept.
 *
 * @example
 * const key: IntoExpr = 'id1';
 * const value: IntoExpr = col('v1').mul(2).alias('x');
 */
export type IntoExpr = string | Expr;

/**
 * Verbs take items one by one or as arrays: `select('a', 'b')` and `select(['a', 'b'])` agree.
 *
 * @example
 * const items: IntoExprs = ['id1', ['v1', col('v2').neg()]];
 */
export type IntoExprs = readonly (IntoExpr | readonly IntoExpr[])[];

/**
 * How `sort` orders its keys; a single flag applies to every key, an array gives one per key.
 *
 * @example
 * lf.sort(['id1', 'v1'], { descending: [false, true], nullsLast: true });
 */
export interface SortOptions {
  /** Largest first (default false). */
  descending?: boolean | readonly boolean[];
  /** Nulls after every value (default true), whatever the direction. */
  nullsLast?: boolean | readonly boolean[];
}

/**
 * Which rows `unique` keeps.
 *
 * @example
 * lf.unique({ subset: ['id1', 'id2'], keep: 'first' });
 */
export interface UniqueOptions {
  /** Columns that decide whether two rows are duplicates (default: all). */
  subset?: string | readonly string[];
  /** Which row of each set of duplicates stays: the first (default; 'any' means the same here). */
  keep?: 'first' | 'any';
}

/** Derives (and so validates) the schema now, so mistakes surface where the verb was called. */
function built(plan: LogicalPlan): LogicalPlan {
  schemaOf(plan);
  return plan;
}

function describe(x: unknown): string {
  if (typeof x === 'string') return `the string ${JSON.stringify(x)}`;
  if (x === null || x === undefined) return String(x);
  return Array.isArray(x) ? 'an array' : typeof x === 'object' ? `a ${x.constructor?.name ?? 'object'}` : `the ${typeof x} ${String(x)}`;
}

/**
 * The node for a name or an expression: a string is a column name here (unlike operands of
 * arithmetic, where a string is a literal).
 *
 * @example
 * intoNode('v1', 'select'); // { kind: 'col', name: 'v1' }
 */
export function intoNode(x: IntoExpr, verb: string): ExprNode {
  if (typeof x === 'string') return { kind: 'col', name: x };
  if (x instanceof Expr) return x.node;
  throw new PlanError(`${verb}() takes column names or expressions, got ${describe(x)}`);
}

/**
 * Flattens variadic-or-array arguments into nodes.
 *
 * @example
 * intoNodes(['id1', ['v1', col('v2')]], 'select').length; // 3
 */
export function intoNodes(items: IntoExprs, verb: string): ExprNode[] {
  return items.flatMap((i) => (Array.isArray(i) ? (i as readonly IntoExpr[]) : [i as IntoExpr])).map((i) => intoNode(i, verb));
}

/**
 * A scan over an in-memory frame.
 *
 * @example
 * scanFramePlan(df); // SCAN frame [9 cols]
 */
export function scanFramePlan(frame: Table): LogicalPlan {
  return built({ kind: 'scan', source: { type: 'frame', frame }, schema: frame.schema, projection: null, predicate: null, limit: null });
}

/**
 * A scan over a CSV file whose schema was inferred up front.
 *
 * @example
 * scanCsvPlan('G1.csv', { nullValues: 'NA' }, inferCsvSchema('G1.csv', { nullValues: 'NA' }));
 */
export function scanCsvPlan(path: string, options: CsvReadOptions, schema: Schema): LogicalPlan {
  return built({ kind: 'scan', source: { type: 'csv', path, options }, schema, projection: null, predicate: null, limit: null });
}

/**
 * A scan over a Parquet file whose footer was read up front; `schema` is the columns it offers
 * (all of the file's, or those chosen when the scan was made).
 *
 * @example
 * scanParquetPlan('G1.parquet', info, parquetSchemaOf(info));
 */
export function scanParquetPlan(path: string, info: ParquetFileInfo, schema: Schema): LogicalPlan {
  return built({ kind: 'scan', source: { type: 'parquet', path, info }, schema, projection: null, predicate: null, limit: null });
}

/**
 * `select`: the listed columns or expressions, in order. When every item aggregates
 * (`select(col('v1').sum(), len())`) it is an aggregation over all rows, as in Polars.
 *
 * @example
 * selectPlan(plan, ['id1', col('v1').mul(2).alias('v1x2')]);
 */
export function selectPlan(input: LogicalPlan, items: IntoExprs): LogicalPlan {
  const exprs = intoNodes(items, 'select');
  if (exprs.length === 0) throw new PlanError('select() needs at least one column or expression');
  const aggregating = exprs.filter(containsAgg);
  if (aggregating.length === exprs.length) return aggregateNodes(input, [], exprs);
  if (aggregating.length > 0) {
    const a = exprToString(aggregating[0]!);
    throw new PlanError(
      `select() mixes aggregations (${a}) with row-wise expressions; aggregate everything (agg(...)) or add columns with withColumns(...)`,
    );
  }
  return built({ kind: 'project', input, exprs });
}

/**
 * `withColumns`: every input column stays in place; an expression whose name matches an input
 * column replaces it there, the others are appended in order.
 *
 * @example
 * withColumnsPlan(plan, [col('v3').mul(2).alias('v3x2')]);
 */
export function withColumnsPlan(input: LogicalPlan, items: IntoExprs): LogicalPlan {
  const added = intoNodes(items, 'withColumns');
  if (added.length === 0) return input;
  const schema = schemaOf(input);
  const byName = new Map<string, ExprNode>();
  for (const e of added) {
    checkNoAgg(e, 'withColumns()');
    rowWiseType(e, schema, 'withColumns');
    const name = outputName(e);
    if (byName.has(name))
      throw new DuplicateColumnError(
        name,
        `duplicate output column "${name}" in withColumns(); give one of them another name with .alias(...)`,
      );
    byName.set(name, e);
  }
  const exprs: ExprNode[] = schema.names.map((n) => byName.get(n) ?? { kind: 'col', name: n });
  for (const [name, e] of byName) if (!schema.has(name)) exprs.push(e);
  return built({ kind: 'project', input, exprs });
}

/**
 * `filter`: rows where every predicate is true (null counts as false). Predicates must be
 * expressions: a bare string is rejected rather than guessed at.
 *
 * @example
 * filterPlan(plan, [col('v1').gt(2), col('id4').isIn([1, 2])]);
 */
export function filterPlan(input: LogicalPlan, predicates: readonly Expr[]): LogicalPlan {
  if (predicates.length === 0) throw new PlanError('filter() needs a predicate such as col("v1").gt(2)');
  const nodes = predicates.map((p) => {
    if (!(p instanceof Expr)) throw new PlanError(`filter() needs an expression such as col("v1").gt(2), got ${describe(p)}`);
    // `filter(lit(null))` keeps no row, as SQL's WHERE NULL: the null is a Boolean null.
    const n = p.node;
    return n.kind === 'lit' && n.value === null && n.dtype === null ? ({ kind: 'lit', value: null, dtype: 'Boolean' } as const) : n;
  });
  const predicate = nodes.reduce((acc, p) => ({ kind: 'binary', op: 'and', left: acc, right: p }));
  return built({ kind: 'filter', input, predicate });
}

function flags(value: boolean | readonly boolean[] | undefined, dflt: boolean, n: number, what: string): boolean[] {
  if (value === undefined) return new Array<boolean>(n).fill(dflt);
  if (typeof value === 'boolean') return new Array<boolean>(n).fill(value);
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'boolean'))
    throw new PlanError(`sort() option ${what} must be a boolean or an array of booleans`);
  if (value.length !== n) throw new PlanError(`sort() has ${n} keys but ${value.length} ${what} flags`);
  return [...value];
}

/**
 * `sort`: stable, by one or several keys, each ascending unless flagged descending, nulls last
 * unless `nullsLast: false`.
 *
 * @example
 * sortPlan(plan, ['id1', 'v1'], { descending: [false, true] });
 */
export function sortPlan(input: LogicalPlan, by: IntoExpr | readonly IntoExpr[], options: SortOptions = {}): LogicalPlan {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw new PlanError(
      `sort() takes its keys as one argument (a name, an expression or an array of them), then options; got ${describe(options)}`,
    );
  const keys = intoNodes([by], 'sort');
  if (keys.length === 0) throw new PlanError('sort() needs at least one key');
  const descending = flags(options.descending, false, keys.length, 'descending');
  const nullsLast = flags(options.nullsLast, true, keys.length, 'nullsLast');
  return built({ kind: 'sort', input, by: keys, descending, nullsLast });
}

/**
 * `slice(offset, n)` / `limit(n)`: rows [offset, offset + n).
 *
 * @example
 * slicePlan(plan, 0, 10); // LIMIT 10
 */
export function slicePlan(input: LogicalPlan, offset: number, n: number): LogicalPlan {
  return built({ kind: 'limit', input, n, offset });
}

/**
 * Group keys checked against the input right away, so `groupBy('nope')` fails before `agg`.
 *
 * @example
 * groupKeys(plan, ['id1', col('id2')]);
 */
export function groupKeys(input: LogicalPlan, keys: IntoExprs): ExprNode[] {
  const nodes = intoNodes(keys, 'groupBy');
  if (nodes.length === 0) throw new PlanError('groupBy() needs at least one key');
  const schema = schemaOf(input);
  for (const k of nodes) rowWiseType(k, schema, 'groupBy');
  return nodes;
}

/**
 * `groupBy(keys).agg(aggs)`, or `agg(aggs)` over all rows when `keys` is empty. Output: the keys,
 * then the aggregations; groups in order of first appearance.
 *
 * @example
 * aggregatePlan(plan, [{ kind: 'col', name: 'id1' }], [col('v1').sum()]);
 */
export function aggregatePlan(input: LogicalPlan, keys: readonly ExprNode[], aggs: IntoExprs): LogicalPlan {
  return aggregateNodes(input, keys, intoNodes(aggs, 'agg'));
}

function aggregateNodes(input: LogicalPlan, keys: readonly ExprNode[], aggs: readonly ExprNode[]): LogicalPlan {
  return built({ kind: 'aggregate', input, keys, aggs });
}

/**
 * `groupBy(keys).head(n)`: the first `n` rows of each group, in input order.
 *
 * @example
 * groupHeadPlan(sorted, [{ kind: 'col', name: 'id6' }], 2);
 */
export function groupHeadPlan(input: LogicalPlan, keys: readonly ExprNode[], n: number): LogicalPlan {
  return built({ kind: 'groupHead', input, keys, n });
}

/**
 * `unique`: the first row of each distinct combination of `subset` (default: all columns).
 *
 * @example
 * distinctPlan(plan, { subset: ['id1', 'id2'] });
 */
export function distinctPlan(input: LogicalPlan, options: UniqueOptions = {}): LogicalPlan {
  const keep = options.keep ?? 'first';
  if (keep !== 'first' && keep !== 'any') throw new PlanError(`unique() supports keep: 'first' (or 'any'), got ${JSON.stringify(keep)}`);
  const subset = options.subset === undefined ? null : typeof options.subset === 'string' ? [options.subset] : [...options.subset];
  return built({ kind: 'distinct', input, subset });
}

/**
 * `rename({ old: 'new' })`: every column in place, the named ones under their new names.
 *
 * @example
 * renamePlan(plan, { v1: 'value' });
 */
export function renamePlan(input: LogicalPlan, mapping: Readonly<Record<string, string>>): LogicalPlan {
  const schema = schemaOf(input);
  for (const [from, to] of Object.entries(mapping)) {
    schema.get(from, 'rename()');
    if (typeof to !== 'string') throw new PlanError(`rename() needs a new name (a string) for "${from}", got ${describe(to)}`);
  }
  const names = schema.names.map((n) => (Object.hasOwn(mapping, n) ? mapping[n]! : n));
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new DuplicateColumnError(dup, `rename() would give two columns the name "${dup}"`);
  const exprs: ExprNode[] = schema.names.map((n, i) =>
    names[i] === n ? { kind: 'col', name: n } : { kind: 'alias', arg: { kind: 'col', name: n }, name: names[i]! },
  );
  return built({ kind: 'project', input, exprs });
}

/**
 * `drop(names)`: every other column, in order.
 *
 * @example
 * dropPlan(plan, ['id5', 'id6']);
 */
export function dropPlan(input: LogicalPlan, names: readonly string[]): LogicalPlan {
  const schema = schemaOf(input);
  for (const n of names) {
    if (typeof n !== 'string') throw new PlanError(`drop() takes column names, got ${describe(n)}`);
    schema.get(n, 'drop()');
  }
  const gone = new Set(names);
  const kept = schema.names.filter((n) => !gone.has(n));
  if (kept.length === 0) throw new PlanError('drop() would remove every column');
  return built({ kind: 'project', input, exprs: kept.map((name) => ({ kind: 'col', name })) });
}

/**
 * `join`: `input` (left) joined with `right` on equal keys (see {@link JoinOptions}). Key
 * columns and types are checked here, so a bad join fails where it is written.
 *
 * @example
 * joinPlan(left, right, { on: 'id', how: 'left' });
 */
export function joinPlan(input: LogicalPlan, right: LogicalPlan, options: JoinOptions = {}): LogicalPlan {
  if (typeof options !== 'object' || options === null) throw new PlanError('join() takes the other frame, then an options object');
  const on = joinKeyNodes(options.on);
  const leftOn = joinKeyNodes(options.leftOn);
  const rightOn = joinKeyNodes(options.rightOn);
  const all = [...(on ?? []), ...(leftOn ?? []), ...(rightOn ?? [])];
  if (all.every((k) => k.kind === 'col'))
    return built({
      kind: 'join',
      input,
      right,
      ...normalizeJoinOptions({ ...options, on: names(on), leftOn: names(leftOn), rightOn: names(rightOn) }),
    });
  // expression keys become hidden columns on each side, joined on and dropped again (coalescing
  // off, as Polars does for keys that are not plain columns)
  const lk = on ?? leftOn ?? [];
  const rk = on ?? rightOn ?? [];
  const hidden = (side: string, n: number) => Array.from({ length: n }, (_, i) => `__join_${side}_key${i}`);
  const withKeys = (plan: LogicalPlan, keys: readonly ExprNode[], as: readonly string[]): LogicalPlan =>
    built({
      kind: 'project',
      input: plan,
      exprs: [
        ...schemaOf(plan).names.map((name): ExprNode => ({ kind: 'col', name })),
        ...keys.map((k, i): ExprNode => ({ kind: 'alias', arg: k, name: as[i]! })),
      ],
    });
  const hl = hidden('left', lk.length);
  const hr = hidden('right', rk.length);
  const spec = normalizeJoinOptions({ ...options, on: undefined, leftOn: hl, rightOn: hr });
  const join = built({ kind: 'join', input: withKeys(input, lk, hl), right: withKeys(right, rk, hr), ...spec, coalesce: false });
  const gone = new Set([...hl, ...hr]);
  const kept = schemaOf(join).names.filter((n) => !gone.has(n));
  return built({ kind: 'project', input: join, exprs: kept.map((name): ExprNode => ({ kind: 'col', name })) });
}

/**
 * `joinAsof`: every row of `input` (left) once, with the row of `right` nearest by the options'
 * strategy (see {@link AsofOptions}). Keys, `by` columns and the tolerance are checked here.
 *
 * @example
 * asofPlan(trades, quotes, { on: 'time', by: 'ticker' });
 */
export function asofPlan(input: LogicalPlan, right: LogicalPlan, options: AsofOptions = {}): LogicalPlan {
  return built({ kind: 'asof', input, right, ...normalizeAsofOptions(options) });
}

/** Key names or expressions as nodes (a name is a column); undefined stays undefined. */
function joinKeyNodes(keys: JoinKeys | undefined): ExprNode[] | undefined {
  if (keys === undefined) return undefined;
  const list: readonly unknown[] = Array.isArray(keys) ? keys : [keys];
  return list.map((k) => {
    if (typeof k === 'string') return { kind: 'col', name: k };
    if (k instanceof Expr) return k.node;
    throw new PlanError(`join() keys are column names or expressions, got ${describe(k)}`);
  });
}

function names(nodes: readonly ExprNode[] | undefined): string[] | undefined {
  return nodes?.map((n) => (n.kind === 'col' ? n.name : ''));
}
