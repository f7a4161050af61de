/** The lazy concat's plan: inputs brought to one schema (casts, typed null columns) under one union node, or put side by side. */
import { InvalidArgumentError } from '../errors.js';
import type { ExprNode } from '../expr/ast.js';
import { type ConcatHow, stackedSchema } from '../table/concat.js';
import type { Schema } from '../types/schema.js';
import type { LogicalPlan } from './nodes.js';
import { schemaOf } from './schema.js';

/**
 * The plan of a vertical, relaxed or diagonal concat of `inputs`, checked now with the eager
 * concat's rules and errors (`stackedSchema`: a `ConcatError` naming the input by index). An
 * input whose schema is already the output's is used as it is; any other gets a projection to
 * the output's names and order: a column of another numeric type cast to the wider one, a
 * missing column (diagonal) a null of the output's type. A single input is returned as it is,
 * with that projection where needed, and no union.
 *
 * @example
 * unionPlan([a.plan, b.plan], 'diagonal'); // UNION over a SELECT per input that needs one
 */
export function unionPlan(inputs: readonly LogicalPlan[], how: Exclude<ConcatHow, 'horizontal'>): LogicalPlan {
  const schema = stackedSchema(inputs.map(schemaOf), how);
  const [first, ...rest] = inputs.map((p) => conformed(p, schema));
  if (rest.length === 0) return first!;
  const plan: LogicalPlan = { kind: 'union', input: first!, rest };
  schemaOf(plan);
  return plan;
}

/** `input` with the output's columns, in its order and types; `input` itself when it has them. */
function conformed(input: LogicalPlan, schema: Schema): LogicalPlan {
  const own = schemaOf(input);
  if (own.equals(schema)) return input;
  const exprs = schema.fields.map(({ name, dtype }): ExprNode => {
    if (!own.has(name)) return { kind: 'alias', arg: { kind: 'lit', value: null, dtype }, name };
    const col: ExprNode = { kind: 'col', name };
    return own.get(name).dtype === dtype ? col : { kind: 'alias', arg: { kind: 'cast', arg: col, to: dtype }, name };
  });
  const plan: LogicalPlan = { kind: 'project', input, exprs };
  schemaOf(plan);
  return plan;
}

/**
 * The plan of a horizontal concat of `inputs`: their columns side by side, checked now (a name in
 * two inputs is the eager concat's `DuplicateColumnError`). Heights are known only when it runs:
 * a shorter input is padded with nulls, or with `strict` the run fails with `LENGTH_MISMATCH`.
 * A single input is returned as it is.
 *
 * @example
 * hconcatPlan([a.plan, b.plan], false); // HCONCAT 2 INPUTS
 */
export function hconcatPlan(inputs: readonly LogicalPlan[], strict: boolean): LogicalPlan {
  const [first, ...rest] = inputs;
  if (first === undefined) throw new InvalidArgumentError('items', inputs, 'concat needs at least one frame');
  if (rest.length === 0) return first;
  const plan: LogicalPlan = { kind: 'hconcat', input: first, rest, strict };
  schemaOf(plan);
  return plan;
}
