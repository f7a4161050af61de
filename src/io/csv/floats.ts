/** Parsing of one CSV field into a Float64, exact and without the leniency of Number(). */

/**
 * Spellings of the IEEE special values accepted in Float64 columns: those written by Python,
 * pandas, Rust, Polars and JavaScript. Case matters so a word like "Nan" stays text.
 */
export const FLOAT_SPECIALS: ReadonlyMap<string, number> = new Map([
  ['NaN', NaN],
  ['nan', NaN],
  ['inf', Infinity],
  ['+inf', Infinity],
  ['-inf', -Infinity],
  ['Infinity', Infinity],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
]);

/**
 * A Float64, or undefined when `s` is not a decimal number or one of {@link FLOAT_SPECIALS}.
 *
 * @example
 * parseFloat64('1e5'); // 100000
 * parseFloat64('-inf'); // -Infinity
 */
export function parseFloat64(s: string): number | undefined {
  const fast = simpleDecimal(s);
  if (fast === fast) return fast;
  const v = +s;
  // Number() also takes blanks around the digits, hex/binary/octal and "Infinity": the first and
  // last characters rule those out far faster than a regular expression would
  if (v === v && startsDecimal(s) && endsDecimal(s)) return v;
  return FLOAT_SPECIALS.get(s);
}

/** Exact powers of ten as doubles. */
const POW10 = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * `[-+]digits[.digits]` with at most 15 digits, or NaN for anything else. Such a mantissa and
 * its power of ten are exact doubles, so one division rounds correctly (Clinger's fast path),
 * and it skips V8's general string-to-number conversion, the reader's costliest step on floats.
 */
function simpleDecimal(s: string): number {
  const n = s.length;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */) {
    neg = true;
    i = 1;
  } else if (c0 === 43 /* + */) i = 1;
  let m = 0;
  let digits = 0;
  let scale = -1; // digits after the point, -1 before it
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46 /* . */ && scale < 0) scale = 0;
    else {
      const d = c - 48;
      if (d < 0 || d > 9 || ++digits > 15) return NaN;
      m = m * 10 + d;
      if (scale >= 0) scale++;
    }
  }
  if (digits === 0) return NaN;
  const v = scale > 0 ? m / POW10[scale]! : m;
  return neg ? -v : v;
}

function startsDecimal(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c === 48 /* 0 */) {
    const x = s.charCodeAt(1) | 32; // lower case
    return x !== 120 /* x */ && x !== 98 /* b */ && x !== 111 /* o */;
  }
  return (c > 48 && c <= 57) || c === 43 /* + */ || c === 45 /* - */ || c === 46 /* . */;
}

function endsDecimal(s: string): boolean {
  const c = s.charCodeAt(s.length - 1);
  return (c >= 48 && c <= 57) || c === 46;
}
