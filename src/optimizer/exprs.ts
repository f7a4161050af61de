/** Expression helpers the rules share: conjunctions, boolean literals, column substitution, names. */
import type { ExprNode } from '../expr/ast.js';
import { outputName } from '../expr/names.js';
import { forEachNode, transformUp } from '../expr/visit.js';

/** The Boolean literals rules produce (`lit(true)` / `lit(false)`). */
export const TRUE: ExprNode = { kind: 'lit', value: true, dtype: 'Boolean' };
export const FALSE: ExprNode = { kind: 'lit', value: false, dtype: 'Boolean' };

/**
 * Whether `node` is the Boolean literal `value` (a null literal is neither).
 *
 * @example
 * isBoolLit(lit(true).node, true); // true
 */
export function isBoolLit(node: ExprNode, value: boolean): boolean {
  return node.kind === 'lit' && node.value === value && node.dtype === 'Boolean';
}

/**
 * The parts of an `and` chain, left to right: `a & (b & c)` gives `[a, b, c]`.
 *
 * @example
 * conjuncts(col('a').gt(1).and(col('b').lt(2)).node).length; // 2
 */
export function conjuncts(node: ExprNode): ExprNode[] {
  if (node.kind === 'binary' && node.op === 'and') return [...conjuncts(node.left), ...conjuncts(node.right)];
  // Inside `and` an untyped null is a Boolean null; split off on its own it must say so.
  return [isUntypedNull(node) ? BOOL_NULL : node];
}

/** The Boolean null: what an untyped `lit(null)` is where a Boolean is expected. */
export const BOOL_NULL: ExprNode = { kind: 'lit', value: null, dtype: 'Boolean' };

/**
 * Whether `node` is `lit(null)` with no type.
 *
 * @example
 * isUntypedNull(lit(null).node); // true
 */
export function isUntypedNull(node: ExprNode): boolean {
  return node.kind === 'lit' && node.value === null && node.dtype === null;
}

/**
 * `p0 & p1 & ...`, left-nested; null for an empty list.
 *
 * @example
 * conjoin([a, b, c]); // ((a & b) & c)
 */
export function conjoin(parts: readonly ExprNode[]): ExprNode | null {
  if (parts.length === 0) return null;
  return parts.reduce((acc, p) => ({ kind: 'binary', op: 'and', left: acc, right: p }));
}

/**
 * The expression under any aliases.
 *
 * @example
 * stripAlias(col('a').alias('b').alias('c').node); // col("a")
 */
export function stripAlias(node: ExprNode): ExprNode {
  while (node.kind === 'alias') node = node.arg;
  return node;
}

/**
 * The column an expression passes through unchanged (`col("a")` or `col("a").alias("b")`), if any.
 *
 * @example
 * passThroughColumn(col('a').alias('b').node); // 'a'
 * passThroughColumn(col('a').add(1).node);     // null
 */
export function passThroughColumn(node: ExprNode): string | null {
  const core = stripAlias(node);
  return core.kind === 'col' ? core.name : null;
}

/**
 * Replaces every `col(name)` that `map` knows with its expression.
 *
 * @example
 * substituteColumns(col('b').gt(1).node, new Map([['b', col('a').node]])); // (col("a") > 1)
 */
export function substituteColumns(node: ExprNode, map: ReadonlyMap<string, ExprNode>): ExprNode {
  return transformUp(node, (n) => (n.kind === 'col' ? (map.get(n.name) ?? n) : n));
}

/**
 * `node` producing a column called `name`: unchanged when it already does, else aliased, so a
 * rewrite never renames an output.
 *
 * @example
 * withName(lit(false).node, 'v1'); // lit(false).alias("v1")
 */
export function withName(node: ExprNode, name: string): ExprNode {
  if (outputName(node) === name) return node;
  return { kind: 'alias', arg: stripAlias(node), name };
}

/**
 * How many times each column is read in `nodes` (every occurrence counts).
 *
 * @example
 * columnReadCounts([col('p').add(col('p')).node]).get('p'); // 2
 */
export function columnReadCounts(nodes: readonly ExprNode[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const n of nodes)
    forEachNode(n, (x) => {
      if (x.kind === 'col') counts.set(x.name, (counts.get(x.name) ?? 0) + 1);
    });
  return counts;
}
