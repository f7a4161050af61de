/**
 * Lowering of `groupBy(keys).agg(exprs)`: keys and distinct aggregation inputs become kernel IR
 * over the pipeline's columns; each output expression becomes a "post" expression over
 * [key values..., aggregation results...], evaluated once per group after the merge.
 */
import { InternalError } from '../errors.js';
import type { ExprNode } from '../expr/ast.js';
import { exprKey } from '../expr/equals.js';
import { outputName } from '../expr/names.js';
import { typeOf } from '../expr/typecheck.js';
import { transformDown } from '../expr/visit.js';
import { makeKeyLayout, type KeyLayout } from '../../kernels/hash/keys.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import type { PhysExpr } from '../../kernels/ir.js';
import { Schema } from '../types/schema.js';
import { kindOf } from './kinds.js';
import { keyBounds, lowerExpr, type ColumnInfo, type Lowered } from './lower.js';
import { dictOrder } from './strings.js';

/** One distinct aggregation: its kernel spec and input expressions over the pipeline's columns. */
export interface LoweredAgg {
  readonly spec: AggKernelSpec;
  readonly a: PhysExpr | null;
  readonly b: PhysExpr | null;
}

/** A lowered aggregation node: how to group, what to fold, and how to build each output column. */
export interface LoweredAggregate {
  readonly keys: readonly Lowered[];
  readonly layout: KeyLayout;
  readonly aggs: readonly LoweredAgg[];
  /** Output column expressions over [keys..., aggregation results...]. */
  readonly post: readonly PhysExpr[];
  /** Names, types and dictionaries of the output columns. */
  readonly outputs: readonly ColumnInfo[];
}

/**
 * Lower group keys and aggregation expressions against the columns they read.
 *
 * @example
 * const la = lowerAggregate([col('id1').node], [col('v1').sum().alias('v1').node], columns);
 * la.aggs[0].spec; // { op: 'sum', kind: 'i32' }
 */
export function lowerAggregate(keys: readonly ExprNode[], aggs: readonly ExprNode[], input: readonly ColumnInfo[]): LoweredAggregate {
  const schema = new Schema(input.map((c) => ({ name: c.name, dtype: c.dtype })));
  const loweredKeys = keys.map((k) => lowerExpr(k, input));
  const layout = keyLayoutOf(loweredKeys, input);
  // aggregations may read plain-column keys outside an aggregation: they read the key's value
  const keyByColumn = new Map<string, number>();
  keys.forEach((k, i) => {
    let n = k;
    while (n.kind === 'alias') n = n.arg;
    if (n.kind === 'col' && !keyByColumn.has(n.name)) keyByColumn.set(n.name, i);
  });
  const postColumns: ColumnInfo[] = loweredKeys.map((k, i) => ({ name: keyName(i), dtype: k.dtype, dict: k.dict, nullable: k.nullable }));
  const distinct = new Map<string, number>();
  const specs: LoweredAgg[] = [];
  const aggColumns: ColumnInfo[] = [];
  // A Float64 key merges -0 with 0 (and every NaN into one group); as in DuckDB and Polars, the
  // group shows its first row's value, which `first` of the key keeps (morsel order, any threads).
  const keyInputs: number[] = loweredKeys.map((k, i) => {
    if (k.dtype !== 'Float64') return i;
    const j = specs.length;
    specs.push({ spec: { op: 'first', kind: 'f64' }, a: k.expr, b: null });
    aggColumns.push({ name: aggName(j), dtype: 'Float64', dict: null, nullable: k.nullable });
    return loweredKeys.length + j;
  });
  /** The column of key `k`'s value among the post columns. */
  const keyColumn = (k: number): string => (keyInputs[k] === k ? keyName(k) : aggName(keyInputs[k]! - loweredKeys.length));
  const rewritten = aggs.map((expr) =>
    transformDown(expr, (n): ExprNode => {
      if (n.kind === 'agg') {
        const id = exprKey(n);
        let i = distinct.get(id);
        if (i === undefined) {
          i = specs.length;
          distinct.set(id, i);
          const { agg, info } = lowerAgg(n, input, schema, aggName(i));
          specs.push(agg);
          aggColumns.push(info);
        }
        return { kind: 'col', name: aggName(i) };
      }
      if (n.kind === 'col') {
        const k = keyByColumn.get(n.name);
        if (k === undefined) throw new InternalError(`column "${n.name}" is neither aggregated nor a group key`);
        return { kind: 'col', name: keyColumn(k) };
      }
      return n;
    }),
  );
  postColumns.push(...aggColumns);
  const post: PhysExpr[] = [];
  const outputs: ColumnInfo[] = [];
  loweredKeys.forEach((k, i) => {
    post.push({ op: 'input', index: keyInputs[i]!, kind: kindOf(k.dtype) });
    outputs.push({ name: outputName(keys[i]!), dtype: k.dtype, dict: k.dict, nullable: k.nullable });
  });
  rewritten.forEach((e, i) => {
    const l = lowerExpr(e, postColumns);
    post.push(l.expr);
    outputs.push({ name: outputName(aggs[i]!), dtype: l.dtype, dict: l.dict, nullable: true });
  });
  return { keys: loweredKeys, layout, aggs: specs, post, outputs };
}

/**
 * The key word layout of lowered keys: packed bit fields when every key is a bounded integer.
 *
 * @example
 * keyLayoutOf([lowerExpr(col('id1').node, cols)], cols).bits; // 7 for a 100-string dictionary
 */
export function keyLayoutOf(keys: readonly Lowered[], input: readonly ColumnInfo[]): KeyLayout {
  return makeKeyLayout(
    keys.map((k) => kindOf(k.dtype)),
    keys.map((k) => k.nullable),
    keys.map((k) => keyBounds(k, input)),
  );
}

function keyName(i: number): string {
  return `__key${i}`;
}

function aggName(i: number): string {
  return `__agg${i}`;
}

/** One aggregation node: its kernel spec, inputs, and the column its result becomes. */
function lowerAgg(
  n: Extract<ExprNode, { kind: 'agg' }>,
  input: readonly ColumnInfo[],
  schema: Schema,
  name: string,
): { agg: LoweredAgg; info: ColumnInfo } {
  const dtype = typeOf(n, schema);
  if (n.arg === null)
    return { agg: { spec: { op: 'len', kind: null }, a: null, b: null }, info: { name, dtype, dict: null, nullable: false } };
  const a = lowerExpr(n.arg, input);
  let expr = a.expr;
  let dict = null;
  if (a.dtype === 'Utf8' && dtype === 'Utf8') {
    if (n.fn === 'min' || n.fn === 'max') {
      // strings order by rank in the sorted dictionary; the result's codes are those ranks
      const order = dictOrder(a.dict!);
      expr = { op: 'lookup', kind: 'i32', arg: a.expr, values: order.rank, valid: null };
      dict = order.sorted;
    } else dict = a.dict;
  }
  const b = n.arg2 === undefined ? null : lowerExpr(n.arg2, input);
  const spec: AggKernelSpec = {
    op: n.fn,
    kind: kindOf(a.dtype),
    ...(b !== null ? { kind2: kindOf(b.dtype) } : {}),
    ...(n.q !== undefined ? { q: n.q } : {}),
  };
  return { agg: { spec, a: expr, b: b === null ? null : b.expr }, info: { name, dtype, dict, nullable: true } };
}
