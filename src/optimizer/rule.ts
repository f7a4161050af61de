/** The contract every optimizer rule follows. */
import type { LogicalPlan } from '../plan/nodes.js';

/**
 * One rewrite of a logical plan. `apply` must return a plan with the same output schema (the
 * driver checks this after every rule) and should return an equal plan when it has nothing to
 * do, so that the driver can stop at a fixed point.
 *
 * @example
 * const dropTrueFilters: OptimizerRule = {
 *   name: 'drop-true-filters',
 *   apply: (plan) => transformPlanUp(plan, (p) => (p.kind === 'filter' && isTrue(p.predicate) ? p.input : p)),
 * };
 */
export interface OptimizerRule {
  /** Kebab-case name shown by `explain({ verbose: true })`. */
  readonly name: string;
  apply(plan: LogicalPlan): LogicalPlan;
}
