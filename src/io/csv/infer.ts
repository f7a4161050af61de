/** Schema inference: the narrowest type that every sampled value of a column can be read as, judged by the tokenizer's parsers. */
import { parseBooleanBytes } from '../../../kernels/csv/booleans.js';
import { isNanLiteral, parseFloat64Bytes } from '../../../kernels/csv/floats.js';
import { parseInt32Bytes, parseInt64Bytes } from '../../../kernels/csv/ints.js';
import { parseDateBytes, parseTimestampBytes } from '../../../kernels/csv/temporal.js';
import type { DataType } from '../../types/dtype.js';

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

const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

/** `s` as UTF-8 in a reused buffer; the value's bytes are [0, returned length). */
function encode(s: string): number {
  if (scratch.length < s.length * 3) scratch = new Uint8Array(s.length * 3);
  return encoder.encodeInto(s, scratch).written;
}

/**
 * The types one non-null field could be read as. Whether a value fits a type is what the
 * tokenizer's parser for that type says, so a column inferred here always parses; inference adds
 * only the rule that numbers with leading zeros are identifiers.
 *
 * @example
 * typesOf('12', false) === typesOf('-3', false); // both Int32, Int64 and Float64
 * typesOf('007', false); // 0: text only
 */
export function typesOf(s: string, tryParseDates: boolean): TypeSet {
  const n = encode(s);
  const b = scratch;
  const c = s.charCodeAt(0);
  // digits, sign or dot: a number or a date; letters: a boolean or a special float
  if ((c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46) {
    if (INTEGER.test(s)) {
      if (parseInt32Bytes(b, 0, n) === parseInt32Bytes(b, 0, n)) return INT32 | INT64 | FLOAT64;
      return parseInt64Bytes(b, 0, n) !== null ? INT64 | FLOAT64 : FLOAT64;
    }
    if (DECIMAL.test(s)) return FLOAT64;
    if (!tryParseDates) return special(b, n) ? FLOAT64 : 0;
    if (parseDateBytes(b, 0, n) === parseDateBytes(b, 0, n)) return DATE | TIMESTAMP;
    if (parseTimestampBytes(b, 0, n) === parseTimestampBytes(b, 0, n)) return TIMESTAMP;
  }
  if (special(b, n)) return FLOAT64;
  return parseBooleanBytes(b, 0, n) >= 0 ? BOOLEAN : 0;
}

/** A NaN or infinity spelled as the float parser accepts it. */
function special(b: Uint8Array, n: number): boolean {
  const v = parseFloat64Bytes(b, 0, n);
  return v === Infinity || v === -Infinity || isNanLiteral(b, 0, n);
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

  /** Whether any non-null value was recorded (else the type is Utf8 for want of evidence). */
  get sawValue(): boolean {
    return this.seen;
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
