/**
 * Text to values for `cast` from Utf8, by the CSV reader's own parsers (one grammar for numbers,
 * Booleans, dates and timestamps), after surrounding whitespace is dropped as DuckDB drops it.
 */
import { parseBooleanBytes } from '../csv/booleans.js';
import { isNanLiteral, parseFloat64Bytes } from '../csv/floats.js';
import { parseInt32Bytes, parseInt64Bytes } from '../csv/ints.js';
import { parseDateBytes, parseTimestampBytes } from '../csv/temporal.js';

/** The types text can be cast to. */
export type ParseTarget = 'Int32' | 'Int64' | 'Float64' | 'Boolean' | 'Date' | 'Timestamp';

const encoder = new TextEncoder();
/** Space, tab, line feed, vertical tab, form feed, carriage return: what DuckDB trims before a cast. */
const SPACE = /^[ \t\n\v\f\r]+|[ \t\n\v\f\r]+$/g;
/** The Int64 range as doubles: a timestamp in ms beyond it does not fit. */
const I64_END = 2 ** 63;

/**
 * The value `text` stands for as `to`, or null when it does not parse. Int32/Int64 take
 * `[+-]?[0-9]+` (no decimals, no exponent: "1.5" and "1e3" are not integers) within range;
 * Float64 takes decimals, exponents, `NaN`/`nan`, `inf`/`Infinity` with a sign; Boolean `true` or
 * `false` in any letter case; Date exactly `YYYY-MM-DD` (days since 1970-01-01); Timestamp
 * `YYYY-MM-DD`, then `T` or a space and `HH:MM[:SS[.fff]]`, then `Z` or an offset (ms since the
 * epoch, UTC). Int64 comes as a bigint, Boolean as 0/1, the rest as numbers.
 *
 * @example
 * parseText(' 42 ', 'Int32'); // 42
 * parseText('1.5', 'Int32');  // null
 * parseText('2020-01-02', 'Date'); // 18263
 */
export function parseText(text: string, to: ParseTarget): number | bigint | null {
  const s = text.replace(SPACE, '');
  if (s.length === 0) return null;
  const bytes = encoder.encode(s);
  const n = bytes.length;
  switch (to) {
    case 'Int32': {
      const v = parseInt32Bytes(bytes, 0, n);
      return v === v ? v : null;
    }
    case 'Int64':
      return parseInt64Bytes(bytes, 0, n);
    case 'Float64': {
      const v = parseFloat64Bytes(bytes, 0, n);
      return v === v || isNanLiteral(bytes, 0, n) ? v : null;
    }
    case 'Boolean': {
      const v = parseBooleanBytes(bytes, 0, n);
      return v < 0 ? null : v;
    }
    case 'Date': {
      const v = parseDateBytes(bytes, 0, n);
      return v === v ? v : null;
    }
    case 'Timestamp': {
      const v = parseTimestampBytes(bytes, 0, n);
      return v === v && v >= -I64_END && v < I64_END ? v : null;
    }
  }
}
