/** The public newline-delimited JSON reader: readNdjson. */
import { readNdjsonRecords, type JsonInput } from '../io/json.js';
import { dateToDays } from '../table/scalar.js';
import type { DataType } from '../types/dtype.js';
import { DataFrame } from './frames.js';

/** Options of readNdjson. */
export interface NdjsonReadOptions {
  /** Column types to force instead of inferring them; Date and Timestamp columns read ISO 8601 text. */
  readonly dtypes?: Readonly<Record<string, DataType>>;
  /** Rows per stored chunk (default 65,536). */
  readonly chunkSize?: number;
}

/**
 * Read newline-delimited JSON (one object of scalar values per line, as `writeNdjson` and most
 * log pipelines write) into a DataFrame. Columns come in the order their keys first appear; a
 * key a line lacks is null there. Types are inferred from the values as `DataFrame.fromRecords`
 * does (whole numbers: Int32, or Int64 beyond it, read exactly; any fraction: Float64; strings:
 * Utf8; booleans), unless `dtypes` says otherwise: dates and timestamps are text in JSON, so a
 * Date or Timestamp column needs `dtypes`. A line that is not a JSON object, or holds a nested
 * value, is a `JsonError` naming its line.
 *
 * @example
 * await df.writeNdjson('rows.ndjson');
 * const back = await readNdjson('rows.ndjson', { dtypes: { day: 'Date' } });
 */
export async function readNdjson(input: JsonInput, options: NdjsonReadOptions = {}): Promise<DataFrame> {
  const rows = await readNdjsonRecords(input);
  const dtypes = options.dtypes ?? {};
  for (const [name, dtype] of Object.entries(dtypes)) {
    if (dtype !== 'Date' && dtype !== 'Timestamp') continue;
    for (const row of rows) {
      const v = row[name];
      if (typeof v === 'string') row[name] = dtype === 'Date' ? isoDay(v) : new Date(v);
    }
  }
  return DataFrame.fromRecords(rows, {
    dtypes: { ...dtypes },
    ...(options.chunkSize === undefined ? {} : { chunkSize: options.chunkSize }),
  });
}

/** A `YYYY-MM-DD` day as the Date at its UTC midnight (an invalid text stays a string, which the type check reports). */
function isoDay(text: string): Date | string {
  const d = new Date(`${text.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? text : new Date(dateToDays(d) * 86_400_000);
}
