/** Defaults and validation of CsvReadOptions, so the rest of the reader sees complete settings. */
import { isDataType, type DataType } from '../../types/dtype.js';
import { DEFAULT_CHUNK_SIZE } from '../../table/buffers.js';
import { CsvError } from './errors.js';
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
 * Check the options and fill in defaults. `file` is the name errors will carry.
 *
 * @example
 * resolveOptions({ nRows: 10 }, 'a.csv').inferSchemaLength; // 1000
 */
export function resolveOptions(o: CsvReadOptions, file: string): ResolvedOptions {
  const fail = (reason: string): never => {
    throw new CsvError(file, null, null, reason);
  };
  const quoteChar = o.quoteChar ?? '"';
  if (quoteChar.length !== 1 || isNewline(quoteChar)) fail(`quoteChar must be one character other than a newline, got ${JSON.stringify(quoteChar)}`);
  const delimiter = o.delimiter ?? null;
  if (delimiter !== null) {
    // papaparse silently swaps these for ',' so they are refused here instead
    if (delimiter === '' || /[\r\n"\uFEFF]/.test(delimiter) || delimiter.includes(quoteChar))
      fail(`delimiter must be non-empty and hold no newline, BOM or quote character, got ${JSON.stringify(delimiter)}`);
  }
  const commentPrefix = o.commentPrefix ?? null;
  if (commentPrefix !== null && (commentPrefix === '' || /[\r\n]/.test(commentPrefix) || commentPrefix === delimiter))
    fail(`commentPrefix must be non-empty, hold no newline and differ from the delimiter, got ${JSON.stringify(commentPrefix)}`);
  const dtypes = o.dtypes ?? {};
  for (const [name, t] of Object.entries(dtypes)) {
    if (!isDataType(t)) fail(`dtypes: column "${name}" has unknown data type ${JSON.stringify(t)}`);
  }
  const infer = o.inferSchemaLength ?? DEFAULT_INFER_SCHEMA_LENGTH;
  return {
    file,
    delimiter,
    hasHeader: o.hasHeader ?? true,
    columns: o.columns ?? null,
    dtypes,
    nullValues: o.nullValues,
    quoteChar,
    commentPrefix,
    skipRows: count('skipRows', o.skipRows ?? 0, fail),
    nRows: o.nRows === undefined ? Infinity : count('nRows', o.nRows, fail),
    inferSchemaLength: infer === 0 ? Infinity : count('inferSchemaLength', infer, fail),
    tryParseDates: o.tryParseDates ?? false,
    truncateRaggedLines: o.truncateRaggedLines ?? false,
    chunkSize: o.chunkSize === undefined ? DEFAULT_CHUNK_SIZE : positive('chunkSize', o.chunkSize, fail),
  };
}

function isNewline(s: string): boolean {
  return s === '\r' || s === '\n';
}

function count(name: string, n: number, fail: (reason: string) => never): number {
  if (n === Infinity) return n;
  if (!Number.isInteger(n) || n < 0) fail(`${name} must be a non-negative integer, got ${n}`);
  return n;
}

function positive(name: string, n: number, fail: (reason: string) => never): number {
  if (!Number.isInteger(n) || n < 1) fail(`${name} must be a positive integer, got ${n}`);
  return n;
}
