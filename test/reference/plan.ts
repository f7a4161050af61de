/** Interprets a logical plan over arrays of row objects, one node at a time, with no optimization. */
import type { ExprNode } from '../../src/expr/ast.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import { compileExpr } from './expr.js';
import { refAsof, refAsofSchema } from './asof.js';
import { refJoin, refJoinSchema } from './join.js';
import { containsAggRef, refOutputName, refTypeOf, RefTypeError, type RefSchema } from './types.js';
import { compareForSort, tupleKey } from './values.js';

/** Anything that gives its rows as records: a storage Table or a DataFrame. */
export interface RowSource {
  toRecords(): Row[];
}

/** Frames standing in for CSV sources, by path: the reference reads no files itself. */
export interface RunOptions {
  readonly csv?: ReadonlyMap<string, RowSource>;
}

function columnType(node: ExprNode, schema: RefSchema): DataType {
  const t = refTypeOf(node, schema);
  if (t === 'Null') throw new RefTypeError(`output column "${refOutputName(node)}" is an untyped null`);
  return t;
}

function withNames(exprs: readonly ExprNode[], schema: RefSchema, into = new Map<string, DataType>()): Map<string, DataType> {
  for (const e of exprs) {
    const name = refOutputName(e);
    if (into.has(name)) throw new RefTypeError(`duplicate output column "${name}"`);
    into.set(name, columnType(e, schema));
  }
  return into;
}

function sourceSchema(plan: Extract<LogicalPlan, { kind: 'scan' }>): RefSchema {
  const all = new Map(plan.schema.fields.map((f) => [f.name, f.dtype] as const));
  if (plan.projection === null) return all;
  return new Map(plan.projection.map((n) => [n, all.get(n) ?? fail(`scan projects unknown column "${n}"`)] as const));
}

function fail(message: string): never {
  throw new RefTypeError(message);
}

/**
 * The output schema of `plan` by the reference's own rules: what the engine's result must have,
 * column for column.
 *
 * @example
 * refSchemaOf(plan); // Map { 'id1' => 'Utf8', 'v1' => 'Int64' }
 */
export function refSchemaOf(plan: LogicalPlan): RefSchema {
  switch (plan.kind) {
    case 'scan':
      return sourceSchema(plan);
    case 'filter':
    case 'sort':
    case 'limit':
    case 'groupHead':
    case 'distinct':
      return refSchemaOf(plan.input);
    case 'project':
      return withNames(plan.exprs, refSchemaOf(plan.input));
    case 'aggregate': {
      const input = refSchemaOf(plan.input);
      return withNames(plan.aggs, input, withNames(plan.keys, input));
    }
    case 'join':
      return refJoinSchema(plan, refSchemaOf(plan.input), refSchemaOf(plan.right));
    case 'asof':
      return refAsofSchema(plan, refSchemaOf(plan.input), refSchemaOf(plan.right));
    case 'union': {
      const first = refSchemaOf(plan.input);
      for (const r of plan.rest) {
        const s = [...refSchemaOf(r)];
        if (s.length !== first.size || s.some(([n, t], i) => [...first][i]![0] !== n || [...first][i]![1] !== t))
          throw new RefTypeError('a union input has another schema than the first');
      }
      return first;
    }
    case 'hconcat': {
      const out = new Map<string, DataType>();
      for (const p of [plan.input, ...plan.rest])
        for (const [n, t] of refSchemaOf(p)) {
          if (out.has(n)) throw new RefTypeError(`column "${n}" is in two inputs of a horizontal concat`);
          out.set(n, t);
        }
      return out;
    }
  }
}

function project(rows: readonly Row[], exprs: readonly ExprNode[], schema: RefSchema): Row[] {
  const aggregated = exprs.map(containsAggRef);
  // A projection of aggregations only (select(col('a').sum())) is one group over all rows.
  if (exprs.length > 0 && aggregated.every(Boolean)) return aggregateRows(rows, [], exprs, schema);
  if (aggregated.some(Boolean)) throw new RefTypeError('a projection mixes aggregations with row expressions');
  const fns = exprs.map((e) => [refOutputName(e), compileExpr(e, schema)] as const);
  return rows.map((row) => {
    const out: Row = {};
    for (const [name, f] of fns) out[name] = f({ row });
    return out;
  });
}

/** Rows bucketed by the values of `keys`, buckets in order of first appearance (null is a key value). */
function groupRows(rows: readonly Row[], keys: readonly ExprNode[], schema: RefSchema): { key: Scalar[]; rows: Row[] }[] {
  const fns = keys.map((k) => compileExpr(k, schema));
  const groups = new Map<string, { key: Scalar[]; rows: Row[] }>();
  for (const row of rows) {
    const key = fns.map((f) => f({ row }));
    const id = tupleKey(key);
    let g = groups.get(id);
    if (g === undefined) {
      g = { key, rows: [] };
      groups.set(id, g);
    }
    g.rows.push(row);
  }
  return [...groups.values()];
}

/**
 * Group-by aggregation. With keys, one output row per distinct key tuple in order of first
 * appearance; without keys, exactly one row, even over no input rows (sum 0, count 0, mean null).
 */
function aggregateRows(rows: readonly Row[], keys: readonly ExprNode[], aggs: readonly ExprNode[], schema: RefSchema): Row[] {
  const groups = keys.length === 0 ? [{ key: [], rows: [...rows] }] : groupRows(rows, keys, schema);
  const keyNames = keys.map(refOutputName);
  const fns = aggs.map((a) => [refOutputName(a), compileExpr(a, schema)] as const);
  return groups.map((g) => {
    const out: Row = {};
    keyNames.forEach((n, i) => (out[n] = g.key[i]!));
    // Only keyed groups may read their (plain column) keys outside an aggregation.
    const keyRow = keys.length > 0 ? g.rows[0] : undefined;
    for (const [name, f] of fns) out[name] = f(keyRow === undefined ? { group: g.rows } : { group: g.rows, keyRow });
    return out;
  });
}

