/** The public CSV readers: readCsv for files and bytes, readCsvString for text. */
import type { Table } from '../../table/table.js';
import type { CsvLoadOptions, CsvReadOptions } from './options.js';
import { readCsvRanges } from './parallel/read.js';
import { parseCsvText } from './parse.js';
import { decodeCsvBytes, stripBom } from './source.js';

/**
 * Read a CSV file (a string is a path) or UTF-8 bytes into a Table of typed columns.
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
 * (0 reads the whole file) or set `dtypes` when that happens.
 *
 * Quoting follows RFC 4180 (a quote opens a field only at its start; `""` inside is a quote;
 * delimiters and newlines may be quoted); LF, CRLF and CR line ends are detected; a UTF-8 BOM is
 * dropped; blank lines are skipped. Every failure is a {@link CsvError} with `file` (the path,
 * or `sourceName`/'<buffer>' for bytes), the 1-based physical `line` (counting the header,
 * skipped, comment and blank lines and newlines inside quotes) and the `column` where relevant.
 *
 * A file is parsed from bytes, in byte ranges of `rangeSize` (see readCsvRanges), with the same
 * result as reading its text; bytes and text in memory are read as one JS string, so they must
 * stay under about 512 MiB.
 *
 * @example
 * const df = await readCsv('data/h2o.csv', { dtypes: { id4: 'Int64' }, nullValues: 'NA' });
 * const small = await readCsv(Buffer.from('a;b\n1;x\n')); // delimiter detected as ';'
 */
export async function readCsv(source: string | Buffer | Uint8Array, options: CsvLoadOptions = {}): Promise<Table> {
  if (typeof source === 'string') return readCsvRanges(source, options);
  const file = options.sourceName ?? '<buffer>';
  return parseCsvText(decodeCsvBytes(source, file), file, options);
}

/**
 * Read CSV text into a Table; the same rules as {@link readCsv}, with errors naming
 * `sourceName` (default '<string>').
 *
 * @example
 * const df = await readCsvString('id,v\na,1\nb,2\n');
 * df.toRecords(); // [{ id: 'a', v: 1 }, { id: 'b', v: 2 }]
 */
export async function readCsvString(text: string, options: CsvReadOptions = {}): Promise<Table> {
  return parseCsvText(stripBom(text), options.sourceName ?? '<string>', options);
}
