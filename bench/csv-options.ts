/** The readCsv options every benchmark load uses, carrying the thread count for the parallel reader. */

import type { CsvReadOptions } from '../src/index.js';

/**
 * Options asking readCsv for `threads` threads. Built as a typed variable rather than a literal
 * so that a reader whose options do not list `threads` yet still accepts it (and reads on one
 * thread); once the parallel reader lands, the same call uses it.
 *
 * @example
 * const df = await readCsv(path, csvThreads(2));
 */
export function csvThreads(threads: number): CsvReadOptions {
  const options: CsvReadOptions & { threads: number } = { threads };
  return options;
}
