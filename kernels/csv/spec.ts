/** What parseCsvRange is asked to do (dialect, column kinds, nulls) and what it hands back. */

/**
 * How a column is read. `skip` columns are tokenized but never converted or stored.
 * Storage: int32/date/utf8 (dictionary codes) → Int32Array; float64 → Float64Array;
 * int64/timestamp (ms since the epoch) → BigInt64Array; boolean → bit-packed Uint8Array (LSB first).
 * The text each kind accepts is documented on its parser: parseInt32Bytes, parseInt64Bytes,
 * parseFloat64Bytes, parseBooleanBytes, parseDateBytes, parseTimestampBytes.
 */
export type CsvColumnKind = 'skip' | 'int32' | 'int64' | 'float64' | 'boolean' | 'utf8' | 'date' | 'timestamp';

/** A materialized kind: everything but `skip`. */
export type CsvValueKind = Exclude<CsvColumnKind, 'skip'>;

/**
 * The bytes that shape a CSV file. Records end at `newline`: LF (the default), where a CR right
 * before the LF belongs to the newline, or CR for files whose records end in a lone CR (an LF is
 * then data).
 *
 * @example
 * const dialect: CsvDialect = { delimiter: 0x2c, quote: 0x22, comment: null };
 */
export interface CsvDialect {
  /** Field separator byte, e.g. 0x2c for `,`. */
  readonly delimiter: number;
  /** Quote byte (usually 0x22 `"`); null turns quoting off, so quote bytes are plain data. */
  readonly quote: number | null;
  /**
   * Records starting with these bytes are skipped up to the next LF. Quote bytes inside a comment
   * must come in pairs: range splitting counts every quote byte, so an odd count would shift it.
   */
  readonly comment: Uint8Array | null;
  /** The byte that ends a record: LF (10, the default) or CR (13). */
  readonly newline?: number;
  /**
   * A quote byte inside an unquoted field is data (`a"b` reads as `a"b`) rather than an error, and
   * comment lines may hold any quotes. The reading of RFC 4180 that spreadsheets share; but quote
   * bytes then no longer toggle the quoted state one for one, so bytes read this way must be
   * parsed in one piece from a known record start, never split by quote parity.
   */
  readonly strayQuotes?: boolean;
}

/** One column of the file, in file order. */
export interface CsvColumnSpec {
  readonly kind: CsvColumnKind;
  /** Field contents (after unquoting) read as null. An empty field is always null. */
  readonly nullValues?: readonly Uint8Array[];
  /**
   * utf8 only: store every row's value as an entry of its own, in row order, without looking it
   * up (a plain ByteDictionary), for a column whose values are nearly all distinct. Its encoded
   * dictionary then holds one entry per non-null row, possibly repeated, and carries no hashes.
   */
  readonly plain?: boolean;
}

/**
 * Everything parseCsvRange needs. Plain data only, so it crosses `postMessage` unchanged.
 *
 * @example
 * const spec: CsvParseSpec = {
 *   dialect: { delimiter: 0x2c, quote: 0x22, comment: null },
 *   columns: [{ kind: 'utf8' }, { kind: 'skip' }, { kind: 'float64', nullValues: [new TextEncoder().encode('NA')] }],
 *   chunkSize: 65_536,
 * };
 */
export interface CsvParseSpec {
  readonly dialect: CsvDialect;
  /** Every column of the file, skipped ones included: the field count of a record must match. */
  readonly columns: readonly CsvColumnSpec[];
  /** Rows per output chunk (morsel). */
  readonly chunkSize: number;
  /** Stop after this many rows. */
  readonly maxRows?: number;
  /** Pad short records with nulls and drop extra fields, instead of failing. */
  readonly truncateRaggedLines?: boolean;
  /**
   * How utf8 dictionaries come back: decoded `strings` (the default), or `bytes`, left encoded
   * for a caller that unifies the dictionaries of many ranges by their bytes, without creating a
   * string for every entry of every range.
   */
  readonly dictionaries?: 'strings' | 'bytes';
}

/**
 * Dictionary entries as UTF-8 bytes in shared memory: code `base + c` is bytes
 * [offsets[c], offsets[c + 1]). `base` is 0 unless the dictionary carried entries over from
 * earlier ranges, which this range did not repeat.
 */
export interface EncodedDictionary {
  readonly bytes: Uint8Array;
  readonly offsets: Int32Array;
  /** Entry c's hash (hashBytes of its bytes), so the calling thread never hashes them again; empty for a plain column. */
  readonly hashes: Int32Array;
  readonly base: number;
}

/** The typed array that holds one chunk of values. */
export type CsvValues = Int32Array | Float64Array | BigInt64Array | Uint8Array;

/** One chunk of one column in Arrow layout; every buffer lives in a SharedArrayBuffer. */
export interface CsvChunk {
  readonly length: number;
  readonly nullCount: number;
  readonly values: CsvValues;
  /** Arrow validity bitmap (bit set = valid, LSB first), or null when no value is null. */
  readonly validity: Uint8Array | null;
}

/** The parsed data of one materialized column over one byte range. */
export interface CsvColumnOutput {
  /** Index of the column in the file (in `spec.columns`). */
  readonly column: number;
  readonly kind: CsvValueKind;
  readonly chunks: CsvChunk[];
  /** utf8 only: distinct values in first-seen order; chunk values are Int32 codes into it. Null when `encoded`. */
  readonly dictionary: string[] | null;
  /** utf8 with `dictionaries: 'bytes'` only: the same values, encoded. */
  readonly encoded?: EncodedDictionary;
}

/** What one byte range produced. */
export interface CsvRangeResult {
  /** Rows parsed (comment and skipped blank lines excluded). */
  readonly rows: number;
  /** Offset just past the last record read: where a caller resumes after `maxRows`. */
  readonly end: number;
  /** Materialized columns in file order; skipped columns are absent. */
  readonly columns: CsvColumnOutput[];
}
