/** What readCsv reads: a path, text, bytes or a stream, each turned into a source of bytes for the range tasks. */
import type { Readable } from 'node:stream';
import { concatShared, isByteStream, sharedCopy, streamParts } from '../bytes.js';
import { bytesReader, type CsvSourceRef } from '../../../kernels/csv/file-range.js';
import { InvalidArgumentError, VolleyError } from '../../errors.js';
import { CsvError } from './errors.js';
import { withFile, type OpenFile } from './parallel/file.js';

/**
 * Any input readCsv accepts: a file path (a string), UTF-8 bytes (a Buffer or Uint8Array), or a
 * stream of UTF-8 bytes (a Node `Readable` or a web `ReadableStream`). CSV text goes to
 * readCsvString instead, since a string here is a path.
 */
export type CsvInput = string | Uint8Array | Readable | ReadableStream<Uint8Array>;

const encoder = new TextEncoder();

/**
 * The bytes of an in-memory input or a stream, in a SharedArrayBuffer so that worker threads
 * read them without a copy each. A stream is read to its end first and then parsed like bytes:
 * the schema comes from the first records and the range split from quote counts over the whole
 * input, so parsing while it arrives would give other results (or other errors) than the file.
 * A path is returned as it is: each task reads its own range of the file.
 *
 * @example
 * const ref = await sourceBytes(fs.createReadStream('a.csv'), '<stream>'); // Uint8Array
 */
export async function sourceBytes(input: CsvInput, file: string): Promise<CsvSourceRef> {
  if (typeof input === 'string') return input;
  if (input instanceof Uint8Array) return sharedCopy(input);
  let parts: Uint8Array[];
  try {
    if (!isByteStream(input))
      throw new InvalidArgumentError(
        'input',
        input,
        `readCsv takes a path, bytes or a stream, got ${Object.prototype.toString.call(input)}`,
      );
    parts = await streamParts(input);
  } catch (e) {
    if (e instanceof VolleyError) throw e;
    throw new CsvError(file, null, null, `cannot read stream: ${(e as Error).message ?? String(e)}`, { code: 'IO_ERROR', cause: e });
  }
  return concatShared(parts);
}

/**
 * CSV text as UTF-8 bytes in shared memory.
 *
 * @example
 * textBytes('a\n1\n').length; // 4
 */
export function textBytes(text: string): Uint8Array {
  return sharedCopy(encoder.encode(text));
}

/**
 * Open a source for positional reads: a path as a file (see withFile), bytes as they are.
 *
 * @example
 * const size = withSource(ref, (f) => f.size);
 */
export function withSource<T>(ref: CsvSourceRef, fn: (file: OpenFile) => T): T {
  if (typeof ref === 'string') return withFile(ref, fn);
  return fn({ size: ref.length, read: bytesReader(ref) });
}
