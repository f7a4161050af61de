/** Schema inference: the narrowest type that every sampled value of a column can be read as. */
import type { DataType } from '../../types/dtype.js';
import { parseBoolean, parseInt32, parseInt64 } from './convert.js';
import { FLOAT_SPECIALS } from './floats.js';
import { parseDate, parseTimestamp } from './dates.js';

/** A set of types a value could have, as bits; a column keeps the types all its values share. */
export type TypeSet = number;

const INT32 = 1;
const INT64 = 2;
const FLOAT64 = 4;
const DATE = 8;
const TIMESTAMP = 16;
const BOOLEAN = 32;
const ANY: TypeSet = INT32 | INT64 | FLOAT64 | DATE | TIMESTAMP | BOOLEAN;

/** Integers without leading zeros: `007` and `-01` are identifiers, not numbers. */
const INTEGER = /^[+-]?(?:0|[1-9]\d*)$/;
/** Decimals without leading zeros (`0.5` yes, `00.5` no), optionally with an exponent. */
const DECIMAL = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The types one non-null field could be read as.
 *
 * @example
 * typesOf('12', false) === typesOf('-3', false); // both Int32, Int64 and Float64
 * typesOf('007', false); // 0: text only
 */
export function typesOf(s: string, tryParseDates: boolean): TypeSet {
  const c = s.charCodeAt(0);
  // digits, sign or dot: a number or a date; letters: a boolean or a special float
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INTEGER.test(s)) {
      if (parseInt32(s) !== undefined) return INT32 | INT64 | FLOAT64;
      return parseInt64(s) !== undefined ? INT64 | FLOAT64 : FLOAT64;
    }
    if (DECIMAL.test(s)) return FLOAT64;
    if (!tryParseDates) return FLOAT_SPECIALS.has(s) ? FLOAT64 : 0;
    if (parseDate(s) !== undefined) return DATE | TIMESTAMP;
    if (parseTimestamp(s) !== undefined) return TIMESTAMP;
  }
  if (FLOAT_SPECIALS.has(s)) return FLOAT64;
  return parseBoolean(s) !== undefined ? BOOLEAN : 0;
}

/**
 * Accumulates the types of one column's sampled values.
 *
 * @example
 * const t = new TypeTracker(false);
 * t.add('1'); t.add('2.5');
 * t.dtype(); // 'Float64'
 */
export class TypeTracker {
  private types: TypeSet = ANY;
  private seen = false;

  constructor(private readonly tryParseDates: boolean) {}

  /** Record one non-null value. */
  add(value: string): void {
    this.seen = true;
    if (this.types !== 0) this.types &= typesOf(value, this.tryParseDates);
  }

  /** The inferred type: Utf8 when nothing non-null was seen or no narrower type fits all. */
  dtype(): DataType {
    const t = this.types;
    if (!this.seen || t === 0) return 'Utf8';
    if (t & INT32) return 'Int32';
    if (t & INT64) return 'Int64';
    if (t & FLOAT64) return 'Float64';
    if (t & DATE) return 'Date';
    if (t & TIMESTAMP) return 'Timestamp';
    return 'Boolean';
  }
}
