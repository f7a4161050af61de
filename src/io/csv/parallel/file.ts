/** Positional reads of a CSV file by path: what each range task uses to read only its own bytes. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { ReadAt } from '../../../../kernels/csv/file-range.js';
import { CsvError } from '../errors.js';

/** An open file: its size and a positional reader. */
export interface OpenFile {
  readonly size: number;
  readonly read: ReadAt;
}

/**
 * Open `path`, hand `fn` its size and a positional reader, and close it again. A missing or
 * unreadable file is a CsvError naming the path.
 *
 * @example
 * const size = withFile('data.csv', (f) => f.size);
 */
export function withFile<T>(path: string, fn: (file: OpenFile) => T): T {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw openError(path, e);
  }
  try {
    const stat = fstatSync(fd);
    // a directory opens fine on some systems and fails only when read: fail as readFile would
    if (stat.isDirectory())
      throw new CsvError(path, null, null, 'cannot read file: EISDIR: illegal operation on a directory, read', { code: 'IO_ERROR' });
    return fn({ size: stat.size, read: (target, position) => readSync(fd, target, 0, target.length, position) });
  } finally {
    closeSync(fd);
  }
}

function openError(path: string, e: unknown): CsvError {
  const err = e as NodeJS.ErrnoException;
  let why = err.code === 'ENOENT' ? 'file not found' : (err.message ?? String(e));
  // CSV text passed where a path belongs is an easy slip to make
  if (err.code === 'ENOENT' && /[\r\n]/.test(path)) why += ' (readCsv takes a path; use readCsvString for CSV text)';
  return new CsvError(path, null, null, `cannot read file: ${why}`, { code: 'IO_ERROR', cause: e });
}

/**
 * The file's bytes [start, end) (fewer at the end of the file).
 *
 * @example
 * const head = readBytes(file, 0, 1 << 20);
 */
export function readBytes(file: OpenFile, start: number, end: number): Uint8Array {
  const out = new Uint8Array(Math.max(0, Math.min(end, file.size) - start));
  let got = 0;
  while (got < out.length) {
    const n = file.read(out.subarray(got), start + got);
    if (n <= 0) break;
    got += n;
  }
  return out.subarray(0, got);
}
