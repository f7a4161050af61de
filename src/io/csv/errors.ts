/** CsvError: every failure while reading CSV, located by file, physical line and column. */
import { InvalidArgumentError, VolleyError, registerErrorClass } from '../../errors.js';

/** What a parse wanted and what it met instead, for a CsvError. */
export interface CsvMismatch {
  readonly expected: string | null;
  readonly found: string | null;
}

/** A CsvError's details: the mismatch, and for an input that cannot be read at all, code `IO_ERROR` with the system error as `cause`. */
export interface CsvErrorDetails extends Partial<CsvMismatch> {
  readonly code?: 'CSV_PARSE' | 'IO_ERROR';
  readonly cause?: unknown;
}

/**
 * Thrown by the CSV reader. `line` is the 1-based physical line in the source (the header, skipped
 * and commented lines and newlines inside quoted fields all count); `null` when no line applies,
 * as for a missing file or an unknown column name. `column` names the column when one is involved.
 * `expected` and `found` say what the parse wanted and met: for a bad value the column's type and
 * the value (`'Int32'`, `'abc'`), for a ragged record the field counts (`'2 fields'`, `'3 fields'`),
 * for a quote error what had to follow (`'a closing quote'`) and what did; null where nothing was
 * parsed (a missing file). Its code is `CSV_PARSE`, or `IO_ERROR` when the input cannot be read at
 * all (a missing file, a directory, a stream that fails), with the system error as `cause`. Every
 * reading path (file, string, bytes, stream, any thread count) raises the same error with the same
 * fields for the same bad input.
 *
 * @example
 * try {
 *   await readCsvString('a\n1\nx', { inferSchemaLength: 1 });
 * } catch (e) {
 *   if (e instanceof CsvError) console.log(e.file, e.line, e.column, e.expected, e.found); // '<string>' 3 'a' 'Int32' 'x'
 * }
 */
export class CsvError extends VolleyError {
  /** What the parse wanted at this place, or null. */
  readonly expected: string | null;
  /** What it found there instead, or null. */
  readonly found: string | null;

  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    /** The message without the location prefix. */
    readonly reason: string,
    details: CsvErrorDetails = {},
  ) {
    super(
      details.code ?? 'CSV_PARSE',
      `${locate(file, line, column)}: ${reason}`,
      details.cause === undefined ? undefined : { cause: details.cause },
    );
    this.name = 'CsvError';
    this.expected = details.expected ?? null;
    this.found = details.found ?? null;
  }
}
registerErrorClass(CsvError);

/**
 * An option value the reader does not support (a delimiter of two characters, a quote that is
 * also the delimiter, a negative `skipRows`): refused before anything is read, never silently
 * read some other way. Code `INVALID_ARGUMENT`; `option` and `value` name what was refused.
 *
 * @example
 * try {
 *   await readCsvString('a;;b\n', { delimiter: ';;' });
 * } catch (e) {
 *   if (e instanceof CsvOptionError) console.log(e.code, e.option, e.value); // 'INVALID_ARGUMENT' 'delimiter' ';;'
 * }
 */
export class CsvOptionError extends InvalidArgumentError {
  constructor(
    readonly option: string,
    value: unknown,
    /** What the option accepts. */
    readonly rule: string,
  ) {
    super(option, value, `readCsv option ${option}: ${rule}, got ${showOption(value)}`);
    this.name = 'CsvOptionError';
  }
}
registerErrorClass(CsvOptionError);

function showOption(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

function locate(file: string, line: number | null, column: string | null): string {
  let at = file;
  if (line !== null) at += `, line ${line}`;
  if (column !== null) at += `, column "${column}"`;
  return at;
}

/** A field value as it appears in messages: quoted and escaped, and cut short when long. */
export function showValue(value: string): string {
  const short = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return JSON.stringify(short);
}

/**
 * The error for a record whose field count differs from the header's (or the first record's).
 *
 * @example
 * fieldCountError('a.csv', 3, 2, 4).message;
 * // 'a.csv, line 3: expected 2 fields but found 4 (set truncateRaggedLines to pad short records with nulls and drop extra fields)'
 */
export function fieldCountError(file: string, line: number, expected: number, found: number): CsvError {
  return new CsvError(
    file,
    line,
    null,
    `expected ${expected} fields but found ${found} (set truncateRaggedLines to pad short records with nulls and drop extra fields)`,
    { expected: `${expected} fields`, found: `${found} fields` },
  );
}
