/** CSV text to Table: options, dialect, then the survey pass and the fill pass. */
import type { Table } from '../../table/table.js';
import { detectDialect } from './dialect.js';
import { fillColumns } from './fill.js';
import type { CsvReadOptions } from './options.js';
import { resolveOptions } from './resolve.js';
import { surveyCsv } from './survey.js';

/**
 * Read CSV text (BOM already removed) whose errors are to name `file`.
 *
 * @example
 * parseCsvText('a\n1\n', '<string>').toRecords(); // [{ a: 1 }]
 */
export function parseCsvText(text: string, file: string, options: CsvReadOptions = {}): Table {
  const o = resolveOptions(options, file);
  const dialect = detectDialect(text, o);
  return fillColumns(text, dialect, o, surveyCsv(text, dialect, o));
}
