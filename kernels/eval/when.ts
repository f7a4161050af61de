/** `when(c1).then(x1).when(c2).then(x2).otherwise(y)`: the first branch whose condition is true wins. */
import { KernelInvariantError } from '../errors.js';
import type { Vec, VecKind } from '../vec.js';
import { copyWhere, endBlend, mayBeNull, startBlend } from './blend.js';
import type { Operand } from './operand.js';

/**
 * Choose per row among branch values. A null condition counts as false. Branches are applied from
 * last to first over the `otherwise` values, so an earlier true branch overwrites a later one and
 * no per-row "already decided" flag is needed.
 *
 * @example
 * when('f64', [cond], [thenVec], otherwiseScalar, n);
 */
export function when(kind: VecKind, conds: readonly Vec[], thens: readonly Operand[], otherwise: Operand, n: number): Vec {
  if (otherwise.kind !== kind || thens.some((t) => t.kind !== kind)) throw new KernelInvariantError(`when: every branch must be ${kind}`);
  const withValid = mayBeNull(otherwise) || thens.some(mayBeNull);
  const out = startBlend(otherwise, n, withValid);
  for (let b = conds.length - 1; b >= 0; b--) {
    const c = conds[b]!;
    if (c.kind !== 'bool') throw new KernelInvariantError(`when: condition is ${c.kind}, expected bool`);
    copyWhere(out, trueRows(c, n), thens[b]!, n);
  }
  return endBlend(out, n);
}

function trueRows(c: Vec, n: number): Uint8Array {
  const x = c.values as Uint8Array;
  if (c.valid === null) return x;
  const v = c.valid;
  const m = new Uint8Array(n);
  for (let i = 0; i < n; i++) m[i] = x[i]! & v[i]!;
  return m;
}
