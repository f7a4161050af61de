/** CSV text to DataFrame: options, dialect, then the survey pass and the fill pass. */
import type { DataFrame } from '../../table/dataframe.js';
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
export function parseCsvText(text: string, file: string, options: CsvReadOptions = {}): DataFrame {
  const o = resolveOptions(options, file);
  const dialect = detectDialect(text, o);
  return fillColumns(text, dialect, o, surveyCsv(text, dialect, o));
}
