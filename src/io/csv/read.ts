/** The CSV readers behind the public readCsv and readCsvString: every input to bytes, then the range reader. */
import type { Table } from '../../table/table.js';
import type { CsvLoadOptions } from './options.js';
import { readCsvRanges, sourceName } from './parallel/read.js';
import type { CsvRunner } from './parallel/tasks.js';
import { sourceBytes, textBytes, type CsvInput } from './source.js';

/**
 * Read a CSV input (a string is a path; or UTF-8 bytes, a Node Readable or a web ReadableStream
 * of UTF-8 bytes) into a Table of typed columns, the range tasks running on `runner` (by
 * default on the calling thread).
 *
 * The schema is inferred from the first `inferSchemaLength` data records (default 1000), trying
 * for each column, in order: Int32, Int64 (an integer beyond Int32), Float64 (decimals, exponents,
 * integers beyond Int64, and `NaN`/`nan`/`inf`/`-inf`/`Infinity`), then with `tryParseDates`
 * Date (`YYYY-MM-DD`) and Timestamp (ISO 8601, UTC unless an offset is given), then Boolean
 * (`true`/`false`, any case), else Utf8. Numbers with leading zeros (`007`, `-01`, `00.5`) keep
 * a column Utf8; empty fields and `nullValues` are null and do not vote; an all-null column is
 * Utf8. Once inferred, a column's type is final: a later record whose value does not fit it
 * (`abc` or `3000000000` in an Int32 column) fails with a CsvError naming the line, column and
 * value, as Polars does, rather than silently widening or nulling. Raise `inferSchemaLength`
 * (0 reads the whole input) or set `dtypes` when that happens.
 *
 * Quoting follows RFC 4180 (a quote opens a field only at its start; `""` inside is a quote;
 * delimiters and newlines may be quoted; a quote inside an unquoted field is data); LF, CRLF and
 * CR line ends are detected; a UTF-8 BOM is dropped; blank lines are skipped. Every failure is a
 * {@link CsvError} with `file` (the path, or `sourceName`/'<buffer>'), the 1-based physical
 * `line` (counting the header, skipped, comment and blank lines and newlines inside quotes), the
 * `column` where relevant, and `expected`/`found`; an option value the reader does not support
 * is a CsvOptionError (code `INVALID_ARGUMENT`).
 *
 * Every input is parsed from bytes by the one tokenizer, in byte ranges of `rangeSize`, with the
 * same result and the same errors whatever the input kind; a stream is read to its end first.
 *
 * @example
 * const df = await readCsvInput('data/h2o.csv', { dtypes: { id4: 'Int64' }, nullValues: 'NA' });
 * const small = await readCsvInput(Buffer.from('a;b\n1;x\n')); // delimiter detected as ';'
 */
export async function readCsvInput(input: CsvInput, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<Table> {
  const name = typeof input === 'string' ? input : (options.sourceName ?? (input instanceof Uint8Array ? '<buffer>' : '<stream>'));
  const source = await sourceBytes(input, name);
  return readCsvRanges(source, { ...options, sourceName: sourceName(source, { sourceName: name }) }, runner);
}

/**
 * Read CSV text; the same reader as {@link readCsvInput} over the text's UTF-8 bytes, with errors
 * naming `sourceName` (default '<string>').
 *
 * @example
 * const df = await readCsvText('id,v\na,1\nb,2\n');
 * df.toRecords(); // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 */
export async function readCsvText(text: string, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<Table> {
  return readCsvRanges(textBytes(text), { ...options, sourceName: options.sourceName ?? '<string>' }, runner);
}
