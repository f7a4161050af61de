/** Options accepted by readCsv and scanCsv. */
import type { DataType } from '../../types/dtype.js';

/**
 * How to read a CSV file.
 *
 * @example
 * await readCsv('data.csv', { dtypes: { id: 'Utf8' }, nullValues: ['NA', ''] });
 */
export interface CsvReadOptions {
  /** Field delimiter; detected among `,` `;` `\t` `|` when not given. */
  delimiter?: string;
  /** First record holds column names (default true). Without it columns are named column_1, column_2, ... */
  hasHeader?: boolean;
  /** Read only these columns (by name); the result keeps file order. The others are never parsed. */
  columns?: string[];
  /** Force the type of some columns instead of inferring it. */
  dtypes?: Record<string, DataType>;
  /** Strings read as null: one, a list, or a list per column. Empty fields are always null. */
  nullValues?: string | string[] | Record<string, string | string[]>;
  /** Quote character (default `"`). */
  quoteChar?: string;
  /** Lines starting with this prefix are skipped; they are not records, so `skipRows` does not count them. */
  commentPrefix?: string;
  /**
   * Skip this many records before the header (or before the data when there is no header).
   * Records, not lines: a quoted field spanning lines is one record; blank and comment lines do not count.
   */
  skipRows?: number;
  /** Read at most this many data records; the text after them is not parsed. */
  nRows?: number;
  /** Records sampled for schema inference (default 1000; 0 or Infinity = all). */
  inferSchemaLength?: number;
  /** Infer Date (YYYY-MM-DD) and Timestamp (ISO 8601) columns (default false). */
  tryParseDates?: boolean;
  /** Pad short records with nulls and drop extra fields instead of failing (default false). */
  truncateRaggedLines?: boolean;
  /** Rows per chunk (morsel); default 65536. */
  chunkSize?: number;
  /** Name errors carry when the input is not a file (default '<string>', '<buffer>' or '<stream>'). */
  sourceName?: string;
  /**
   * Bytes per range of a parallel read (default 16 MiB; the last two ranges' worth of bytes is
   * cut into quarter ranges, so the threads finish together). The input is cut the same way
   * whatever the thread count, so results never depend on it; chunks end where ranges end.
   */
  rangeSize?: number;
  /**
   * Threads that parse the input in readCsv (default: `os.availableParallelism()`); 1 parses on the
   * calling thread. A scan parses on the threads of the `collect()` that runs it. Results never
   * depend on it.
   */
  threads?: number;
}

/** How far a read or a scan has come: bytes of the file parsed and rows produced, in file order. */
export interface ScanProgress {
  /** Bytes of the file covered by the ranges parsed so far (in file order). */
  readonly bytes: number;
  /** Size of the file. */
  readonly totalBytes: number;
  /** Records parsed so far (before any pushed-down filter). */
  readonly rows: number;
  /** The columns the read materializes (the others are tokenized and skipped). */
  readonly columns: readonly string[];
}

/**
 * readCsv's options: the read options, plus how the read runs. These do not describe the data, so
 * a scan (whose options become part of its plan) takes them from `collect()` instead.
 *
 * @example
 * await readCsv('big.csv', { threads: 4, onProgress: (p) => console.log(p.bytes / p.totalBytes), signal: AbortSignal.timeout(60_000) });
 */
export interface CsvLoadOptions extends CsvReadOptions {
  /** Called after each range is parsed, in file order. */
  onProgress?: (progress: ScanProgress) => void;
  /** Aborting it stops the read promptly and rejects it with the signal's reason (an AbortError by default). */
  signal?: AbortSignal;
}
