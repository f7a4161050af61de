/** The public CSV readers: a file parsed in byte ranges on the worker pool, bytes and text through the string reader. */
import { csvReadRunner } from '../exec/csv-scan.js';
import type { CsvLoadOptions, CsvReadOptions } from '../io/csv/options.js';
import { readCsvRanges } from '../io/csv/parallel/read.js';
import { readCsv as readCsvSource, readCsvString as readCsvText } from '../io/csv/read.js';
import { DataFrame } from './frames.js';

/**
 * Read a CSV file (a string is a path) or UTF-8 bytes into a DataFrame of typed columns.
 *
 * A file is cut into byte ranges of `rangeSize` (default 16 MiB) that `threads` workers parse at
 * once (default: every core; `threads: 1` parses on the calling thread), each reading its own
 * bytes from the file; the result is the same for every thread count and equals reading the
 * text with the string reader: the same values, nulls, row order and dictionaries. The schema
 * is inferred once from the first `inferSchemaLength` records (see the reader options);
 * `onProgress` hears of each range parsed and `signal` aborts the read. Bytes in memory are read
 * as text, on the calling thread.
 *
 * @example
 * const df = await readCsv('G1_1e7_1e2_0_0.csv', { threads: 4, columns: ['id1', 'v1'] });
 * const small = await readCsv(Buffer.from('a;b\n1;x\n')); // delimiter detected as ';'
 */
export async function readCsv(source: string | Buffer | Uint8Array, options: CsvLoadOptions = {}): Promise<DataFrame> {
  if (typeof source !== 'string') return new DataFrame(await readCsvSource(source, options));
  return new DataFrame(await readCsvRanges(source, options, csvReadRunner(options)));
}

/**
 * Read CSV text into a DataFrame, with the rules of {@link readCsv}; errors name `sourceName`
 * (default '<string>').
 *
 * @example
 * const df = await readCsvString('id,v\na,1\nb,2\n');
 * df.toRecords(); // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 */
export async function readCsvString(text: string, options: CsvReadOptions = {}): Promise<DataFrame> {
  return new DataFrame(await readCsvText(text, options));
}
