/** CsvError: every failure while reading CSV, located by file, physical line and column. */
import { VolleyError, registerErrorClass } from '../../errors.js';

/**
 * Thrown by the CSV reader. `line` is the 1-based physical line in the source (the header, skipped
 * and commented lines and newlines inside quoted fields all count); `null` when no line applies,
 * as for a missing file or an unknown column name. `column` names the column when one is involved.
 *
 * @example
 * try {
 *   await readCsvString('a\n1\nx', { inferSchemaLength: 1 });
 * } catch (e) {
 *   if (e instanceof CsvError) console.log(e.file, e.line, e.column); // '<string>' 3 'a'
 * }
 */
export class CsvError extends VolleyError {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly column: string | null,
    /** The message without the location prefix. */
    readonly reason: string,
  ) {
    super('CSV_PARSE', `${locate(file, line, column)}: ${reason}`);
    this.name = 'CsvError';
  }
}
registerErrorClass(CsvError);

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
  );
}
