/** The optimizer's surface: the driver, the rule contract and the default rules. */
export { optimize, DEFAULT_RULES, type OptimizeOptions, type OptimizeResult, type OptimizeStep } from './optimize.js';
export type { OptimizerRule } from './rule.js';
export { OptimizerError } from './errors.js';
export { knownNulls } from './rules/known-nulls.js';
export { simplifyExpressions } from './rules/simplify-expressions.js';
export { mergeFilters } from './rules/merge-filters.js';
export { mergeProjections } from './rules/merge-projections.js';
export { predicatePushdown } from './rules/predicate-pushdown.js';
export { projectionPushdown } from './rules/projection-pushdown.js';
export { limitPushdown } from './rules/limit-pushdown.js';
