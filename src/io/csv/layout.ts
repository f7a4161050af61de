/** Which file columns are read, with which null strings and forced types, checked against the names. */
import type { DataType } from '../../types/dtype.js';
import { CsvError } from './errors.js';
import type { ResolvedOptions } from './resolve.js';

/** One column to materialize: its position among the record's fields and how to read it. */
export interface ColumnSlot {
  readonly name: string;
  /** Field index in each record. */
  readonly index: number;
  /** The type forced by `dtypes`, or null when it is to be inferred. */
  readonly forced: DataType | null;
  /** Strings read as null besides the empty field, or null when there are none. */
  readonly nulls: ReadonlySet<string> | null;
}

/**
 * The slots for the columns to read, in file order. Every name in `columns`, `dtypes` and a
 * per-column `nullValues` must be a column of the file; otherwise a CsvError lists the known ones.
 *
 * @example
 * planColumns(['a', 'b'], resolveOptions({ columns: ['b'], nullValues: 'NA' }, 'x.csv'));
 * // [{ name: 'b', index: 1, forced: null, nulls: Set {'NA'} }]
 */
export function planColumns(names: readonly string[], o: ResolvedOptions): ColumnSlot[] {
  const known = new Set(names);
  const check = (name: string, option: string): void => {
    if (!known.has(name)) {
      const list = names.map((n) => `"${n}"`).join(', ') || '(none)';
      throw new CsvError(o.file, null, name, `${option} names unknown column "${name}"; known columns: ${list}`, {
        expected: 'a column of the file',
        found: name,
      });
    }
  };
  for (const name of o.columns ?? []) check(name, 'columns');
  for (const name of Object.keys(o.dtypes)) check(name, 'dtypes');
  const perColumn = perColumnNulls(o.nullValues);
  if (perColumn !== null) for (const name of perColumn.keys()) check(name, 'nullValues');
  const shared = sharedNulls(o.nullValues);
  const wanted = o.columns === null ? null : new Set(o.columns);
  const slots: ColumnSlot[] = [];
  names.forEach((name, index) => {
    if (wanted !== null && !wanted.has(name)) return;
    const nulls = perColumn !== null ? (perColumn.get(name) ?? null) : shared;
    slots.push({ name, index, forced: Object.hasOwn(o.dtypes, name) ? o.dtypes[name]! : null, nulls });
  });
  return slots;
}

/** The null strings of a `string` or `string[]` option, shared by all columns. */
function sharedNulls(v: ResolvedOptions['nullValues']): ReadonlySet<string> | null {
  if (v === undefined || (typeof v === 'object' && !Array.isArray(v))) return null;
  const set = new Set(typeof v === 'string' ? [v] : v);
  set.delete(''); // always null already
  return set.size > 0 ? set : null;
}

/** The null strings of a per-column record option. */
function perColumnNulls(v: ResolvedOptions['nullValues']): Map<string, ReadonlySet<string> | null> | null {
  if (v === undefined || typeof v === 'string' || Array.isArray(v)) return null;
  const out = new Map<string, ReadonlySet<string> | null>();
  for (const [name, list] of Object.entries(v)) out.set(name, sharedNulls(list));
  return out;
}
