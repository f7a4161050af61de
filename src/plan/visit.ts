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
 * The nodes with a second input, `right` (joins and as-of joins).
 *
 * @example
 * const j: BinaryPlan = joinNode;
 */
export type BinaryPlan = Extract<LogicalPlan, { kind: 'join' | 'asof' }>;

/**
 * Whether the node reads a second input, `right`.
 *
 * @example
 * hasRight(joinNode); // true
 */
export function hasRight(plan: LogicalPlan): plan is BinaryPlan {
  return plan.kind === 'join' || plan.kind === 'asof';
}

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
  const rebuilt = withInput(plan, transformPlanUp(plan.input, f));
  return f(withOtherInputs(rebuilt, (p) => transformPlanUp(p, f)));
}

/**
 * The node with `g` applied to every input after the first (a join's right side, a union's
 * or a horizontal concat's other inputs); `plan` itself when none changed.
 *
 * @example
 * withOtherInputs(unionNode, (p) => prune(p, needed));
 */
export function withOtherInputs<P extends UnaryPlan>(plan: P, g: (input: LogicalPlan) => LogicalPlan): P {
  if (hasRight(plan)) return withRight(plan, g(plan.right)) as P;
  if (plan.kind === 'union' || plan.kind === 'hconcat') {
    const rest = plan.rest.map(g);
    return rest.every((r, i) => r === plan.rest[i]) ? plan : { ...plan, rest };
  }
  return plan;
}

/**
 * A join reading `right` as its right side; `plan` itself when unchanged.
 *
 * @example
 * withRight(joinNode, prunedScan);
 */
export function withRight<P extends BinaryPlan>(plan: P, right: LogicalPlan): P {
  return plan.right === right ? plan : { ...plan, right };
}

/**
 * Every plan a node reads: none for a scan, the left then the right side for a join, a union's
 * (or a horizontal concat's) inputs in order, else its input.
 *
 * @example
 * inputsOf(joinNode).length; // 2
 */
export function inputsOf(plan: LogicalPlan): LogicalPlan[] {
  if (plan.kind === 'scan') return [];
  if (plan.kind === 'union' || plan.kind === 'hconcat') return [plan.input, ...plan.rest];
  return hasRight(plan) ? [plan.input, plan.right] : [plan.input];
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
  const rebuilt = withInput(top, transformPlanDown(top.input, f));
  return withOtherInputs(rebuilt, (p) => transformPlanDown(p, f));
}

/**
 * The nodes from the root down to the scan, following `input` (a join's left side; use
 * {@link inputsOf} to see both sides).
 *
 * @example
 * planChain(plan).map((p) => p.kind); // ['limit', 'sort', 'aggregate', 'scan']
 */
export function planChain(plan: LogicalPlan): LogicalPlan[] {
  const out: LogicalPlan[] = [];
  for (let p: LogicalPlan | null = plan; p !== null; p = inputOf(p)) out.push(p);
  return out;
}
