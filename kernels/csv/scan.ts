/** Fused number scanners: find where an unquoted number field ends and compute its value on the way. */

/** Below 10^15 every integer is exact in a double, so digits-then-divide rounds once, correctly. */
const MAX_EXACT_DIGITS = 15;
const POW10 = Float64Array.from({ length: MAX_EXACT_DIGITS + 1 }, (_, i) => Number(`1e${i}`));

// The byte constants below are declared inside each function on purpose: V8 folds a local
// `const` into the compiled loop, but reloads a module-level one from the module context on every
// use, which measured as a sizable share of these loops.

/**
 * Scans `-?[0-9]+` from `i`, leaving its int32 value in value[0], or NaN when it has no digits
 * or does not fit. Returns where it stopped: the value only stands if the field ends there.
 */
export function scanInt32(bytes: Uint8Array, i: number, n: number, value: Float64Array): number {
  const MINUS = 45;
  const ZERO = 48;
  const neg = bytes[i] === MINUS;
  if (neg) i++;
  const first = i;
  let v = 0;
  for (; i < n; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) break;
    v = v * 10 + d;
  }
  const digits = i - first;
  value[0] = digits === 0 || digits > 10 || v > (neg ? 2147483648 : 2147483647) ? NaN : neg ? -v : v;
  return i;
}

/**
 * Scans `-?[0-9]*(\.[0-9]*)?` from `i`, leaving its float value in value[0], or NaN when it has no
 * digits or more than 15 (leading zeros included, to keep the check cheap). With at most 15
 * digits the mantissa is exact and one division by an exact power of ten rounds correctly, as
 * Number() does. Returns where it stopped: the value only stands if the field ends there.
 */
export function scanDecimal(bytes: Uint8Array, i: number, n: number, value: Float64Array): number {
  const MINUS = 45;
  const DOT = 46;
  const ZERO = 48;
  const neg = bytes[i] === MINUS;
  if (neg) i++;
  const first = i;
  let m = 0;
  for (; i < n; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) break;
    m = m * 10 + d;
  }
  let digits = i - first;
  let frac = 0;
  if (i < n && bytes[i] === DOT) {
    const f = ++i;
    for (; i < n; i++) {
      const d = bytes[i]! - ZERO;
      if (d < 0 || d > 9) break;
      m = m * 10 + d;
    }
    frac = i - f;
    digits += frac;
  }
  if (digits === 0 || digits > 15) value[0] = NaN;
  else {
    const v = frac === 0 ? m : m / POW10[frac]!;
    value[0] = neg ? -v : v;
  }
  return i;
}
