/** scanCsv: a lazy CSV source whose schema is known (and checked against) before anything runs. */
import type { CsvReadOptions } from '../io/csv/options.js';
import { scanCsvPlan } from '../plan/builder.js';
import { inferCsvSchema } from '../io/csv/schema.js';
import { LazyFrame } from './frames.js';

/**
 * A LazyFrame over a CSV file. The schema is inferred now from the file's first
 * `inferSchemaLength` records (as `readCsv` would), so verbs type-check immediately; the data is
 * read when the query is collected, in byte ranges parsed on `collect()`'s threads. Only the
 * columns the optimized plan needs are materialized; predicates that read no Utf8 column are
 * applied in the tasks that parse, right after each range; a limit stops the parse. With
 * `collect({ streaming: true })` (or `stream()`) each range flows through the rest of the plan
 * before later ones are parsed, so a file larger than memory can be aggregated. Options are
 * those of `readCsv`.
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
