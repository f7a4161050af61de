/** The second pass over a CSV text: every data record's fields parsed straight into ColumnBuilders. */
import { ColumnBuilder } from '../../table/builder.js';
import { Table } from '../../table/table.js';
import type { DataType } from '../../types/dtype.js';
import type { Dialect } from './dialect.js';
import { CsvError, fieldCountError, showValue } from './errors.js';
import { forEachRecord } from './records.js';
import type { ResolvedOptions } from './resolve.js';
import type { Survey } from './survey.js';
import { fieldWriter, type FieldWriter } from './writers.js';

/**
 * Parse the data records (at most `nRows`) into columns of the surveyed types. A value that does
 * not parse as its column's type is a CsvError naming the line, column and value, also when the
 * record lies beyond the inference sample.
 *
 * @example
 * const df = fillColumns(text, dialect, options, surveyCsv(text, dialect, options));
 */
export function fillColumns(text: string, d: Dialect, o: ResolvedOptions, s: Survey): Table {
  const builders = s.slots.map((slot, k) => new ColumnBuilder(slot.name, s.dtypes[k]!, o.chunkSize));
  const writers: FieldWriter[] = builders.map((b, k) => fieldWriter(b, s.slots[k]!.nulls));
  const indices = s.slots.map((slot) => slot.index);
  const width = s.names.length;
  const ragged = o.truncateRaggedLines;
  let leading = s.leading;
  let rows = 0;

  if (o.nRows > 0 && width > 0) {
    forEachRecord(text, d, o.file, (fields, line) => {
      if (leading > 0) return leading--, true;
      if (fields.length !== width && !ragged) throw fieldCountError(o.file, line, width, fields.length);
      for (let k = 0; k < writers.length; k++) {
        const field = fields[indices[k]!];
        // only a truncated record lacks fields, and those read as null
        if (field === undefined) builders[k]!.pushNull();
        else if (!writers[k]!(field)) throw valueError(o, s, k, line, field);
      }
      return ++rows < o.nRows;
    });
  }
  return new Table(builders.map((b) => b.finish()));
}

/**
 * The error for a value of slot `k` that does not parse as its column's type; the byte reader
 * reports the same one.
 *
 * @example
 * valueError(options, survey, 0, 12, 'abc').message; // 'a.csv, line 12, column "v1": cannot read "abc" as Int32, ...'
 */
export function valueError(o: ResolvedOptions, s: Survey, k: number, line: number, field: string): CsvError {
  const slot = s.slots[k]!;
  const dtype: DataType = s.dtypes[k]!;
  const why =
    slot.forced !== null
      ? 'as dtypes asks'
      : `as inferred from the first ${s.sampled} records (raise inferSchemaLength or set dtypes: { ${JSON.stringify(slot.name)}: 'Utf8' })`;
  return new CsvError(o.file, line, slot.name, `cannot read ${showValue(field)} as ${dtype}, ${why}`);
}
