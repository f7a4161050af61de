/** What an expression is called in its output, which columns it reads, and whether it aggregates. */
import type { ExprNode } from './ast.js';
import { anyNode, children, forEachNode } from './visit.js';

/** Searching left to right, the first alias or column names the expression. */
function findName(node: ExprNode): string | undefined {
  switch (node.kind) {
    case 'alias':
    case 'col':
      return node.name;
    case 'agg':
      if (node.arg === null) return node.fn;
      break;
    case 'when':
      // As in Polars: a when/then is named after its first `then`, so `then(1)` gives "literal"
      // even when the condition reads a column.
      return findName(node.branches[0]?.then ?? node.otherwise) ?? 'literal';
  }
  for (const c of children(node)) {
    const name = findName(c);
    if (name !== undefined) return name;
  }
  return undefined;
}

/**
 * The name of the column an expression produces: the outermost alias wins, else the leftmost
 * column (or alias) it reads, else "len" for `len()`, else "literal". A when/then takes the name
 * of its first `then` value.
 *
 * @example
 * outputName(col('v1').sum().node);            // 'v1'
 * outputName(col('v1').sum().alias('s').node); // 's'
 * outputName(lit(1).add(col('a')).node);       // 'a'
 * outputName(lit(1).node);                     // 'literal'
 */
export function outputName(node: ExprNode): string {
  return findName(node) ?? 'literal';
}

/**
 * The distinct column names an expression reads, in order of first appearance.
 *
 * @example
 * columnsUsed(col('b').add(col('a')).mul(col('b')).node); // ['b', 'a']
 */
export function columnsUsed(node: ExprNode): string[] {
  const seen = new Set<string>();
  forEachNode(node, (n) => {
    if (n.kind === 'col') seen.add(n.name);
  });
  return [...seen];
}

/**
 * Whether the expression contains an aggregation anywhere (`len()` included).
 *
 * @example
 * containsAgg(col('v1').sum().add(1).node); // true
 * containsAgg(col('v1').add(1).node);       // false
 */
export function containsAgg(node: ExprNode): boolean {
  return anyNode(node, (n) => n.kind === 'agg');
}
