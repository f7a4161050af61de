/** Parsing of one CSV field into an integer or a boolean; `undefined` means "does not fit". */

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Optional sign then digits: what Int64 accepts (BigInt alone would also take hex and blanks). */
const INTEGER = /^[+-]?\d+$/;

/**
 * An Int32, or undefined when `s` is not an integer in range. Leading zeros are accepted here;
 * only inference is strict about them.
 *
 * @example
 * parseInt32('-42'); // -42
 * parseInt32('2147483648'); // undefined
 */
export function parseInt32(s: string): number | undefined {
  const n = s.length;
  let i = 0;
  let neg = false;
  const c0 = s.charCodeAt(0);
  if (c0 === 45 /* - */) {
    neg = true;
    i = 1;
  } else if (c0 === 43 /* + */) i = 1;
  if (i === n) return undefined;
  let v = 0;
  for (; i < n; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return undefined;
    v = v * 10 + d;
    if (v > 2147483648) return undefined;
  }
  if (neg) return v === 0 ? 0 : -v;
  return v > 2147483647 ? undefined : v;
}

/**
 * An Int64 as a bigint, or undefined when `s` is not an integer in range.
 *
 * @example
 * parseInt64('9007199254740993'); // 9007199254740993n
 */
export function parseInt64(s: string): bigint | undefined {
  if (!INTEGER.test(s)) return undefined;
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/**
 * `true`/`false` in any letter case.
 *
 * @example
 * parseBoolean('TRUE'); // true
 * parseBoolean('yes'); // undefined
 */
export function parseBoolean(s: string): boolean | undefined {
  if (s.length === 4 && s.toLowerCase() === 'true') return true;
  if (s.length === 5 && s.toLowerCase() === 'false') return false;
  return undefined;
}
