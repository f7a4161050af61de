/** Defaults and validation of CsvReadOptions, so the rest of the reader sees complete settings. */
import { isDataType, type DataType } from '../../types/dtype.js';
import { DEFAULT_CHUNK_SIZE } from '../../table/buffers.js';
import { CsvOptionError } from './errors.js';
import type { CsvReadOptions } from './options.js';

/** Records sampled for schema inference when the caller does not say. */
export const DEFAULT_INFER_SCHEMA_LENGTH = 1000;

/** CsvReadOptions with every default applied; `Infinity` means "no limit". */
export interface ResolvedOptions {
  readonly file: string;
  readonly delimiter: string | null;
  readonly hasHeader: boolean;
  readonly columns: readonly string[] | null;
  readonly dtypes: Readonly<Record<string, DataType>>;
  readonly nullValues: CsvReadOptions['nullValues'];
  readonly quoteChar: string;
  readonly commentPrefix: string | null;
  readonly skipRows: number;
  readonly nRows: number;
  readonly inferSchemaLength: number;
  readonly tryParseDates: boolean;
  readonly truncateRaggedLines: boolean;
  readonly chunkSize: number;
}

/**
 * Check the options and fill in defaults. `file` is the name errors will carry. A value the reader
 * does not support is a CsvOptionError (code `INVALID_ARGUMENT`) naming the option and the value.
 *
 * @example
 * resolveOptions({ nRows: 10 }, 'a.csv').inferSchemaLength; // 1000
 */
export function resolveOptions(o: CsvReadOptions, file: string): ResolvedOptions {
  const quoteChar = o.quoteChar ?? '"';
  if (!oneAscii(quoteChar) || isNewline(quoteChar))
    throw new CsvOptionError('quoteChar', quoteChar, 'must be one ASCII character other than a newline');
  const delimiter = o.delimiter ?? null;
  if (delimiter !== null) {
    // the tokenizer splits fields on one byte, and reads digits, newlines and quotes as what they are
    if (!oneAscii(delimiter) || isNewline(delimiter) || /[0-9]/.test(delimiter))
      throw new CsvOptionError('delimiter', delimiter, 'must be one ASCII character other than a newline or a digit');
    if (delimiter === quoteChar)
      throw new CsvOptionError('delimiter', delimiter, `must differ from quoteChar ${JSON.stringify(quoteChar)}`);
  }
  const commentPrefix = o.commentPrefix ?? null;
  if (commentPrefix !== null && (commentPrefix === '' || /[\r\n]/.test(commentPrefix) || commentPrefix === delimiter))
    throw new CsvOptionError('commentPrefix', commentPrefix, 'must be non-empty, hold no newline and differ from the delimiter');
  const dtypes = o.dtypes ?? {};
  for (const [name, t] of Object.entries(dtypes)) {
    if (!isDataType(t)) throw new CsvOptionError('dtypes', t, `column "${name}" has an unknown data type`);
  }
  const infer = o.inferSchemaLength ?? DEFAULT_INFER_SCHEMA_LENGTH;
  if (o.rangeSize !== undefined) positive('rangeSize', o.rangeSize);
  return {
    file,
    delimiter,
    hasHeader: o.hasHeader ?? true,
    columns: o.columns ?? null,
    dtypes,
    nullValues: o.nullValues,
    quoteChar,
    commentPrefix,
    skipRows: count('skipRows', o.skipRows ?? 0),
    nRows: o.nRows === undefined ? Infinity : count('nRows', o.nRows),
    inferSchemaLength: infer === 0 ? Infinity : count('inferSchemaLength', infer),
    tryParseDates: o.tryParseDates ?? false,
    truncateRaggedLines: o.truncateRaggedLines ?? false,
    chunkSize: o.chunkSize === undefined ? DEFAULT_CHUNK_SIZE : positive('chunkSize', o.chunkSize),
  };
}

function oneAscii(s: string): boolean {
  return typeof s === 'string' && s.length === 1 && s.charCodeAt(0) < 0x80;
}

function isNewline(s: string): boolean {
  return s === '\r' || s === '\n';
}

function count(name: string, n: number): number {
  if (n === Infinity) return n;
  if (!Number.isInteger(n) || n < 0) throw new CsvOptionError(name, n, 'must be a non-negative integer');
  return n;
}

function positive(name: string, n: number): number {
  if (!Number.isInteger(n) || n < 1) throw new CsvOptionError(name, n, 'must be a positive integer');
  return n;
}
