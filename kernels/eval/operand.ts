/** Operands of kernels: a vector, or a constant kept as a scalar so no broadcast array is built. */
import { allocValues } from '../alloc.js';
import type { Vec, VecKind } from '../vec.js';

/** A constant operand. Booleans are 0/1 numbers and i64 values bigints; `null` is a typed null. */
export interface Scalar {
  readonly scalar: true;
  readonly kind: VecKind;
  readonly value: number | bigint | null;
}

export type Operand = Vec | Scalar;

/** Whether an operand is a constant rather than a vector. */
export function isScalar(o: Operand): o is Scalar {
  return (o as Scalar).scalar === true;
}

/**
 * The scalar of a `const` node. The IR carries i64 as decimal strings (JSON has no bigint) and may
 * carry non-finite f64 as strings ("NaN", "Infinity") when a plan went through JSON.
 */
export function constScalar(kind: VecKind, value: number | string | boolean | null): Scalar {
  if (value === null) return { scalar: true, kind, value: null };
  switch (kind) {
    case 'i64':
      return { scalar: true, kind, value: BigInt.asIntN(64, BigInt(value)) };
    case 'bool':
      return { scalar: true, kind, value: value === true || value === 1 ? 1 : 0 };
    case 'i32':
      return { scalar: true, kind, value: Number(value) | 0 };
    case 'f64':
      return { scalar: true, kind, value: Number(value) };
  }
}

/** A vector holding `s` in every row: a typed null is all-invalid, anything else all-valid. */
export function broadcast(s: Scalar, length: number): Vec {
  const values = allocValues(s.kind, length);
  if (s.value === null) return { kind: s.kind, length, values, valid: new Uint8Array(length) };
  if (values instanceof BigInt64Array) values.fill(s.value as bigint);
  else (values as Float64Array).fill(s.value as number);
  return { kind: s.kind, length, values, valid: null };
}

/** The operand as a vector: constants are broadcast, vectors returned as they are. */
export function materialize(o: Operand, length: number): Vec {
  return isScalar(o) ? broadcast(o, length) : o;
}

/** A fresh all-valid mask, for kernels that add nulls of their own to inputs without any. */
export function copyValidity(valid: Uint8Array | null, length: number): Uint8Array {
  return valid === null ? new Uint8Array(length).fill(1) : valid.slice(0, length);
}
