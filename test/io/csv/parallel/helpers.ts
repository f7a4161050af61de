/** Helpers for the parallel reader tests: temp files, seeded random CSV files with options, and frame fingerprints. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CsvError } from '../../../../src/io/csv/errors.js';
import type { CsvReadOptions } from '../../../../src/io/csv/options.js';
import type { DataFrame } from '../../../../src/frame/frames.js';
import type { Table } from '../../../../src/table/table.js';
import type { DataType } from '../../../../src/types/dtype.js';
import { int, pick, randomValueText } from '../../../kernels/csv/helpers.js';
import type { CsvColumnKind } from '../../../../kernels/csv/spec.js';

/** A temp directory for one test file, removed by the returned cleanup. */
export function tempDir(): { dir: string; file(name: string, content: string | Uint8Array): string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'volley-csv-'));
  return {
    dir,
    file(name, content) {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Everything that tells two frames apart: names, types, every value (null included), every dictionary. */
export function fingerprint(df: Table | DataFrame): unknown {
  return {
    height: df.height,
    fields: df.schema.fields.map((f) => `${f.name}:${f.dtype}`),
    columns: df
      .getColumns()
      .map((c) => c.toArray().map((v) => (v instanceof Date ? `date:${v.getTime()}` : typeof v === 'bigint' ? `big:${v}` : v))),
    dictionaries: df.getColumns().map((c) => c.dictionary?.values ?? null),
  };
}

/** The outcome of a read, for comparing two readers: a fingerprint, or the CsvError's message, code and fields. */
export async function outcome(read: () => Promise<Table | DataFrame>): Promise<unknown> {
  try {
    return fingerprint(await read());
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    return { error: e.message, code: e.code, file: e.file, line: e.line, column: e.column, expected: e.expected, found: e.found };
  }
}

/** A random CSV file's text and the read options that go with it. */
export interface RandomFile {
  readonly text: string;
  readonly options: CsvReadOptions;
}

const KINDS: readonly CsvColumnKind[] = ['int32', 'int64', 'float64', 'boolean', 'utf8', 'utf8', 'date', 'timestamp'];
const DTYPES: readonly DataType[] = ['Int32', 'Int64', 'Float64', 'Boolean', 'Utf8', 'Date', 'Timestamp'];
const JUNK = ['x', 'NaN', 'nan', '1.5', '-', '3000000000', 'TRUE', '2024-01-01', '""', 'é'];

/**
 * A random CSV file: a header (sometimes none, sometimes after skipped rows and comments), typed
 * columns with nulls and null strings, quoted fields holding delimiters, doubled quotes and
 * newlines, blank and comment lines, LF or CRLF, an optional BOM; with random read options
 * (projection, nRows, skipRows, dtypes, a small inference sample) and sometimes a bad value or a
 * ragged record, so errors are compared too.
 */
export function randomFile(rnd: () => number, maxRows = 40): RandomFile {
  const ncols = int(rnd, 2, 6);
  const kinds = Array.from({ length: ncols }, () => pick(rnd, KINDS));
  const delimiter = pick(rnd, [',', ',', ',', ';', '\t', '|']);
  const newline = pick(rnd, ['\n', '\n', '\r\n'] as const);
  const comment = rnd() < 0.2 ? '#' : null;
  const nulls = pick(rnd, [[], [], ['NA'], ['NA', '-999']]);
  const hasHeader = rnd() < 0.85;
  const skipRows = rnd() < 0.15 ? int(rnd, 1, 3) : 0;
  const ragged = rnd() < 0.1;
  const quoteAll = rnd() < 0.1;

  const field = (raw: string): string => {
    const must = raw.includes(delimiter) || /["\r\n]/.test(raw) || (comment !== null && raw.startsWith(comment));
    return must || quoteAll || rnd() < 0.1 ? `"${raw.replaceAll('"', '""')}"` : raw;
  };
  const lines: string[] = [];
  for (let s = 0; s < skipRows; s++)
    lines.push(Array.from({ length: int(rnd, 1, ncols + 2) }, () => field(pick(rnd, JUNK))).join(delimiter));
  if (hasHeader)
    lines.push(kinds.map((_, c) => field(rnd() < 0.1 ? '' : rnd() < 0.1 ? 'dup' : `c${c}${rnd() < 0.1 ? ',"x' : ''}`)).join(delimiter));
  const rows = int(rnd, 0, maxRows);
  for (let r = 0; r < rows; r++) {
    if (rnd() < 0.05) lines.push('');
    if (comment !== null && rnd() < 0.08) lines.push(`${comment} note ""${rnd() < 0.5 ? ',x' : ''}`);
    let width = ncols;
    if (ragged || rnd() < 0.01) width = int(rnd, 1, ncols + 1);
    const fields = Array.from({ length: width }, (_, c) => {
      const kind = kinds[c] ?? 'utf8';
      const roll = rnd();
      if (roll < 0.08) return '';
      if (roll < 0.12 && nulls.length > 0) return field(pick(rnd, nulls));
      if (roll < 0.125) return field(pick(rnd, JUNK));
      return field(randomValueText(rnd, kind));
    });
    lines.push(fields.join(delimiter));
  }
  const bom = rnd() < 0.1 ? '\uFEFF' : '';
  const text = bom + lines.join(newline) + (lines.length > 0 && rnd() < 0.7 ? newline : '');

  const options: CsvReadOptions = { hasHeader, skipRows };
  if (rnd() < 0.3) options.delimiter = delimiter;
  if (comment !== null) options.commentPrefix = comment;
  if (nulls.length > 0) options.nullValues = nulls;
  if (ragged) options.truncateRaggedLines = true;
  if (rnd() < 0.3) options.inferSchemaLength = int(rnd, 1, 10);
  if (rnd() < 0.2) options.nRows = int(rnd, 0, rows + 2);
  if (rnd() < 0.3) options.tryParseDates = true;
  if (rnd() < 0.3) options.chunkSize = int(rnd, 1, 7);
  const names = hasHeader ? null : kinds.map((_, c) => `column_${c + 1}`);
  if (names !== null && rnd() < 0.25) options.columns = names.filter(() => rnd() < 0.6);
  if (names !== null && rnd() < 0.15) options.dtypes = { [pick(rnd, names)]: pick(rnd, DTYPES) };
  return { text, options };
}
