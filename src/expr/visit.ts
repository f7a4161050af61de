/** Generic tree helpers over expression nodes, so rewrites need no switch per caller. */
import { InternalError } from '../errors.js';
import type { ExprNode } from './ast.js';

/**
 * The direct sub-expressions of `node`, left to right as the expression reads:
 * binary `[left, right]`; pow `[base, exponent]`; fillNull `[arg, fill]`; between
 * `[arg, lower, upper]`; when `[when0, then0, when1, then1, ..., otherwise]`; concatStr its args; agg `[arg?, arg2?]`;
 * every other non-leaf `[arg]`; col and lit `[]`.
 *
 * @example
 * children(col('a').add(1).node); // [col("a") node, 1 node]
 */
export function children(node: ExprNode): ExprNode[] {
  switch (node.kind) {
    case 'col':
    case 'lit':
      return [];
    case 'binary':
      return [node.left, node.right];
    case 'pow':
      return [node.base, node.exponent];
    case 'fillNull':
      return [node.arg, node.fill];
    case 'between':
      return [node.arg, node.lower, node.upper];
    case 'when':
      return [...node.branches.flatMap((b) => [b.when, b.then]), node.otherwise];
    case 'concatStr':
      return [...node.args];
    case 'agg': {
      const out: ExprNode[] = [];
      if (node.arg !== null) out.push(node.arg);
      if (node.arg2 !== undefined) out.push(node.arg2);
      return out;
    }
    default:
      return [node.arg];
  }
}

function take(kids: readonly ExprNode[], i: number, node: ExprNode): ExprNode {
  const k = kids[i];
  if (k === undefined) throw new InternalError(`withChildren: too few children for a ${node.kind} node`);
  return k;
}

/**
 * `node` with its children replaced by `kids` (same order and count as {@link children}). Returns
 * `node` itself when every child is the same object, so rewrites can detect "nothing changed".
 *
 * @example
 * withChildren(col('a').add(1).node, [col('b').node, lit(2).node]); // (col("b") + 2)
 */
export function withChildren(node: ExprNode, kids: readonly ExprNode[]): ExprNode {
  const old = children(node);
  if (old.length !== kids.length)
    throw new InternalError(`withChildren: a ${node.kind} node has ${old.length} children, got ${kids.length}`);
  if (old.every((c, i) => c === kids[i])) return node;
  const k = (i: number) => take(kids, i, node);
  switch (node.kind) {
    case 'col':
    case 'lit':
      return node;
    case 'binary':
      return { ...node, left: k(0), right: k(1) };
    case 'pow':
      return { ...node, base: k(0), exponent: k(1) };
    case 'fillNull':
      return { ...node, arg: k(0), fill: k(1) };
    case 'between':
      return { ...node, arg: k(0), lower: k(1), upper: k(2) };
    case 'when':
      return {
        ...node,
        branches: node.branches.map((_, i) => ({ when: k(2 * i), then: k(2 * i + 1) })),
        otherwise: k(kids.length - 1),
      };
    case 'concatStr':
      return { ...node, args: node.args.map((_, i) => k(i)) };
    case 'agg': {
      let i = 0;
      const arg = node.arg === null ? null : k(i++);
      return node.arg2 === undefined ? { ...node, arg } : { ...node, arg, arg2: k(i) };
    }
    default:
      return { ...node, arg: k(0) };
  }
}

/**
 * `node` with `f` applied to each direct child (not recursively); `node` itself when `f` changed
 * nothing.
 *
 * @example
 * mapChildren(node, (c) => (c.kind === 'col' ? { kind: 'col', name: c.name.toUpperCase() } : c));
 */
export function mapChildren(node: ExprNode, f: (child: ExprNode) => ExprNode): ExprNode {
  return withChildren(node, children(node).map(f));
}

/**
 * Bottom-up rewrite: children first, then `f` on the rebuilt node. Unchanged subtrees keep their
 * identity.
 *
 * @example
 * // rename column "a" to "x" everywhere
 * transformUp(node, (n) => (n.kind === 'col' && n.name === 'a' ? { kind: 'col', name: 'x' } : n));
 */
export function transformUp(node: ExprNode, f: (node: ExprNode) => ExprNode): ExprNode {
  return f(mapChildren(node, (c) => transformUp(c, f)));
}

/**
 * Top-down rewrite: `f` on the node first, then on the children of what it returned.
 *
 * @example
 * transformDown(node, (n) => (n.kind === 'alias' ? n.arg : n)); // strips every alias
 */
export function transformDown(node: ExprNode, f: (node: ExprNode) => ExprNode): ExprNode {
  return mapChildren(f(node), (c) => transformDown(c, f));
}

/**
 * Calls `f` on every node, parents before children, left to right.
 *
 * @example
 * forEachNode(node, (n) => { if (n.kind === 'col') names.add(n.name); });
 */
export function forEachNode(node: ExprNode, f: (node: ExprNode) => void): void {
  f(node);
  for (const c of children(node)) forEachNode(c, f);
}

/**
 * Whether any node in the tree (the root included) satisfies `pred`; stops at the first match.
 *
 * @example
 * anyNode(node, (n) => n.kind === 'agg'); // does it aggregate?
 */
export function anyNode(node: ExprNode, pred: (node: ExprNode) => boolean): boolean {
  if (pred(node)) return true;
  return children(node).some((c) => anyNode(c, pred));
}
