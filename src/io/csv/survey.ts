/** The first pass over a CSV text: column names, the columns to read and their inferred types. */
import type { DataType } from '../../types/dtype.js';
import type { Dialect } from './dialect.js';
import { fieldCountError } from './errors.js';
import { defaultNames, headerNames } from './header.js';
import { TypeTracker } from './infer.js';
import { planColumns, type ColumnSlot } from './layout.js';
import { forEachRecord } from './records.js';
import type { ResolvedOptions } from './resolve.js';

/** What the first pass learned: the shape of the file and the schema of the result. */
export interface Survey {
  /** Every column of the file, in order. */
  readonly names: readonly string[];
  /** The columns to read. */
  readonly slots: readonly ColumnSlot[];
  /** The type of each slot's column: forced by `dtypes` or inferred. */
  readonly dtypes: readonly DataType[];
  /** Records before the first data record: `skipRows` plus the header. */
  readonly leading: number;
  /** Data records the inference looked at. */
  readonly sampled: number;
}

/**
 * Read the header (or count the fields of the first record) and infer the type of every column
 * to read from the first `inferSchemaLength` data records (no more than `nRows`). Stops as soon
 * as the sample is complete, so the rest of the text is not parsed.
 *
 * @example
 * surveyCsv('a,b\n1,x\n', dialect, resolveOptions({}, '<string>')).dtypes; // ['Int32', 'Utf8']
 */
export function surveyCsv(text: string, d: Dialect, o: ResolvedOptions): Survey {
  const state = new SurveyState(o);
  forEachRecord(text, d, o.file, (fields, line) => state.visit(fields, line));
  return state.result();
}

/** The walk's state; records arrive through `visit`. */
class SurveyState {
  private names: string[] | null = null;
  private slots: ColumnSlot[] = [];
  private trackers: (TypeTracker | null)[] = [];
  private skipped = 0;
  private sampled = 0;
  private readonly limit: number;

  constructor(private readonly o: ResolvedOptions) {
    this.limit = Math.min(o.inferSchemaLength, o.nRows);
  }

  visit(fields: string[], line: number): boolean {
    const o = this.o;
    if (this.skipped < o.skipRows) return ++this.skipped, true;
    let names = this.names;
    if (names === null) {
      if (o.hasHeader) return this.start(headerNames(fields)), this.limit > 0;
      names = this.start(defaultNames(fields.length));
      if (this.limit === 0) return false;
    }
    if (fields.length !== names.length && !o.truncateRaggedLines) throw fieldCountError(o.file, line, names.length, fields.length);
    const { slots, trackers } = this;
    for (let k = 0; k < slots.length; k++) {
      const tracker = trackers[k];
      const slot = slots[k]!;
      const v = fields[slot.index];
      if (tracker && v !== undefined && v !== '' && !slot.nulls?.has(v)) tracker.add(v);
    }
    return ++this.sampled < this.limit;
  }

  result(): Survey {
    const names = this.names ?? this.start([]);
    return {
      names,
      slots: this.slots,
      dtypes: this.slots.map((s, k) => s.forced ?? this.trackers[k]?.dtype() ?? 'Utf8'),
      leading: this.o.skipRows + (this.o.hasHeader ? 1 : 0),
      sampled: this.sampled,
    };
  }

  private start(names: string[]): string[] {
    this.names = names;
    this.slots = planColumns(names, this.o);
    this.trackers = this.slots.map((s) => (s.forced === null ? new TypeTracker(this.o.tryParseDates) : null));
    return names;
  }
}
