/** Conversion between stored values and the JS values users see. */
import type { DataType } from '../types/dtype.js';

/**
 * A single value as users see it: numbers for Int32/Float64, bigint for Int64, boolean,
 * string, `Date` for Date and Timestamp, and `null`.
 */
export type Scalar = number | bigint | boolean | string | Date | null;

const MS_PER_DAY = 86_400_000;

export function daysToDate(days: number): Date {
  return new Date(days * MS_PER_DAY);
}

export function dateToDays(d: Date): number {
  return Math.floor(d.getTime() / MS_PER_DAY);
}

/** The JS value for a stored raw value (code for Utf8 resolved by the caller). */
export function rawToScalar(dtype: DataType, raw: number | bigint | boolean): Scalar {
  switch (dtype) {
    case 'Date':
      return daysToDate(raw as number);
    case 'Timestamp':
      return new Date(Number(raw));
    default:
      return raw;
  }
}
