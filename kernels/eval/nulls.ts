/** Null handling: `isNull`, `isNotNull` (never null themselves) and `fillNull`. */
import { KernelInvariantError } from '../errors.js';
import type { Vec } from '../vec.js';
import { copyWhere, endBlend, startBlend } from './blend.js';
import { isScalar, type Operand } from './operand.js';

/**
 * A bool vector, all valid: for `isNull` 1 where the operand is null, for `isNotNull` the reverse.
 *
 * @example
 * nullness('isNull', vec, vec.length);
 */
export function nullness(op: 'isNull' | 'isNotNull', a: Operand, n: number): Vec {
  const out = new Uint8Array(n);
  const hit = op === 'isNull' ? 1 : 0;
  if (isScalar(a)) {
    if ((a.value === null) === (op === 'isNull')) out.fill(1);
  } else if (a.valid === null) {
    if (op === 'isNotNull') out.fill(1);
  } else {
    const v = a.valid;
    for (let i = 0; i < n; i++) out[i] = v[i]! ^ hit;
  }
  return { kind: 'bool', length: n, values: out, valid: null };
}

/**
 * Rows of `a`, with `fill`'s row (or constant) where `a` is null. Both have the same kind.
 *
 * @example
 * fillNull(vec, { scalar: true, kind: 'f64', value: 0 }, vec.length);
 */
export function fillNull(a: Operand, fill: Operand, n: number): Operand {
  if (a.kind !== fill.kind) throw new KernelInvariantError(`fillNull: operands are ${a.kind} and ${fill.kind}`);
  if (isScalar(a)) return a.value === null ? fill : a;
  if (a.valid === null) return a;
  const holes = new Uint8Array(n);
  const v = a.valid;
  for (let i = 0; i < n; i++) holes[i] = v[i]! ^ 1;
  const out = startBlend(a, n, true);
  copyWhere(out, holes, fill, n);
  return endBlend(out, n);
}
