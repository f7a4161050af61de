/** Logical data types of Volley columns and the physical typed array each one is stored in. */

/**
 * A column's data type. Stored in Arrow layout:
 * - `Int32`: Int32Array; `Int64`: BigInt64Array; `Float64`: Float64Array
 * - `Boolean`: a bit-packed Uint8Array (LSB first, as Arrow)
 * - `Utf8`: dictionary-encoded: Int32Array codes into one dictionary per column
 * - `Date`: Int32Array of days since 1970-01-01; `Timestamp`: BigInt64Array of ms since the epoch
 *
 * @example
 * const t: DataType = 'Float64';
 */
export type DataType = 'Int32' | 'Int64' | 'Float64' | 'Boolean' | 'Utf8' | 'Date' | 'Timestamp';

/** Every data type, in the order inference widens numbers. */
export const DATA_TYPES: readonly DataType[] = ['Int32', 'Int64', 'Float64', 'Boolean', 'Utf8', 'Date', 'Timestamp'];

/** The typed array that holds one chunk of values. */
export type Values = Int32Array | Float64Array | BigInt64Array | Uint8Array;

export function isDataType(x: unknown): x is DataType {
  return typeof x === 'string' && (DATA_TYPES as readonly string[]).includes(x);
}

export function isNumeric(t: DataType): boolean {
  return t === 'Int32' || t === 'Int64' || t === 'Float64';
}

export function isInteger(t: DataType): boolean {
  return t === 'Int32' || t === 'Int64';
}

export function isTemporal(t: DataType): boolean {
  return t === 'Date' || t === 'Timestamp';
}

/** Values stored as BigInt64Array. */
export function isBigIntStored(t: DataType): boolean {
  return t === 'Int64' || t === 'Timestamp';
}

/** Values stored as Int32Array (Utf8 stores its dictionary codes). */
export function isInt32Stored(t: DataType): boolean {
  return t === 'Int32' || t === 'Date' || t === 'Utf8';
}

/** Bytes per value, or 0 for bit-packed booleans. */
export function byteWidth(t: DataType): number {
  switch (t) {
    case 'Int32':
    case 'Date':
    case 'Utf8':
      return 4;
    case 'Int64':
    case 'Float64':
    case 'Timestamp':
      return 8;
    case 'Boolean':
      return 0;
  }
}

/** The common numeric supertype of two numeric types (for arithmetic and comparisons). */
export function numericSupertype(a: DataType, b: DataType): DataType | null {
  if (!isNumeric(a) || !isNumeric(b)) return null;
  if (a === 'Float64' || b === 'Float64') return 'Float64';
  if (a === 'Int64' || b === 'Int64') return 'Int64';
  return 'Int32';
}
