/** Whether a predicate reads Float64 group keys only up to key equality (-0 is 0, NaN is NaN). */
import type { ExprNode } from '../expr/ast.js';
import { children } from '../expr/visit.js';

/**
 * How a subexpression depends on Float64 keys whose equal values (`-0` and `0`; every NaN) were
 * merged into one group: `same` gives one value for every member of a key's class, `classwise`
 * gives values that are equal as keys (`-0` for one member, `0` for another), `any` may tell the
 * members apart (`1 / x` is `-Infinity` for `-0` and `Infinity` for `0`).
 */
type Dependence = 'same' | 'classwise' | 'any';

function worst(ds: readonly Dependence[]): Dependence {
  return ds.includes('any') ? 'any' : ds.includes('classwise') ? 'classwise' : 'same';
}

/** Comparisons use the kernels' total order, where `-0 == 0` and `NaN == NaN`: equal keys compare alike. */
const COMPARES = new Set(['eq', 'neq', 'lt', 'lte', 'gt', 'gte']);

/** Operations that map class-equal inputs to class-equal outputs (`-0 * c` and `0 * c` are both ±0 or NaN). */
const SIGN_BLIND_ARITH = new Set(['add', 'sub', 'mul']);
const SIGN_BLIND_UNARY = new Set(['neg', 'abs', 'floor', 'ceil', 'sqrt']);

function dependence(node: ExprNode, keys: ReadonlySet<string>): Dependence {
  switch (node.kind) {
    case 'col':
      return keys.has(node.name) ? 'classwise' : 'same';
    case 'lit':
      return 'same';
    case 'alias':
      return dependence(node.arg, keys);
    case 'binary': {
      const l = dependence(node.left, keys);
      const r = dependence(node.right, keys);
      if (COMPARES.has(node.op)) return l === 'any' || r === 'any' ? 'any' : 'same';
      if (SIGN_BLIND_ARITH.has(node.op)) return worst([l, r]);
      // x / c: ±0 / c is ±0, or NaN for c = ±0 or NaN; c / x tells -0 from 0.
      if (node.op === 'div') return r === 'same' ? l : 'any';
      return l === 'same' && r === 'same' ? 'same' : 'any';
    }
    case 'unary': {
      const a = dependence(node.arg, keys);
      if (node.op === 'isNull' || node.op === 'isNotNull') return 'same';
      if (SIGN_BLIND_UNARY.has(node.op)) return a;
      return a === 'same' ? 'same' : 'any';
    }
    case 'isIn': // a Set of numbers: -0 and 0 are one value, NaN is NaN
    case 'between': {
      const d = worst(children(node).map((c) => dependence(c, keys)));
      return d === 'any' ? 'any' : 'same';
    }
    case 'fillNull':
      return worst([dependence(node.arg, keys), dependence(node.fill, keys)]);
    default: {
      // Any other function of inputs that do not depend on the keys' members does not either.
      const d = worst(children(node).map((c) => dependence(c, keys)));
      return d === 'same' ? 'same' : 'any';
    }
  }
}

/**
 * Whether `predicate` gives the same answer for every member of each key's class, where `keys`
 * names the Float64 columns an operator merged by equality (group-by keys, a distinct subset).
 * Only then may the predicate move below that operator: above it, a group's key is one member
 * (the canonical `0`, or the first row's `-0` for a distinct), below it each row has its own.
 * Conservative: a function not known to respect the classes counts as telling members apart.
 *
 * @example
 * readsKeysByClass(col('x').gt(0).node, new Set(['x']));         // true
 * readsKeysByClass(lit(1).div(col('x')).gt(0).node, new Set(['x'])); // false: 1/-0 < 0 < 1/0
 */
export function readsKeysByClass(predicate: ExprNode, keys: ReadonlySet<string>): boolean {
  return keys.size === 0 || dependence(predicate, keys) === 'same';
}
