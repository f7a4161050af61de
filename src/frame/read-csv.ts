/** The public readCsv and readCsvString: any input parsed in byte ranges on the worker pool. */
import { csvReadRunner } from '../exec/csv-scan.js';
import { isGlob } from '../io/csv/files.js';
import type { CsvLoadOptions } from '../io/csv/options.js';
import { readCsvInput, readCsvText } from '../io/csv/read.js';
import type { CsvInput } from '../io/csv/source.js';
import { DataFrame } from './frames.js';
import { scanCsv } from './scan.js';

/**
 * Read CSV into a DataFrame of typed columns: a file (a string is a path), UTF-8 bytes (a Buffer
 * or Uint8Array), or a stream of UTF-8 bytes (a Node `Readable` or a web `ReadableStream`, read
 * to its end, then parsed as bytes).
 *
 * Every input is parsed by one byte tokenizer, cut into byte ranges of `rangeSize` (default
 * 16 MiB) that `threads` workers parse at once (default: every core; `threads: 1` parses on the
 * calling thread); a file's ranges are read by each worker from the file, other inputs are held
 * in shared memory. The result and the errors are the same for every input kind and every thread
 * count. The schema is inferred once from the first `inferSchemaLength` records (see the reader
 * options); `onProgress` hears of each range parsed and `signal` aborts the read.
 *
 * A list of paths or a glob reads several files as one table, as `scanCsv` does (one header,
 * types unified across files, files in list order or, for a glob, in path order): the files are
 * read one after the other and their chunks stacked, Utf8 columns given one dictionary as
 * `concat` gives them; `onProgress` then reports each file's ranges against that file's size.
 *
 * @example
 * const df = await readCsv('G1_1e7_1e2_0_0.csv', { threads: 4, columns: ['id1', 'v1'] });
 * const small = await readCsv(Buffer.from('a;b\n1;x\n')); // delimiter detected as ';'
 * const piped = await readCsv(process.stdin);
 * const parts = await readCsv('out/part-*.csv');
 */
export async function readCsv(input: CsvInput | readonly string[], options: CsvLoadOptions = {}): Promise<DataFrame> {
  if (Array.isArray(input) || (typeof input === 'string' && isGlob(input))) {
    const { threads, signal, onProgress, ...read } = options;
    return scanCsv(input as string | readonly string[], read).collect({
      ...(threads === undefined ? {} : { threads }),
      ...(signal === undefined ? {} : { signal }),
      ...(onProgress === undefined ? {} : { onProgress }),
    });
  }
  return new DataFrame(await readCsvInput(input as CsvInput, options, csvReadRunner(options)));
}

/**
 * Read CSV text: readCsv over the text's UTF-8 bytes, with errors naming `sourceName` (default
 * '<string>').
 *
 * @example
 * const df = await readCsvString('id,v\na,1\nb,2\n');
 * df.toRecords(); // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 */
export async function readCsvString(text: string, options: CsvLoadOptions = {}): Promise<DataFrame> {
  return new DataFrame(await readCsvText(text, options, csvReadRunner(options)));
}
