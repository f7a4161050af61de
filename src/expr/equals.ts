/** Structural equality of expression trees, and a canonical string key for maps and sets. */
import type { ExprNode } from './ast.js';

type Plain = null | undefined | number | string | boolean | readonly Plain[] | { readonly [k: string]: Plain };

/** Properties whose value is `undefined` count as absent, as they do after a JSON round trip. */
function definedKeys(o: { readonly [k: string]: Plain }): string[] {
  return Object.keys(o).filter((k) => o[k] !== undefined);
}

function same(a: Plain, b: Plain): boolean {
  if (typeof a === 'number' || typeof b === 'number') return Object.is(a, b);
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x: Plain, i: number) => same(x, b[i] as Plain));
  }
  const ao = a as { readonly [k: string]: Plain };
  const bo = b as { readonly [k: string]: Plain };
  const ka = definedKeys(ao);
  if (ka.length !== definedKeys(bo).length) return false;
  return ka.every((k) => same(ao[k], bo[k]));
}

/**
 * Whether two expressions are the same tree: same kinds, ops, names, literal values and types.
 * Number literals compare with `Object.is` (so `0` and `-0` differ, as they do in float math).
 *
 * @example
 * exprEquals(col('a').add(1).node, col('a').add(1).node); // true
 * exprEquals(lit(1).node, lit(1, 'Float64').node);        // false: the types differ
 */
export function exprEquals(a: ExprNode, b: ExprNode): boolean {
  return same(a as unknown as Plain, b as unknown as Plain);
}

function keyOf(v: Plain): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'number':
      return Object.is(v, -0) ? '-0' : Number.isFinite(v) ? String(v) : `#${v}`;
    case 'string':
      return JSON.stringify(v);
    case 'boolean':
      return String(v);
  }
  if (Array.isArray(v)) return `[${v.map(keyOf).join(',')}]`;
  const o = v as { readonly [k: string]: Plain };
  return `{${definedKeys(o)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${keyOf(o[k])}`)
    .join(',')}}`;
}

/**
 * A canonical string for an expression: `exprKey(a) === exprKey(b)` exactly when
 * `exprEquals(a, b)`. Use it to key maps (deduplicating aggregations, matching a group key).
 *
 * @example
 * const seen = new Map<string, number>();
 * seen.set(exprKey(col('v1').sum().node), 0);
 */
export function exprKey(node: ExprNode): string {
  return keyOf(node as unknown as Plain);
}
