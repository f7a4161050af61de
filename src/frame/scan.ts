/** scanCsv: a lazy CSV source whose schema is known (and checked against) before anything runs. */
import type { CsvReadOptions } from '../io/csv/options.js';
import { scanCsvPlan } from '../plan/builder.js';
import { inferCsvSchema } from './csv-schema.js';
import { LazyFrame } from './lazy-frame.js';

/**
 * A LazyFrame over a CSV file. The schema is inferred now from the file's first
 * `inferSchemaLength` records (as `readCsv` would), so verbs type-check immediately; the data is
 * read when the query is collected, and only the columns and rows the optimized plan needs are
 * kept. Options are those of `readCsv`.
 *
 * @example
 * const top = await scanCsv('G1.csv', { nullValues: 'NA' })
 *   .filter(col('v1').gt(2))
 *   .groupBy('id1')
 *   .agg(col('v1').sum())
 *   .collect();
 */
export function scanCsv(path: string, options: CsvReadOptions = {}): LazyFrame {
  return new LazyFrame(scanCsvPlan(path, options, inferCsvSchema(path, options)));
}
