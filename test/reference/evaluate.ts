/** The reference evaluator: a slow, row-at-a-time oracle for expressions and logical plans. */
import type { ExprNode } from '../../src/expr/ast.js';
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import type { Schema } from '../../src/types/schema.js';
import { compileExpr } from './expr.js';
import type { RefSchema } from './types.js';

export { runPlan, refSchemaOf, type RunOptions } from './plan.js';
export { refTypeOf, refOutputName, RefTypeError, type RefSchema } from './types.js';
export { aggregate } from './aggregate.js';

/**
 * The type a JS value would get in a column built from records (DataFrame.fromRecords): integers
 * in int32 range are Int32, other numbers Float64, bigint Int64, Date Timestamp. Only used when
 * the caller gives no schema.
 */
function inferredType(v: Scalar): DataType | null {
  if (v === null) return null;
  if (typeof v === 'number') return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 'Int32' : 'Float64';
  if (typeof v === 'bigint') return 'Int64';
  if (typeof v === 'boolean') return 'Boolean';
  if (typeof v === 'string') return 'Utf8';
  return 'Timestamp';
}

function toRefSchema(row: Row, schema?: Schema | RefSchema): RefSchema {
  if (schema === undefined) {
    const out = new Map<string, DataType>();
    // A null cell says nothing about its column; Utf8 is what an all-null column infers to.
    for (const [k, v] of Object.entries(row)) out.set(k, inferredType(v) ?? 'Utf8');
    return out;
  }
  if (schema instanceof Map) return schema;
  return new Map((schema as Schema).fields.map((f) => [f.name, f.dtype] as const));
}

/**
 * Evaluates one expression over one row with SQL null semantics: null in gives null out, except
 * `isNull`/`isNotNull`/`fillNull`, three-valued `and`/`or`, and `when`, where a null condition
 * counts as false. Column types come from `schema`; without it they are inferred from the row's
 * values as `DataFrame.fromRecords` would. Aggregations need a group: use `runPlan`.
 *
 * @example
 * evalExprRow(col('a').gt(1).or(col('b').isNull()).node, { a: 0, b: null }); // true
 */
export function evalExprRow(node: ExprNode, row: Row, schema?: Schema | RefSchema): Scalar {
  return compileExpr(node, toRefSchema(row, schema))({ row });
}

/**
 * Evaluates an expression that contains aggregations over the rows of one group.
 *
 * @example
 * evalExprGroup(col('v').sum().node, [{ v: 1 }, { v: 2 }], schema); // 3n
 */
export function evalExprGroup(node: ExprNode, rows: readonly Row[], schema: Schema | RefSchema): Scalar {
  return compileExpr(node, toRefSchema(rows[0] ?? {}, schema))({ group: rows });
}
