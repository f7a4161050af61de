/** Plain JS views of vectors for tests: one value per row, null where invalid. */
import type { Vec, VecKind } from '../../../kernels/vec.js';

/** A row value as the reference evaluator sees it: numbers, bigints (i64), booleans, or null. */
export type JsValue = number | bigint | boolean | null;

export function toJs(v: Vec): JsValue[] {
  const out: JsValue[] = [];
  for (let i = 0; i < v.length; i++) {
    if (v.valid !== null && v.valid[i] === 0) out.push(null);
    else if (v.kind === 'bool') out.push(v.values[i] === 1);
    else out.push(v.values[i]!);
  }
  return out;
}

/** Build a vector from JS values (nulls leave a 0 under an invalid row). */
export function fromJs(kind: VecKind, values: readonly JsValue[]): Vec {
  const n = values.length;
  const valid = new Uint8Array(n);
  let nulls = 0;
  const arr =
    kind === 'i32' ? new Int32Array(n) : kind === 'f64' ? new Float64Array(n) : kind === 'i64' ? new BigInt64Array(n) : new Uint8Array(n);
  values.forEach((x, i) => {
    if (x === null) {
      nulls++;
      return;
    }
    valid[i] = 1;
    if (arr instanceof BigInt64Array) arr[i] = x as bigint;
    else (arr as Float64Array)[i] = typeof x === 'boolean' ? (x ? 1 : 0) : (x as number);
  });
  return { kind, length: n, values: arr, valid: nulls === 0 ? null : valid };
}

/** Equality that tells -0 from 0 and treats NaN as equal to NaN: results must match bit for bit. */
export function sameValue(a: JsValue, b: JsValue): boolean {
  return Object.is(a, b);
}

/** Index of the first row where two value lists differ, or -1. */
export function firstMismatch(a: readonly JsValue[], b: readonly JsValue[]): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i]!, b[i]!)) return i;
  return -1;
}

/** A deep copy of a vector's arrays, to check later that a kernel did not write into its inputs. */
export function snapshot(v: Vec): { values: unknown[]; valid: number[] | null } {
  return { values: Array.from(v.values as ArrayLike<unknown>), valid: v.valid && Array.from(v.valid) };
}
