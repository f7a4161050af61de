/** The columns each input of a join must produce for what is read above it. */
import { joinColumns } from '../../plan/join.js';
import type { LogicalPlan } from '../../plan/nodes.js';
import { schemaOf } from '../../plan/schema.js';

type Join = Extract<LogicalPlan, { kind: 'join' }>;

/**
 * The input columns, per side, that the join's output columns in `needed` (null: all of them)
 * come from, plus the keys it joins on. A coalesced key reads both sides' keys, which are there
 * anyway. A right column that took the suffix keeps the left column it clashed with: without
 * it, it would come out under its own name, which whatever reads the suffixed name above would
 * not find. A semi or anti join outputs no right column, so its right input needs only its keys.
 * A side of which nothing is needed (a cross join's) gets an empty set, and the pruning keeps
 * one column there so that its row count survives.
 *
 * Before (projection-pushdown calls this at each join it meets):
 * ```
 * SELECT [col("name"), (col("score") * 2).alias("s2")]
 *   INNER JOIN ON ["id"] = ["id"]
 *     SCAN frame [5 cols]
 *     SCAN frame [5 cols]
 * ```
 * After:
 * ```
 * SELECT [col("name"), (col("score") * 2).alias("s2")]
 *   INNER JOIN ON ["id"] = ["id"]
 *     SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","name"]
 *     SCAN frame [5 cols] PROJECT 2/5 COLUMNS: ["id","score"]
 * ```
 *
 * @example
 * joinInputsNeeded(join, new Set(['amount'])); // { left: Set {'id'}, right: Set {'id', 'amount'} }
 */
export function joinInputsNeeded(plan: Join, needed: ReadonlySet<string> | null): { left: Set<string>; right: Set<string> } {
  const left = new Set(plan.leftOn);
  const right = new Set(plan.rightOn);
  for (const c of joinColumns(schemaOf(plan.input), schemaOf(plan.right), plan)) {
    if (needed !== null && !needed.has(c.name)) continue;
    if (c.side === 'right') {
      right.add(c.source);
      if (c.name !== c.source) left.add(c.source);
    } else left.add(c.source);
  }
  return { left, right };
}
