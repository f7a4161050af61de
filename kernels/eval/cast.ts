/** Kind conversions by the `cast` rules of ir.ts (truncation, range checks to null, bool as 0/1). */
import type { Vec, VecKind } from '../vec.js';
import { asF64 } from '../as-f64.js';
import { copyValidity } from './operand.js';
import { KernelCastError } from '../errors.js';

/** What a strict cast names when a value is out of range: the target type and the expression. */
export interface StrictCast {
  readonly what: string;
  readonly to: string;
}

const I32_MIN = -2147483648;
const I32_MAX = 2147483647;
/** 2^63: the first f64 above the Int64 range (2^63 - 1 is not a double). */
const I64_END = 2 ** 63;

/**
 * Convert `a` to kind `to`. Same kind returns `a` itself. f64 → i32/i64 truncates toward zero and
 * gives null when out of range or NaN; i64 → i32 gives null out of range; bool → numbers is 0/1;
 * numbers → bool is `!= 0` (so NaN is true); i64 → f64 rounds to the nearest double.
 *
 * @example
 * cast(f64Vec, 'i32', f64Vec.length); // 2.9 → 2, -2.9 → -2, NaN → null
 */
export function cast(a: Vec, to: VecKind, n: number, strict: StrictCast | null = null): Vec {
  if (a.kind === to) return a;
  if (strict !== null && (to === 'i32' || to === 'i64')) {
    const out = to === 'i32' ? toI32(a, n) : toI64(a, n);
    if (out.valid !== a.valid) raiseFirstLost(a, out, n, strict);
    return out;
  }
  switch (to) {
    case 'f64':
      return { kind: 'f64', length: n, values: asF64(a, n), valid: a.valid };
    case 'bool':
      return { kind: 'bool', length: n, values: nonZero(a, n), valid: a.valid };
    case 'i32':
      return toI32(a, n);
    case 'i64':
      return toI64(a, n);
  }
}

function nonZero(a: Vec, n: number): Uint8Array {
  const out = new Uint8Array(n);
  const v = a.values;
  if (v instanceof BigInt64Array) for (let i = 0; i < n; i++) out[i] = v[i] !== 0n ? 1 : 0;
  else if (v instanceof Float64Array) for (let i = 0; i < n; i++) out[i] = v[i] !== 0 ? 1 : 0;
  else for (let i = 0; i < n; i++) out[i] = v[i] !== 0 ? 1 : 0;
  return out;
}

function toI32(a: Vec, n: number): Vec {
  const v = a.values;
  if (v instanceof Uint8Array) return { kind: 'i32', length: n, values: new Int32Array(v.subarray(0, n)), valid: a.valid };
  const out = new Int32Array(n);
  let bad = false;
  if (v instanceof Float64Array) {
    for (let i = 0; i < n; i++) {
      const t = Math.trunc(v[i]!);
      // NaN fails both tests, so it is caught with the out-of-range values.
      if (t >= I32_MIN && t <= I32_MAX) out[i] = t;
      else bad = true;
    }
  } else {
    const b = v as BigInt64Array;
    for (let i = 0; i < n; i++) {
      const x = b[i]!;
      if (x >= -2147483648n && x <= 2147483647n) out[i] = Number(x);
      else bad = true;
    }
  }
  if (!bad) return { kind: 'i32', length: n, values: out, valid: a.valid };
  const valid = copyValidity(a.valid, n);
  if (v instanceof Float64Array) {
    for (let i = 0; i < n; i++) {
      const t = Math.trunc(v[i]!);
      if (!(t >= I32_MIN && t <= I32_MAX)) valid[i] = 0;
    }
  } else {
    const b = v as BigInt64Array;
    for (let i = 0; i < n; i++) if (b[i]! < -2147483648n || b[i]! > 2147483647n) valid[i] = 0;
  }
  return { kind: 'i32', length: n, values: out, valid };
}

function toI64(a: Vec, n: number): Vec {
  const v = a.values;
  const out = new BigInt64Array(n);
  if (!(v instanceof Float64Array)) {
    const x = v as Int32Array | Uint8Array;
    for (let i = 0; i < n; i++) out[i] = BigInt(x[i]!);
    return { kind: 'i64', length: n, values: out, valid: a.valid };
  }
  let valid: Uint8Array | null = a.valid;
  let owned = false;
  for (let i = 0; i < n; i++) {
    const t = Math.trunc(v[i]!);
    if (t >= -I64_END && t < I64_END) {
      out[i] = BigInt(t);
    } else {
      if (!owned) {
        valid = copyValidity(a.valid, n);
        owned = true;
      }
      valid![i] = 0;
    }
  }
  return { kind: 'i64', length: n, values: out, valid };
}

/** The first row that was valid before a cast and is null after it: a value out of range. */
function raiseFirstLost(a: Vec, out: Vec, n: number, strict: StrictCast): void {
  const before = a.valid;
  const after = out.valid;
  if (after === null) return;
  for (let i = 0; i < n; i++) {
    if ((before === null || before[i] !== 0) && after[i] === 0) throw new KernelCastError(String(a.values[i]), strict.to, strict.what, i);
  }
}
