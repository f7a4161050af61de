/** Boolean AND / OR / NOT with SQL's three values, as branch-free byte arithmetic over 0/1 values and masks. */
import { KernelInvariantError } from '../errors.js';
import type { Vec } from '../vec.js';

/**
 * Three-valued AND / OR of two bool vectors: `false AND null` is false, `true OR null` is true,
 * any other combination with a null is null.
 *
 * @example
 * logic('and', a, b, a.length);
 */
export function logic(op: 'and' | 'or', a: Vec, b: Vec, n: number): Vec {
  if (a.kind !== 'bool' || b.kind !== 'bool') throw new KernelInvariantError(`${op}: operands are ${a.kind} and ${b.kind}, expected bool`);
  const x = a.values as Uint8Array;
  const y = b.values as Uint8Array;
  const out = new Uint8Array(n);
  const va = a.valid;
  const vb = b.valid;
  if (va === null && vb === null) {
    if (op === 'and') for (let i = 0; i < n; i++) out[i] = x[i]! & y[i]!;
    else for (let i = 0; i < n; i++) out[i] = x[i]! | y[i]!;
    return { kind: 'bool', length: n, values: out, valid: null };
  }
  const valid = new Uint8Array(n);
  // An all-valid side reads as a mask of ones; a shared constant array keeps the loop single.
  const ma = va ?? ones(n);
  const mb = vb ?? ones(n);
  if (op === 'and') {
    for (let i = 0; i < n; i++) {
      const p = ma[i]!;
      const q = mb[i]!;
      // A known false on either side decides the row even when the other side is null.
      const decided = (p & (x[i]! ^ 1)) | (q & (y[i]! ^ 1));
      const both = p & q;
      out[i] = both & x[i]! & y[i]!;
      valid[i] = decided | both;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const p = ma[i]!;
      const q = mb[i]!;
      const decided = (p & x[i]!) | (q & y[i]!);
      out[i] = decided;
      valid[i] = decided | (p & q);
    }
  }
  return { kind: 'bool', length: n, values: out, valid };
}

/**
 * Negation; nulls stay null.
 *
 * @example
 * not(mask, mask.length);
 */
export function not(a: Vec, n: number): Vec {
  if (a.kind !== 'bool') throw new KernelInvariantError(`not: operand is ${a.kind}, expected bool`);
  const x = a.values as Uint8Array;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i]! ^ 1;
  return { kind: 'bool', length: n, values: out, valid: a.valid };
}

let onesCache = new Uint8Array(0);

/** A read-only mask of at least `n` ones, reused across calls. */
function ones(n: number): Uint8Array {
  if (onesCache.length < n) onesCache = new Uint8Array(Math.max(n, 2 * onesCache.length)).fill(1);
  return onesCache;
}
