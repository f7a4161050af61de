/** From the string reader's dialect and survey to the byte tokenizer's spec, or the reason the tokenizer cannot read a file. */
import type { CsvColumnKind, CsvColumnSpec, CsvDialect, CsvParseSpec, CsvValueKind } from '../../../../kernels/csv/spec.js';
import type { DataType } from '../../../types/dtype.js';
import type { Dialect } from '../dialect.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';

const encoder = new TextEncoder();

/** The tokenizer's kind for each column type. */
export const KIND_OF: Readonly<Record<DataType, CsvValueKind>> = {
  Int32: 'int32',
  Int64: 'int64',
  Float64: 'float64',
  Boolean: 'boolean',
  Utf8: 'utf8',
  Date: 'date',
  Timestamp: 'timestamp',
};

/**
 * The dialect as bytes, or why the byte tokenizer cannot read it and the string reader must:
 * a lone CR as the newline (the tokenizer ends records at LF only), or a delimiter or quote
 * character that is not one ASCII byte (a digit cannot delimit either: numbers are scanned
 * straight through).
 *
 * @example
 * byteDialect({ delimiter: ',', newline: '\n', quoteChar: '"', commentPrefix: null });
 * // { delimiter: 44, quote: 34, comment: null }
 */
export function byteDialect(d: Dialect): CsvDialect | string {
  if (d.newline === '\r') return 'records end in a lone CR';
  const del = d.delimiter.charCodeAt(0);
  if (d.delimiter.length !== 1 || del >= 0x80 || (del >= 0x30 && del <= 0x39)) return `delimiter ${JSON.stringify(d.delimiter)} is not one ASCII byte`;
  const quote = d.quoteChar.charCodeAt(0);
  if (quote >= 0x80) return `quote ${JSON.stringify(d.quoteChar)} is not one ASCII byte`;
  return { delimiter: del, quote, comment: d.commentPrefix === null ? null : encoder.encode(d.commentPrefix) };
}

/**
 * Why the byte tokenizer cannot read a file with this survey, or null when it can: a file of one
 * column, whose blank lines the tokenizer reads as null values while the string reader skips them.
 *
 * @example
 * surveyObstacle(survey); // null for the H2O files
 */
export function surveyObstacle(s: Survey): string | null {
  return s.names.length === 1 ? 'the file has one column' : null;
}

/**
 * The tokenizer spec: every column of the file in order, `skip` for those not read, the surveyed
 * type and null strings (as UTF-8 bytes) for the others; dictionaries come back encoded.
 *
 * @example
 * parseSpec(survey, dialect, options).columns; // [{ kind: 'utf8' }, { kind: 'skip' }, { kind: 'float64', nullValues: [...] }]
 */
export function parseSpec(s: Survey, dialect: CsvDialect, o: ResolvedOptions): CsvParseSpec {
  const columns: CsvColumnSpec[] = s.names.map(() => ({ kind: 'skip' as CsvColumnKind }));
  s.slots.forEach((slot, k) => {
    const kind = KIND_OF[s.dtypes[k]!];
    columns[slot.index] = slot.nulls === null ? { kind } : { kind, nullValues: [...slot.nulls].map((v) => encoder.encode(v)) };
  });
  // dictionaries stay bytes until unified: only values new to a column ever become strings
  return { dialect, columns, chunkSize: o.chunkSize, truncateRaggedLines: o.truncateRaggedLines, dictionaries: 'bytes' };
}
