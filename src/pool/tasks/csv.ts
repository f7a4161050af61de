/** The CSV range tasks in a worker (or on the main thread for `threads: 1`): open the file by path (or read the shared bytes) and run the kernel. */
import { closeSync, openSync, readSync } from 'node:fs';
import {
  bytesReader,
  countRangeQuotes,
  parseFileRange,
  type CsvSourceRef,
  type RangeParseOutcome,
  type ReadAt,
} from '../../../kernels/csv/file-range.js';
import type { CsvQuotesTask, CsvRangeTask } from '../protocol.js';
import { lendSegments } from '../../../kernels/alloc.js';

/** Run `fn` with a positional reader over `source` (a path: closing the file afterwards). */
function withReader<T>(source: CsvSourceRef, fn: (read: ReadAt) => T): T {
  if (typeof source !== 'string') return fn(bytesReader(source));
  const path = source;
  const fd = openSync(path, 'r');
  try {
    return fn((target, position) => readSync(fd, target, 0, target.length, position));
  } finally {
    closeSync(fd);
  }
}

/**
 * Count the quote bytes of one byte range, reading only that range.
 *
 * @example
 * runCsvQuotes({ type: 'csvQuotes', source: 'a.csv', params: { start: 0, end: 1 << 24, quote: 34 } });
 */
export function runCsvQuotes(t: CsvQuotesTask): number {
  return withReader(t.source, (read) => countRangeQuotes(read, t.params));
}

/**
 * Parse the records one byte range owns into shared-memory chunks, reading only that range and
 * the end of its last record; a parse error comes back as data, in file offsets. Output chunks
 * fill the task's `reuse` segments where they fit.
 *
 * @example
 * runCsvRange({ type: 'csvRange', source: 'a.csv', params }).ok;
 */
export function runCsvRange(t: CsvRangeTask): RangeParseOutcome {
  return withReader(t.source, (read) => lendSegments(t.reuse ?? [], () => parseFileRange(read, t.params)));
}
