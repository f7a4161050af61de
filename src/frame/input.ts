/** What `new DataFrame(data)` accepts, checked and turned into a storage Table. */
import { VolleyError } from '../errors.js';
import type { ColumnInput } from '../table/infer.js';
import { Table, type FromValuesOptions } from '../table/table.js';

/**
 * The data a DataFrame is built from, as Polars takes it: a record of columns (arrays or typed
 * arrays), or an array of row objects.
 *
 * @example
 * const byColumn: FrameInput = { id: ['a', 'b'], v: [1, 2] };
 * const byRow: FrameInput = [{ id: 'a', v: 1 }, { id: 'b', v: 2 }];
 */
export type FrameInput = Readonly<Record<string, ColumnInput>> | readonly Readonly<Record<string, unknown>>[];

/**
 * The storage table for `data`. A Table is taken as it is (no copy); anything that is neither a
 * record of columns nor an array of plain objects is a `VolleyError` with code
 * `INVALID_ARGUMENT`, as are `dtypes` naming columns that are not there.
 *
 * @example
 * tableFrom({ a: [1, 2], b: ['x', 'y'] }).columns; // ['a', 'b']
 * tableFrom([{ a: 1 }, { a: 2, b: 'x' }]).columns; // ['a', 'b']
 */
export function tableFrom(data: FrameInput | Table, options: FromValuesOptions = {}): Table {
  if (data instanceof Table) return data;
  if (Array.isArray(data)) return fromRows(data as readonly unknown[], options);
  if (!isPlainObject(data))
    throw invalid(`a DataFrame is built from a record of columns or an array of row objects, got ${describe(data)}`);
  for (const [name, values] of Object.entries(data)) {
    if (!Array.isArray(values) && !(values instanceof Int32Array || values instanceof Float64Array || values instanceof BigInt64Array))
      throw invalid(`column "${name}" must be an array or an Int32Array, Float64Array or BigInt64Array, got ${describe(values)}`);
  }
  return Table.fromColumns(data as Record<string, ColumnInput>, options);
}

function fromRows(rows: readonly unknown[], options: FromValuesOptions): Table {
  rows.forEach((row, i) => {
    if (!isPlainObject(row)) throw invalid(`row ${i} must be a plain object of column values, got ${describe(row)}`);
  });
  const records = rows as readonly Record<string, unknown>[];
  if (options.dtypes === undefined) return Table.fromRecords(records, options);
  // Forced types go through the column path, which converts and checks each value.
  const names = new Set<string>();
  for (const row of records) for (const k of Object.keys(row)) names.add(k);
  const columns: Record<string, unknown[]> = {};
  for (const name of names) columns[name] = records.map((r) => (Object.hasOwn(r, name) ? r[name] : null));
  return Table.fromColumns(columns, options);
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  if (typeof x !== 'object' || x === null) return false;
  const proto = Object.getPrototypeOf(x) as unknown;
  return proto === Object.prototype || proto === null;
}

function describe(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return `a ${(x.constructor as { name?: string } | undefined)?.name ?? 'object'}`;
  return `${typeof x} ${String(x)}`;
}

function invalid(message: string): VolleyError {
  return new VolleyError('INVALID_ARGUMENT', message);
}
