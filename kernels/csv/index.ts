/** The CSV kernels: range boundaries, the range parser, and the byte-level value parsers. */
export { countQuotes, findRecordStart, recordRanges, type RecordRange } from './boundaries.js';
export { parseCsvRange } from './parse.js';
export { countNewlines } from './lines.js';
export { attemptParse, CsvParseError, type CsvAttempt, type CsvErrorInfo, type CsvErrorKind } from './errors.js';
export { parseInt32Bytes, parseSafeIntBytes, parseBigIntBytes, parseInt64Bytes } from './ints.js';
export { parseFloat64Bytes, isNanLiteral } from './floats.js';
export { parseBooleanBytes } from './booleans.js';
export { parseDateBytes, parseTimestampBytes, daysFromCivil } from './temporal.js';
export { ByteDictionary, hashBytes } from './dictionary.js';
export type {
  CsvChunk,
  CsvColumnKind,
  CsvColumnOutput,
  CsvColumnSpec,
  CsvDialect,
  CsvParseSpec,
  CsvRangeResult,
  CsvValueKind,
  CsvValues,
} from './spec.js';
export { readRecord, type CsvRecord } from './record.js';
