/** explain(): a plan shown as built, after each optimizer rule, optimized, and as it would run. */
import { optimize } from '../optimizer/optimize.js';
import { physicalPlanToString } from '../physical/display.js';
import type { ExecOptions } from '../physical/options.js';
import { planToString } from '../plan/display.js';
import type { LogicalPlan } from '../plan/nodes.js';

/**
 * What `explain()` shows; the execution options shape the physical plan shown.
 *
 * @example
 * lf.explain({ verbose: true, threads: 4 });
 */
export interface ExplainOptions extends ExecOptions {
  /** Also show the plan as built and after every optimizer rule that changed it. */
  verbose?: boolean;
  /** Optimize before showing (default true). */
  optimize?: boolean;
}

/**
 * The optimized logical plan and the physical plan it runs as (see `LazyFrame.explain`).
 *
 * @example
 * explainPlan(scanFramePlan(table), { verbose: true });
 */
export function explainPlan(input: LogicalPlan, options: ExplainOptions = {}): string {
  const { verbose = false, optimize: doOptimize = true, ...exec } = options;
  const parts: string[] = [];
  let plan = input;
  if (doOptimize) {
    const result = optimize(input, { verbose });
    if (verbose) {
      parts.push(section('logical plan', input));
      for (const step of result.steps) parts.push(section(`after ${step.rule}`, step.plan));
    }
    plan = result.plan;
    parts.push(section('optimized logical plan', plan));
  } else {
    parts.push(section('logical plan (not optimized)', plan));
  }
  parts.push(`== physical plan ==\n${physicalPlanToString(plan, exec)}`);
  return parts.join('\n\n');
}

function section(title: string, plan: LogicalPlan): string {
  return `== ${title} ==\n${planToString(plan)}`;
}
