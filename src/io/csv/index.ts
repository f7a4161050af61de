/** The CSV reader's surface inside the engine (the public readCsv and readCsvString wrap it with the worker pool). */
export { readCsvInput, readCsvText } from './read.js';
export { CsvError, CsvOptionError } from './errors.js';
export type { CsvInput } from './source.js';
export type { CsvReadOptions } from './options.js';
