/** The CSV reader's public surface. */
export { readCsv, readCsvString } from './read.js';
export { CsvError } from './errors.js';
export type { CsvReadOptions } from './options.js';
