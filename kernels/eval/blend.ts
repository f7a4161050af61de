/** Row-wise choice between operands, shared by `when` and `fillNull`: copy a source where a mask is set. */
import { allocValues } from '../alloc.js';
import type { Vec, VecKind } from '../vec.js';
import { isScalar, type Operand } from './operand.js';

/** Output under construction: fresh arrays the blend owns, so it may write into them. */
export interface Blend {
  readonly kind: VecKind;
  readonly values: Vec['values'];
  /** null while every row so far is valid and no source can bring a null. */
  readonly valid: Uint8Array | null;
}

/** A fresh copy of `o` to overwrite; `withValid` forces a validity mask (a later source has nulls). */
export function startBlend(o: Operand, n: number, withValid: boolean): Blend {
  const values = allocValues(o.kind, n);
  let valid: Uint8Array | null = null;
  if (isScalar(o)) {
    if (o.value !== null) {
      if (values instanceof BigInt64Array) values.fill(o.value as bigint);
      else (values as Float64Array).fill(o.value as number);
    }
    if (withValid || o.value === null) valid = new Uint8Array(n).fill(o.value === null ? 0 : 1);
  } else {
    (values as { set(a: Vec['values']): void }).set(o.values.length === n ? o.values : o.values.subarray(0, n));
    if (o.valid !== null) valid = o.valid.slice(0, n);
    else if (withValid) valid = new Uint8Array(n).fill(1);
  }
  return { kind: o.kind, values, valid };
}

/** Whether an operand can hold a null (decides if the blend needs a validity mask). */
export function mayBeNull(o: Operand): boolean {
  return isScalar(o) ? o.value === null : o.valid !== null;
}

/**
 * `out[i] = src[i]` (or the scalar) wherever `mask[i]` is 1, validity included. `out.valid` must
 * be non-null when `src` may be null.
 */
export function copyWhere(out: Blend, mask: Uint8Array, src: Operand, n: number): void {
  const o = out.values;
  if (isScalar(src)) {
    if (src.value !== null) fillWhere(o, mask, src.value, n);
  } else {
    copyValuesWhere(o, mask, src.values, n);
  }
  const ov = out.valid;
  if (ov === null) return;
  if (isScalar(src)) {
    const bit = src.value === null ? 0 : 1;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) ov[i] = bit;
  } else if (src.valid === null) {
    for (let i = 0; i < n; i++) if (mask[i] !== 0) ov[i] = 1;
  } else {
    const sv = src.valid;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) ov[i] = sv[i]!;
  }
}

/** One loop per array type keeps each loop monomorphic. */
function copyValuesWhere(o: Vec['values'], mask: Uint8Array, s: Vec['values'], n: number): void {
  if (o instanceof Float64Array) {
    const x = s as Float64Array;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x[i]!;
  } else if (o instanceof Int32Array) {
    const x = s as Int32Array;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x[i]!;
  } else if (o instanceof Uint8Array) {
    const x = s as Uint8Array;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x[i]!;
  } else {
    const x = s as BigInt64Array;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x[i]!;
  }
}

function fillWhere(o: Vec['values'], mask: Uint8Array, v: number | bigint, n: number): void {
  if (o instanceof BigInt64Array) {
    const b = v as bigint;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = b;
  } else if (o instanceof Float64Array) {
    const x = v as number;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x;
  } else if (o instanceof Int32Array) {
    const x = v as number;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x;
  } else {
    const x = v as number;
    for (let i = 0; i < n; i++) if (mask[i] !== 0) o[i] = x;
  }
}

/** Finish a blend; a mask that ended up all ones is dropped. */
export function endBlend(b: Blend, n: number): Vec {
  let valid = b.valid;
  if (valid !== null) {
    let all = 1;
    for (let i = 0; i < n && all; i++) all = valid[i]!;
    if (all) valid = null;
  }
  return { kind: b.kind, length: n, values: b.values, valid };
}
