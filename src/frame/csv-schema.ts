/** Synchronous schema inference for scanCsv: parse just enough of the file's start to type it. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { CsvError } from '../io/csv/errors.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import { parseCsvText } from '../io/csv/parse.js';
import { DEFAULT_INFER_SCHEMA_LENGTH } from '../io/csv/resolve.js';
import { decodeCsvBytes } from '../io/csv/source.js';
import type { Schema } from '../types/schema.js';

/** First read: enough for a thousand records of any ordinary table. */
const FIRST_READ = 1 << 20;
const NEWLINE = 0x0a;

function openFile(path: string): number {
  try {
    return openSync(path, 'r');
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw new CsvError(path, null, null, `cannot read file: ${err.code === 'ENOENT' ? 'file not found' : err.message}`);
  }
}

/** The file's first `bytes` bytes, cut after the last newline unless it is the whole file. */
function readPrefix(fd: number, bytes: number, size: number): Uint8Array {
  const buf = Buffer.allocUnsafe(Math.min(bytes, size));
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, got);
    if (n === 0) break;
    got += n;
  }
  if (got >= size) return buf.subarray(0, got);
  // A newline byte never occurs inside a multi-byte UTF-8 character, so this cut decodes cleanly.
  const end = buf.lastIndexOf(NEWLINE, got - 1);
  return buf.subarray(0, end < 0 ? 0 : end + 1);
}

/**
 * The schema `readCsv(path, options)` would produce, read from the start of the file only:
 * `inferSchemaLength` records (default 1000; 0 or Infinity: all) decide the types, exactly as
 * readCsv decides them. Synchronous, because `scanCsv(...)` returns a LazyFrame that type-checks
 * every verb as it is called. The read grows until the sample is complete, so records that span
 * the first cut (quoted newlines) are handled.
 *
 * @example
 * inferCsvSchema('G1.csv', {}).names; // ['id1', 'id2', ..., 'v3']
 */
export function inferCsvSchema(path: string, options: CsvReadOptions): Schema {
  const infer = options.inferSchemaLength ?? DEFAULT_INFER_SCHEMA_LENGTH;
  const sample = Math.min(infer === 0 ? Infinity : infer, options.nRows ?? Infinity);
  const fd = openFile(path);
  try {
    const size = fstatSync(fd).size;
    for (let bytes = FIRST_READ; ; bytes *= 4) {
      const whole = bytes >= size;
      const text = decodeCsvBytes(readPrefix(fd, bytes, size), path);
      const readOptions = Number.isFinite(sample) ? { ...options, nRows: sample } : options;
      try {
        const df = parseCsvText(text, path, readOptions);
        if (whole || df.height >= sample) return df.schema;
      } catch (e) {
        // A cut through a quoted field can fail to parse; only the whole file's verdict counts.
        if (whole) throw e;
      }
    }
  } finally {
    closeSync(fd);
  }
}
