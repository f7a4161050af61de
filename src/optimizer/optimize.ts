/** The optimizer driver: an ordered list of rules, run to a fixed point, checked after every step. */
import type { LogicalPlan } from '../plan/nodes.js';
import { planEquals } from '../plan/equals.js';
import { schemaOf } from '../plan/schema.js';
import type { Schema } from '../types/schema.js';
import { OptimizerError } from './errors.js';
import type { OptimizerRule } from './rule.js';
import { knownNulls } from './rules/known-nulls.js';
import { limitPushdown } from './rules/limit-pushdown.js';
import { mergeFilters } from './rules/merge-filters.js';
import { mergeProjections } from './rules/merge-projections.js';
import { predicatePushdown } from './rules/predicate-pushdown.js';
import { projectionPushdown } from './rules/projection-pushdown.js';
import { simplifyExpressions } from './rules/simplify-expressions.js';

/**
 * The rules in the order they run. Null checks that the data answers go first (known-nulls), then
 * simplification, so that always-true filters are gone
 * and predicates are in their simplest form before anything moves them; filters merge before
 * pushdown so that one `&` chain is split and pushed part by part; predicates move before
 * projections are merged (a filter between two projections blocks the merge) and before the
 * scan's columns are chosen (its predicate's columns must stay); limits move last, because a scan
 * with a limit no longer accepts predicates. The fixed-point loop catches what one pass leaves.
 *
 * @example
 * optimize(plan, { rules: DEFAULT_RULES.filter((r) => r.name !== 'limit-pushdown') });
 */
export const DEFAULT_RULES: readonly OptimizerRule[] = [
  knownNulls,
  simplifyExpressions,
  mergeFilters,
  predicatePushdown,
  mergeProjections,
  projectionPushdown,
  limitPushdown,
];

/** Passes over the rule list before giving up on a fixed point (real plans settle in two or three). */
const MAX_PASSES = 10;

/**
 * What `optimize` does besides optimizing.
 *
 * @example
 * optimize(plan, { verbose: true }).steps.map((s) => s.rule);
 */
export interface OptimizeOptions {
  /** Record the plan after every rule that changed it (for `explain({ verbose: true })`). */
  verbose?: boolean;
  /** Rules to run instead of {@link DEFAULT_RULES}, in order. */
  rules?: readonly OptimizerRule[];
}

/**
 * One recorded step: the plan right after `rule` changed it.
 *
 * @example
 * for (const { rule, plan } of steps) console.log(rule, planToString(plan));
 */
export interface OptimizeStep {
  readonly rule: string;
  readonly plan: LogicalPlan;
}

/**
 * The optimized plan, and the steps that led there when verbose.
 *
 * @example
 * const { plan } = optimize(lf.plan);
 */
export interface OptimizeResult {
  readonly plan: LogicalPlan;
  /** The steps that changed the plan, in order; empty unless `verbose`. */
  readonly steps: OptimizeStep[];
}

function checked(rule: OptimizerRule, plan: LogicalPlan, expected: Schema): void {
  let got: Schema;
  try {
    got = schemaOf(plan);
  } catch (e) {
    throw new OptimizerError(rule.name, `produced an invalid plan: ${(e as Error).message}`, { cause: e });
  }
  if (!got.equals(expected)) throw new OptimizerError(rule.name, `changed the output schema from ${expected} to ${got}`);
}

/**
 * Rewrites a logical plan into a cheaper one with the same result: runs every rule in order,
 * repeating the whole list until a pass changes nothing. After each rule the output schema must
 * be unchanged; a rule that breaks this throws {@link OptimizerError} naming it.
 *
 * @example
 * const { plan, steps } = optimize(lf.plan, { verbose: true });
 * for (const s of steps) console.log(s.rule, planToString(s.plan));
 */
export function optimize(plan: LogicalPlan, options: OptimizeOptions = {}): OptimizeResult {
  const rules = options.rules ?? DEFAULT_RULES;
  const expected = schemaOf(plan);
  const steps: OptimizeStep[] = [];
  let current = plan;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let changed = false;
    for (const rule of rules) {
      const next = rule.apply(current);
      if (planEquals(next, current)) continue;
      checked(rule, next, expected);
      current = next;
      changed = true;
      if (options.verbose) steps.push({ rule: rule.name, plan: next });
    }
    if (!changed) break;
  }
  return { plan: current, steps };
}
