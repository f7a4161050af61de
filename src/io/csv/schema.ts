/** Synchronous schema inference for scanCsv: sample just enough of the file's start to type it. */
import { Schema } from '../../types/schema.js';
import type { CsvReadOptions } from './options.js';
import { withFile } from './parallel/file.js';
import { sampleCsv } from './parallel/sample.js';
import { resolveOptions } from './resolve.js';

/**
 * The schema `readCsv(path, options)` would produce, read from the start of the file only:
 * `inferSchemaLength` records (default 1000; 0 or Infinity: all) decide the types, by the same
 * sample readCsv takes (see sampleCsv). Synchronous, because `scanCsv(...)` returns a LazyFrame
 * that type-checks every verb as it is called.
 *
 * @example
 * inferCsvSchema('G1.csv', {}).names; // ['id1', 'id2', ..., 'v3']
 */
export function inferCsvSchema(path: string, options: CsvReadOptions): Schema {
  const o = resolveOptions(options, path);
  const survey = withFile(path, (file) => sampleCsv(file, o).survey);
  return new Schema(survey.slots.map((slot, k) => ({ name: slot.name, dtype: survey.dtypes[k]! })));
}
