/** The first look at a CSV input: column names, the columns to read and their inferred types, from its first records. */
import { countNewlines } from '../../../kernels/csv/lines.js';
import { readRecord } from '../../../kernels/csv/record.js';
import type { CsvDialect } from '../../../kernels/csv/spec.js';
import type { DataType } from '../../types/dtype.js';
import { fieldCountError } from './errors.js';
import { defaultNames, headerNames } from './header.js';
import { TypeTracker } from './infer.js';
import { planColumns, type ColumnSlot } from './layout.js';
import type { ResolvedOptions } from './resolve.js';

/** What the first look learned: the shape of the input and the schema of the result. */
export interface Survey {
  /** Every column of the input, in order. */
  readonly names: readonly string[];
  /** The columns to read. */
  readonly slots: readonly ColumnSlot[];
  /** The type of each slot's column: forced by `dtypes` or inferred. */
  readonly dtypes: readonly DataType[];
  /** Per slot: whether its type is known (forced, or inferred from at least one value) rather than Utf8 for want of any value. */
  readonly typed: readonly boolean[];
  /** Records before the first data record: `skipRows` plus the header. */
  readonly leading: number;
  /** Data records the inference looked at. */
  readonly sampled: number;
  /** Per slot: the non-null values among the sampled records, and how many of them are distinct. */
  readonly values: readonly number[];
  readonly distinct: readonly number[];
  /** Offset of the first data record (past the BOM, skipped rows and header). */
  readonly dataStart: number;
}

/**
 * Read the header (or count the fields of the first record) and infer the type of every column
 * to read from the first `inferSchemaLength` data records (no more than `nRows`), with the
 * tokenizer's record reader. `bytes` is the input or a prefix of it cut after a newline
 * (`truncated`); returns null when a truncated prefix does not hold the whole sample, so the
 * caller reads more. A tokenizer error (an unclosed quote) is thrown for the caller to locate.
 *
 * @example
 * surveyCsv(bytes, 0, false, dialect, resolveOptions({}, '<string>'))!.dtypes; // ['Int32', 'Utf8'] for 'a,b\n1,x\n'
 */
export function surveyCsv(bytes: Uint8Array, start: number, truncated: boolean, d: CsvDialect, o: ResolvedOptions): Survey | null {
  const limit = Math.min(o.inferSchemaLength, o.nRows);
  const newline = d.newline ?? 10;
  let pos = start;
  let skipped = 0;
  let names: string[] | null = null;
  let slots: ColumnSlot[] = [];
  let trackers: (TypeTracker | null)[] = [];
  let seen: Set<string>[] = [];
  const values: number[] = [];
  let sampled = 0;
  let dataStart = start;
  const begin = (found: string[]): string[] => {
    names = found;
    slots = planColumns(found, o);
    trackers = slots.map((s) => (s.forced === null ? new TypeTracker(o.tryParseDates) : null));
    seen = slots.map(() => new Set<string>());
    return found;
  };
  for (;;) {
    const atLimit = names !== null && sampled >= limit;
    if (atLimit) break;
    const r = readRecord(bytes, pos, d);
    // a truncated prefix ends after a newline, so its records are whole: past the last, read more
    if (r.fields === null) {
      if (truncated) return null;
      break;
    }
    pos = r.end;
    if (skipped < o.skipRows) {
      skipped++;
      dataStart = pos;
      continue;
    }
    if (names === null) {
      if (o.hasHeader) {
        begin(headerNames(r.fields));
        dataStart = pos;
        continue;
      }
      begin(defaultNames(r.fields.length));
      if (limit === 0) break;
    }
    const width = (names as string[] | null)?.length ?? 0;
    if (r.fields.length !== width && !o.truncateRaggedLines) {
      throw fieldCountError(o.file, 1 + countNewlines(bytes, 0, r.start, newline), width, r.fields.length);
    }
    for (let k = 0; k < slots.length; k++) {
      const tracker = trackers[k];
      const slot = slots[k]!;
      const v = r.fields[slot.index];
      if (v === undefined || v === '' || slot.nulls?.has(v) === true) continue;
      tracker?.add(v);
      seen[k]!.add(v);
      values[k] = (values[k] ?? 0) + 1;
    }
    sampled++;
  }
  const found = names ?? begin([]);
  return {
    names: found,
    slots,
    dtypes: slots.map((s, k) => s.forced ?? trackers[k]?.dtype() ?? 'Utf8'),
    typed: slots.map((s, k) => s.forced !== null || trackers[k]?.sawValue === true),
    leading: o.skipRows + (o.hasHeader ? 1 : 0),
    sampled,
    values: slots.map((_, k) => values[k] ?? 0),
    distinct: seen.map((set) => set.size),
    dataStart,
  };
}
