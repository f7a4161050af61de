/** Generic helpers over logical plan trees, so optimizer rules need no switch per node kind. */
import type { LogicalPlan } from './nodes.js';

/**
 * Every plan node that reads another plan.
 *
 * @example
 * const f: UnaryPlan = { kind: 'limit', input: scan, n: 5, offset: 0 };
 */
export type UnaryPlan = Exclude<LogicalPlan, { kind: 'scan' }>;

/**
 * The node's input, or null for a scan (the only leaf).
 *
 * @example
 * inputOf(filterNode) === filterNode.input; // true
 */
export function inputOf(plan: LogicalPlan): LogicalPlan | null {
  return plan.kind === 'scan' ? null : plan.input;
}

/**
 * The same node reading `input` instead. Returns `plan` itself when the input is unchanged, so a
 * rewrite can tell that nothing moved.
 *
 * @example
 * withInput(sortNode, prunedScan);
 */
export function withInput<P extends UnaryPlan>(plan: P, input: LogicalPlan): P {
  return plan.input === input ? plan : { ...plan, input };
}

/**
 * Bottom-up rewrite: inputs first, then `f` on the rebuilt node.
 *
 * @example
 * transformPlanUp(plan, (p) => (p.kind === 'filter' && isTrue(p.predicate) ? p.input : p));
 */
export function transformPlanUp(plan: LogicalPlan, f: (plan: LogicalPlan) => LogicalPlan): LogicalPlan {
  if (plan.kind === 'scan') return f(plan);
  return f(withInput(plan, transformPlanUp(plan.input, f)));
}

/**
 * Top-down rewrite: `f` on the node first, then on the input of what it returned.
 *
 * @example
 * transformPlanDown(plan, (p) => (p.kind === 'filter' && p.input.kind === 'filter' ? merge(p) : p));
 */
export function transformPlanDown(plan: LogicalPlan, f: (plan: LogicalPlan) => LogicalPlan): LogicalPlan {
  const top = f(plan);
  if (top.kind === 'scan') return top;
  return withInput(top, transformPlanDown(top.input, f));
}

/**
 * The nodes from the root down to the scan.
 *
 * @example
 * planChain(plan).map((p) => p.kind); // ['limit', 'sort', 'aggregate', 'scan']
 */
export function planChain(plan: LogicalPlan): LogicalPlan[] {
  const out: LogicalPlan[] = [];
  for (let p: LogicalPlan | null = plan; p !== null; p = inputOf(p)) out.push(p);
  return out;
}
