/** Output schemas of logical plans, derived and validated once per node so errors surface at build time. */
import { DuplicateColumnError } from '../errors.js';
import type { ExprNode } from '../expr/ast.js';
import { exprToString } from '../expr/display.js';
import { ExprTypeError } from '../expr/errors.js';
import { checkAggContext, checkNoAgg, containsAgg, outputName, typeOf } from '../expr/typecheck.js';
import type { DataType } from '../types/dtype.js';
import { Schema, type ColumnNotFoundError, type Field } from '../types/schema.js';
import { PlanError } from './errors.js';
import { asofColumns } from './asof.js';
import { joinColumns } from './join.js';
import type { LogicalPlan } from './nodes.js';
import { sideBySideSchema, stackedSchema } from '../table/concat.js';

const cache = new WeakMap<LogicalPlan, Schema>();

/**
 * The schema a plan produces. Derived on first request and remembered per node object (plans are
 * immutable), so asking again, as every optimizer step does, costs a map lookup.
 *
 * Deriving also validates the node: unknown columns throw {@link ColumnNotFoundError} (naming the
 * verb and listing the known columns), type mismatches and misplaced aggregations throw
 * `ExprTypeError`, and clashing output names or bad arguments throw {@link PlanError}.
 *
 * @example
 * schemaOf(lf.plan).names; // ['id1', 'v1']
 */
export function schemaOf(plan: LogicalPlan): Schema {
  let s = cache.get(plan);
  if (s === undefined) {
    s = derive(plan);
    cache.set(plan, s);
  }
  return s;
}

/**
 * The type of a row-wise expression (no aggregations allowed) used in `verb`, with the verb named
 * in an unknown-column message.
 *
 * @example
 * rowWiseType(col('v1').add(1).node, schema, 'withColumns'); // 'Int32'
 */
export function rowWiseType(node: ExprNode, schema: Schema, verb: string): DataType {
  checkNoAgg(node, `${verb}()`);
  return typeOf(node, schema, verb);
}

function requireBoolean(node: ExprNode, schema: Schema, verb: string): void {
  const t = rowWiseType(node, schema, verb);
  if (t !== 'Boolean') {
    const shown = exprToString(node);
    throw new ExprTypeError(`${verb}() needs a Boolean predicate, but ${shown} is ${t}`, shown);
  }
}

function requireCount(n: number, what: string): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new PlanError(`${what} must be a whole number >= 0, got ${n}`);
}

/** Builds the output schema, naming the verb and the clashing name when two outputs share one. */
function uniqueFields(fields: readonly Field[], verb: string): Schema {
  const seen = new Set<string>();
  for (const f of fields) {
    if (seen.has(f.name))
      throw new DuplicateColumnError(
        f.name,
        `duplicate output column "${f.name}" in ${verb}(); give one of them another name with .alias(...)`,
      );
    seen.add(f.name);
  }
  return new Schema(fields);
}

function requireNames(names: readonly string[], schema: Schema, verb: string): void {
  for (const n of names) schema.get(n, `${verb}()`);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup !== undefined) throw new DuplicateColumnError(dup, `column "${dup}" is listed twice in ${verb}()`);
}

/** Names of group keys that are plain columns, which aggregations may read outside an aggregation. */
function plainKeyNames(keys: readonly ExprNode[]): string[] {
  const names: string[] = [];
  for (let k of keys) {
    while (k.kind === 'alias') k = k.arg;
    if (k.kind === 'col') names.push(k.name);
  }
  return names;
}

function aggregateSchema(plan: Extract<LogicalPlan, { kind: 'aggregate' }>): Schema {
  const input = schemaOf(plan.input);
  const verb = plan.keys.length > 0 ? 'groupBy' : 'agg';
  const fields: Field[] = plan.keys.map((k) => ({ name: outputName(k), dtype: rowWiseType(k, input, 'groupBy') }));
  const keyNames = plainKeyNames(plan.keys);
  if (plan.aggs.length === 0) throw new PlanError(`${verb}(...).agg() needs at least one aggregation; use unique() for distinct keys`);
  for (const a of plan.aggs) {
    if (!containsAgg(a)) {
      const shown = exprToString(a);
      throw new ExprTypeError(
        `agg() takes aggregations, but ${shown} aggregates nothing; use e.g. ${shown}.first() or ${shown}.sum()`,
        shown,
      );
    }
    checkAggContext(a, keyNames);
    fields.push({ name: outputName(a), dtype: typeOf(a, input, 'agg') });
  }
  return uniqueFields(fields, verb === 'groupBy' ? 'groupBy(...).agg' : 'agg');
}

function derive(plan: LogicalPlan): Schema {
  switch (plan.kind) {
    case 'scan': {
      if (plan.projection !== null) requireNames(plan.projection, plan.schema, 'scan projection');
      if (plan.predicate !== null) requireBoolean(plan.predicate, plan.schema, 'scan predicate');
      if (plan.limit !== null) requireCount(plan.limit, 'scan limit');
      return plan.projection === null ? plan.schema : plan.schema.select(plan.projection);
    }
    case 'filter': {
      const s = schemaOf(plan.input);
      requireBoolean(plan.predicate, s, 'filter');
      return s;
    }
    case 'project': {
      const s = schemaOf(plan.input);
      return uniqueFields(
        plan.exprs.map((e) => ({ name: outputName(e), dtype: rowWiseType(e, s, 'select') })),
        'select',
      );
    }
    case 'aggregate':
      return aggregateSchema(plan);
    case 'sort': {
      const s = schemaOf(plan.input);
      if (plan.by.length === 0) throw new PlanError('sort() needs at least one key');
      if (plan.descending.length !== plan.by.length || plan.nullsLast.length !== plan.by.length)
        throw new PlanError(
          `sort() has ${plan.by.length} keys but ${plan.descending.length} descending and ${plan.nullsLast.length} nullsLast flags`,
        );
      for (const b of plan.by) rowWiseType(b, s, 'sort');
      return s;
    }
    case 'limit':
      requireCount(plan.n, 'limit');
      requireCount(plan.offset, 'slice offset');
      return schemaOf(plan.input);
    case 'groupHead': {
      const s = schemaOf(plan.input);
      if (plan.keys.length === 0) throw new PlanError('groupBy(...).head() needs at least one key');
      for (const k of plan.keys) rowWiseType(k, s, 'groupBy');
      requireCount(plan.n, 'groupBy(...).head(n)');
      return s;
    }
    case 'distinct': {
      const s = schemaOf(plan.input);
      if (plan.subset !== null) {
        if (plan.subset.length === 0) throw new PlanError('unique() needs a non-empty subset (or none for all columns)');
        requireNames(plan.subset, s, 'unique');
      }
      return s;
    }
    case 'join': {
      const cols = joinColumns(schemaOf(plan.input), schemaOf(plan.right), plan);
      return uniqueFields(
        cols.map((c) => ({ name: c.name, dtype: c.dtype })),
        'join',
      );
    }
    case 'asof': {
      const cols = asofColumns(schemaOf(plan.input), schemaOf(plan.right), plan);
      return uniqueFields(
        cols.map((c) => ({ name: c.name, dtype: c.dtype })),
        'joinAsof',
      );
    }
    case 'union':
      // every input as the first one, checked as the eager vertical concat checks its frames
      return stackedSchema([plan.input, ...plan.rest].map(schemaOf), 'vertical');
    case 'hconcat':
      // every input's columns side by side, a name in two inputs refused as the eager concat refuses it
      return sideBySideSchema([plan.input, ...plan.rest].map(schemaOf));
  }
}