/** Stable sort by several keys; each key has its own direction and null placement. */
function sortRows(plan: Extract<LogicalPlan, { kind: 'sort' }>, rows: readonly Row[], schema: RefSchema): Row[] {
  const fns = plan.by.map((b) => compileExpr(b, schema));
  const keyed = rows.map((row, i) => ({ row, i, key: fns.map((f) => f({ row })) }));
  keyed.sort((a, b) => {
    for (let k = 0; k < fns.length; k++) {
      const c = compareForSort(a.key[k]!, b.key[k]!, plan.descending[k] ?? false, plan.nullsLast[k] ?? true);
      if (c !== 0) return c;
    }
    // Array.prototype.sort is stable, but the explicit tie-break keeps the intent visible.
    return a.i - b.i;
  });
  return keyed.map((k) => k.row);
}

/** The first `n` rows of each group of `keys`; the kept rows stay in input order, columns unchanged. */
function groupHead(rows: readonly Row[], keys: readonly ExprNode[], n: number, schema: RefSchema): Row[] {
  const fns = keys.map((k) => compileExpr(k, schema));
  const seen = new Map<string, number>();
  return rows.filter((row) => {
    const id = tupleKey(fns.map((f) => f({ row })));
    const count = seen.get(id) ?? 0;
    seen.set(id, count + 1);
    return count < n;
  });
}

/** The first row of each distinct value tuple over `subset` (all columns when null), in input order. */
function distinct(rows: readonly Row[], subset: readonly string[] | null, schema: RefSchema): Row[] {
  const names = subset ?? [...schema.keys()];
  for (const n of names) if (!schema.has(n)) fail(`distinct on unknown column "${n}"`);
  const seen = new Set<string>();
  return rows.filter((row) => {
    const id = tupleKey(names.map((n) => row[n] ?? null));
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

function scanRows(plan: Extract<LogicalPlan, { kind: 'scan' }>, options: RunOptions): Row[] {
  const source = plan.source;
  let frame: RowSource;
  if (source.type === 'frame') frame = source.frame;
  else {
    const loaded = options.csv?.get(source.path);
    if (loaded === undefined) throw new Error(`reference: CSV "${source.path}" was not preloaded (pass it in options.csv)`);
    frame = loaded;
  }
  let rows = frame.toRecords();
  const full: RefSchema = new Map(plan.schema.fields.map((f) => [f.name, f.dtype] as const));
  if (plan.predicate !== null) {
    const keep = compileExpr(plan.predicate, full);
    rows = rows.filter((row) => keep({ row }) === true);
  }
  if (plan.limit !== null) rows = rows.slice(0, plan.limit);
  if (plan.projection !== null) {
    const names = plan.projection;
    rows = rows.map((row) => Object.fromEntries(names.map((n) => [n, row[n] ?? null])));
  }
  return rows;
}

/**
 * Runs `plan` row by row and returns its rows as plain objects (Int64 as bigint, Date and
 * Timestamp as `Date`, nulls as null). A scan applies its predicate, then its limit, then its
 * projection; a filter keeps rows whose predicate is true (null drops the row).
 *
 * @example
 * runPlan(df.lazy().filter(col('v').gt(1)).plan); // [{ v: 2 }, ...]
 */
export function runPlan(plan: LogicalPlan, options: RunOptions = {}): Row[] {
  switch (plan.kind) {
    case 'scan':
      return scanRows(plan, options);
    case 'filter': {
      const schema = refSchemaOf(plan.input);
      const keep = compileExpr(plan.predicate, schema);
      return runPlan(plan.input, options).filter((row) => keep({ row }) === true);
    }
    case 'project':
      return project(runPlan(plan.input, options), plan.exprs, refSchemaOf(plan.input));
    case 'aggregate':
      refSchemaOf(plan);
      return aggregateRows(runPlan(plan.input, options), plan.keys, plan.aggs, refSchemaOf(plan.input));
    case 'sort':
      return sortRows(plan, runPlan(plan.input, options), refSchemaOf(plan.input));
    case 'limit':
      return runPlan(plan.input, options).slice(plan.offset, plan.offset + plan.n);
    case 'groupHead':
      return groupHead(runPlan(plan.input, options), plan.keys, plan.n, refSchemaOf(plan.input));
    case 'distinct':
      return distinct(runPlan(plan.input, options), plan.subset, refSchemaOf(plan.input));
    case 'join':
      return refJoin(plan, runPlan(plan.input, options), runPlan(plan.right, options), refSchemaOf(plan.input), refSchemaOf(plan.right));
    case 'asof':
      return refAsof(plan, runPlan(plan.input, options), runPlan(plan.right, options), refSchemaOf(plan.input), refSchemaOf(plan.right));
    case 'union':
      refSchemaOf(plan);
      return [plan.input, ...plan.rest].flatMap((p) => runPlan(p, options));
    case 'hconcat': {
      refSchemaOf(plan);
      const inputs = [plan.input, ...plan.rest].map((p) => ({ names: [...refSchemaOf(p).keys()], rows: runPlan(p, options) }));
      const heights = inputs.filter((i) => i.names.length > 0).map((i) => i.rows.length);
      const height = Math.max(0, ...heights);
      if (plan.strict && heights.some((h) => h !== height)) throw new RefTypeError('a strict horizontal concat of unequal heights');
      return Array.from({ length: height }, (_, r) => {
        const row: Row = {};
        for (const i of inputs) for (const n of i.names) row[n] = i.rows[r]?.[n] ?? null;
        return row;
      });
    }
  }
}
