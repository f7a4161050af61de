/** Integer parsing straight from bytes, with overflow detection; BigInt only for values past 2^53. */

const MINUS = 45;
const PLUS = 43;
const ZERO = 48;
const INT32_LIMIT = 2147483648;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** Up to 15 digits any value is below 2^53, so double arithmetic stays exact. */
const SAFE_DIGITS = 15;

/**
 * Parses `[+-]?[0-9]+` in bytes [start, end) as an int32. Leading zeros are fine (`007` → 7).
 * Returns NaN for anything else, including values outside the int32 range and whitespace.
 */
export function parseInt32Bytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  const c = bytes[i];
  if (c === MINUS) {
    neg = true;
    i++;
  } else if (c === PLUS) i++;
  if (i >= end) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
    if (v > INT32_LIMIT) return NaN;
  }
  if (neg) return -v | 0;
  return v === INT32_LIMIT ? NaN : v;
}

/**
 * Parses `[+-]?[0-9]+` as a number when it has at most 15 significant digits (so it is exact).
 * Returns NaN when the text is not an integer or needs more digits: then use parseBigIntBytes.
 */
export function parseSafeIntBytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  const c = bytes[i];
  if (c === MINUS) {
    neg = true;
    i++;
  } else if (c === PLUS) i++;
  if (i >= end) return NaN;
  while (i < end - 1 && bytes[i] === ZERO) i++;
  if (end - i > SAFE_DIGITS) return NaN;
  let v = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) return NaN;
    v = v * 10 + d;
  }
  return neg ? -v : v;
}

/** Parses `[+-]?[0-9]+` as an int64 bigint of any digit count; null when invalid or out of range. */
export function parseBigIntBytes(bytes: Uint8Array, start: number, end: number): bigint | null {
  let i = start;
  const c = bytes[i];
  const neg = c === MINUS;
  if (neg || c === PLUS) i++;
  if (i >= end) return null;
  for (let j = i; j < end; j++) {
    const d = bytes[j]! - ZERO;
    if (d < 0 || d > 9) return null;
  }
  while (i < end - 1 && bytes[i] === ZERO) i++;
  // 2^63 has 19 digits; the bound also keeps the text below argument-count limits.
  if (end - i > 19) return null;
  // Validated ASCII digits, so a byte-to-char copy is the exact text.
  const digits = BigInt(String.fromCharCode.apply(null, bytes.subarray(i, end) as unknown as number[]));
  const v = neg ? -digits : digits;
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** Parses an int64: the number fast path when exact, BigInt otherwise. Null when invalid or out of range. */
export function parseInt64Bytes(bytes: Uint8Array, start: number, end: number): bigint | null {
  const v = parseSafeIntBytes(bytes, start, end);
  return v === v ? BigInt(v) : parseBigIntBytes(bytes, start, end);
}
