/** scanCsv: a lazy CSV source (one file, a list or a glob) whose schema is known (and checked against) before anything runs. */
import { expandCsvPaths, inferCsvFilesSchema, isGlob } from '../io/csv/files.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import { inferCsvSchema } from '../io/csv/schema.js';
import { scanCsvPlan, slicePlan } from '../plan/builder.js';
import { unionPlan } from '../plan/union.js';
import { LazyFrame } from './frames.js';

/**
 * A LazyFrame over a CSV file, or over several read as one table. The schema is inferred now from
 * the file's first `inferSchemaLength` records (as `readCsv` would), so verbs type-check
 * immediately; the data is read when the query is collected, in byte ranges parsed on
 * `collect()`'s threads. Only the columns the optimized plan needs are materialized; predicates
 * that read no Utf8 column are applied in the tasks that parse, right after each range; a limit
 * stops the parse. With `collect({ streaming: true })` (or `stream()`) each range of a single
 * file flows through the rest of the plan before later ones are parsed, so a file larger than
 * memory can be aggregated. Options are those of `readCsv`.
 *
 * `path` may be a list of paths, read in the list's order, or a glob (`data/part-*.csv`; `*`,
 * `?`, `[abc]`, and `**` for any depth of directories), whose files are read in the order of
 * their full paths (byte order). Every file must have the same header; types are inferred per
 * file and unified (numbers widen Int32 → Int64 → Float64, a column with no value in one file's
 * sample takes the others' type, anything else is a `CsvError` naming both files; see
 * `inferCsvFilesSchema`). `skipRows` and `hasHeader` apply to every file; `nRows` to the whole
 * table (the first `nRows` rows, in file order). The plan is a union of one scan per file, so filters and column
 * choices reach every file's parse, and the files' rows follow each other in that order.
 *
 * @example
 * const top = await scanCsv('G1.csv', { nullValues: 'NA' })
 *   .filter(col('v1').gt(2))
 *   .groupBy('id1')
 *   .agg(col('v1').sum())
 *   .collect();
 * const year = await scanCsv('sales/2024-*.csv').groupBy('region').agg(col('amount').sum()).collect();
 */
export function scanCsv(path: string | readonly string[], options: CsvReadOptions = {}): LazyFrame {
  if (typeof path === 'string' && !isGlob(path)) return new LazyFrame(scanCsvPlan(path, options, inferCsvSchema(path, options)));
  const paths = expandCsvPaths(path);
  const schema = inferCsvFilesSchema(paths, options);
  const union = unionPlan(
    paths.map((p) => scanCsvPlan(p, options, schema)),
    'vertical',
  );
  // nRows counts the rows of the whole table: each file stops there, and so does the union
  return new LazyFrame(options.nRows === undefined ? union : slicePlan(union, 0, options.nRows));
}
