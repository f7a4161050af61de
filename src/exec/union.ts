/** UNION and HCONCAT: each input run in turn, then their rows stacked in input order (chunks shared), or their columns side by side. */
import type { PhysicalPlan } from '../physical/plan.js';
import { concatTables } from '../table/concat.js';
import type { Table } from '../table/table.js';
import type { ExecContext } from './context.js';

type UnionOp = Extract<PhysicalPlan, { op: 'union' }>;

/**
 * Runs a union: every input to a frame, one after the other (each uses the whole pool in turn,
 * and only one input's working memory is live at a time), then the frames stacked as the eager
 * vertical concat stacks them: chunks shared, each Utf8 column given one dictionary (the first
 * input's, extended) with only the other inputs' codes rewritten. The result's chunks are the
 * inputs' chunks in input order, so an operator above cuts it into morsels and runs its
 * pipeline over them in the workers as over a scan, and the answer depends on the rows only,
 * never on the thread count.
 *
 * @example
 * const t = await runUnion(ctx, physicalUnion);
 */
export async function runUnion(ctx: ExecContext, p: UnionOp): Promise<Table> {
  const tables: Table[] = [];
  for (const input of p.inputs) tables.push(await ctx.run(input));
  return concatTables(tables, { how: 'vertical' });
}

/**
 * Runs a horizontal concat: every input to a frame, one after the other, then their columns side
 * by side as the eager horizontal concat puts them (shorter frames padded with nulls, or a
 * `LENGTH_MISMATCH` when `strict`).
 *
 * @example
 * const t = await runHconcat(ctx, physicalHconcat);
 */
export async function runHconcat(ctx: ExecContext, p: Extract<PhysicalPlan, { op: 'hconcat' }>): Promise<Table> {
  const tables: Table[] = [];
  for (const input of p.inputs) tables.push(await ctx.run(input));
  return concatTables(tables, { how: 'horizontal', strict: p.strict });
}
