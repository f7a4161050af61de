/** Writers that parse one field and append it to a ColumnBuilder; the hot loop of the reader. */
import type { ColumnBuilder } from '../../table/builder.js';
import { parseBoolean, parseInt32, parseInt64 } from './convert.js';
import { parseFloat64 } from './floats.js';
import { parseDate, parseTimestamp } from './dates.js';

/** Appends one field (the empty field and null strings as null); false when it does not parse. */
export type FieldWriter = (field: string) => boolean;

/**
 * A writer specialized to the builder's type, so the per-field path has no type dispatch.
 *
 * @example
 * const b = new ColumnBuilder('n', 'Int32');
 * const write = fieldWriter(b, new Set(['NA']));
 * write('1'); write('NA'); write('x'); // true, true, false
 */
export function fieldWriter(b: ColumnBuilder, nulls: ReadonlySet<string> | null): FieldWriter {
  const isNull = nulls === null ? (s: string) => s === '' : (s: string) => s === '' || nulls.has(s);
  switch (b.dtype) {
    case 'Int32':
      return (s) => number(b, isNull, s, parseInt32);
    case 'Float64':
      return (s) => number(b, isNull, s, parseFloat64);
    case 'Date':
      return (s) => number(b, isNull, s, parseDate);
    case 'Int64':
      return (s) => bigint(b, isNull, s, parseInt64);
    case 'Timestamp':
      return (s) => bigint(b, isNull, s, parseTimestamp);
    case 'Boolean':
      return (s) => {
        if (isNull(s)) return b.pushNull(), true;
        const v = parseBoolean(s);
        if (v === undefined) return false;
        return b.pushBoolean(v), true;
      };
    case 'Utf8':
      return (s) => {
        if (isNull(s)) b.pushNull();
        else b.pushString(s);
        return true;
      };
  }
}

function number(b: ColumnBuilder, isNull: (s: string) => boolean, s: string, parse: (s: string) => number | undefined): boolean {
  // null strings first: a null marker such as "-999" would otherwise parse as a number
  if (isNull(s)) b.pushNull();
  else {
    const v = parse(s);
    if (v === undefined) return false;
    b.pushNumber(v);
  }
  return true;
}

function bigint(b: ColumnBuilder, isNull: (s: string) => boolean, s: string, parse: (s: string) => bigint | undefined): boolean {
  if (isNull(s)) b.pushNull();
  else {
    const v = parse(s);
    if (v === undefined) return false;
    b.pushBigInt(v);
  }
  return true;
}
