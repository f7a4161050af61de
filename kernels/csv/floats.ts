/** Float parsing straight from bytes, bit-for-bit equal to `Number(text)` (Clinger's fast path, else Number). */
import { asciiText } from './ascii.js';

const MINUS = 45;
const PLUS = 43;
const DOT = 46;
const ZERO = 48;
const LOWER_E = 101;
/** OR-ing an ASCII letter with this lowercases it. */
const CASE_BIT = 0x20;
/** Below 10^15 every integer is exact in a double. */
const FAST_DIGITS = 15;
/** 10^0 .. 10^22: all exactly representable, so one multiply or divide by them rounds correctly. */
const POW10 = Float64Array.from({ length: 23 }, (_, i) => Number(`1e${i}`));
/** Exponents are clamped here while scanning; anything this large goes to Number() anyway. */
const EXP_CLAMP = 100_000;

/**
 * Parses a float in bytes [start, end), returning exactly what `Number(text)` returns for the
 * grammar accepted: `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`, plus the
 * special spellings Python, pandas, Rust, Polars and JavaScript write: `NaN`, `nan`, `inf`,
 * `Infinity`, and the last two with a sign. Case matters, so a word like `Nan` stays text. No
 * whitespace, hex, or `_`. The reader's one float parser: schema inference asks it too.
 *
 * Returns NaN for invalid text too: when the result is NaN, isNanLiteral tells the two apart.
 *
 * Why exact: a mantissa of at most 15 significant digits is an exact double, and so is 10^k for
 * k <= 22, so `m * 10^k` and `m / 10^k` are single correctly rounded operations, which is what
 * Number() computes. Everything else falls back to Number() on the (validated ASCII) text.
 */
export function parseFloat64Bytes(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  let neg = false;
  const c = bytes[i];
  if (c === MINUS) {
    neg = true;
    i++;
  } else if (c === PLUS) i++;
  const body = i;
  let mant = 0;
  let sig = 0;
  let exp = 0;
  let digits = 0;
  for (; i < end; i++) {
    const d = bytes[i]! - ZERO;
    if (d < 0 || d > 9) break;
    digits++;
    if (mant !== 0 || d !== 0) {
      sig++;
      mant = mant * 10 + d;
    }
  }
  if (i < end && bytes[i] === DOT) {
    for (i++; i < end; i++) {
      const d = bytes[i]! - ZERO;
      if (d < 0 || d > 9) break;
      digits++;
      exp--;
      if (mant !== 0 || d !== 0) {
        sig++;
        mant = mant * 10 + d;
      }
    }
  }
  if (digits === 0) return i === body ? infinity(bytes, body, end, neg) : NaN;
  if (i < end && (bytes[i]! | CASE_BIT) === LOWER_E) {
    i++;
    let eneg = false;
    const s = bytes[i];
    if (s === MINUS) {
      eneg = true;
      i++;
    } else if (s === PLUS) i++;
    const first = i;
    let e = 0;
    for (; i < end; i++) {
      const d = bytes[i]! - ZERO;
      if (d < 0 || d > 9) break;
      if (e < EXP_CLAMP) e = e * 10 + d;
    }
    if (i === first) return NaN;
    exp += eneg ? -e : e;
  }
  if (i !== end) return NaN;
  if (sig <= FAST_DIGITS) {
    if (mant === 0) return neg ? -0 : 0;
    let v: number;
    if (exp >= 0 && exp <= 22) v = mant * POW10[exp]!;
    else if (exp < 0 && exp >= -22) v = mant / POW10[-exp]!;
    // 12e25: shift spare digits into the mantissa first, where they stay exact.
    else if (exp > 22 && exp - 22 <= FAST_DIGITS - sig) v = mant * POW10[exp - 22]! * 1e22;
    else return Number(asciiText(bytes, start, end));
    return neg ? -v : v;
  }
  return Number(asciiText(bytes, start, end));
}

/** Whether bytes [start, end) spell NaN as parseFloat64Bytes accepts it: `NaN` or `nan`, unsigned. */
export function isNanLiteral(bytes: Uint8Array, start: number, end: number): boolean {
  return end - start === 3 && (wordAt(bytes, start, 'NaN') || wordAt(bytes, start, 'nan'));
}

/**
 * `inf` or `Infinity` at bytes [i, end) as a signed infinity; NaN for anything else, including the
 * NaN spellings, which isNanLiteral tells apart from invalid text.
 */
function infinity(bytes: Uint8Array, i: number, end: number, neg: boolean): number {
  const len = end - i;
  if ((len === 3 && wordAt(bytes, i, 'inf')) || (len === 8 && wordAt(bytes, i, 'Infinity'))) return neg ? -Infinity : Infinity;
  return NaN;
}

/** Exact match of an ASCII word at bytes[i]. */
function wordAt(bytes: Uint8Array, i: number, word: string): boolean {
  for (let k = 0; k < word.length; k++) if (bytes[i + k] !== word.charCodeAt(k)) return false;
  return true;
}
