/** Inputs read whole into shared memory: bytes as they are (copied once if not shared), streams to their end. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { InvalidArgumentError } from '../errors.js';

const encoder = new TextEncoder();

/** A Node `Readable` or a web `ReadableStream` of bytes (text chunks are UTF-8 encoded). */
export type ByteStream = Readable | ReadableStream<Uint8Array | string>;

/**
 * Whether `x` is a stream readByteStream takes.
 *
 * @example
 * isByteStream(process.stdin); // true
 */
export function isByteStream(x: unknown): x is ByteStream {
  return x instanceof Readable || typeof (x as { getReader?: unknown } | null)?.getReader === 'function';
}

/**
 * Every chunk of a stream, in order; the caller wraps a failure in its own error.
 *
 * @example
 * const parts = await streamParts(fs.createReadStream('a.arrow'));
 */
export async function streamParts(input: ByteStream): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  const add = (part: unknown): void => {
    parts.push(typeof part === 'string' ? encoder.encode(part) : (part as Uint8Array));
  };
  if (input instanceof Readable) {
    for await (const part of input) add(part);
    return parts;
  }
  const reader = input.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return parts;
    add(value);
  }
}

/**
 * `bytes` in shared memory: the same array when it already is, else a copy.
 *
 * @example
 * sharedCopy(new Uint8Array([1, 2])).buffer instanceof SharedArrayBuffer; // true
 */
export function sharedCopy(bytes: Uint8Array): Uint8Array {
  if (bytes.buffer instanceof SharedArrayBuffer) return bytes;
  const out = new Uint8Array(new SharedArrayBuffer(bytes.length));
  out.set(bytes);
  return out;
}

/**
 * Parts joined into one array in shared memory.
 *
 * @example
 * concatShared([a, b]).length === a.length + b.length; // true
 */
export function concatShared(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(new SharedArrayBuffer(n));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** An input a reader takes whole: a file path, bytes, or a stream of bytes. */
export type ByteInput = string | Uint8Array | ByteStream;

/**
 * The whole of an input in shared memory: a file read, bytes copied once unless shared already, a
 * stream read to its end. Anything else is an InvalidArgumentError naming `reader`; a failing
 * file or stream rejects with its own error, for the caller to wrap.
 *
 * @example
 * const bytes = await inputShared(process.stdin, 'readIpc');
 */
export async function inputShared(input: ByteInput, reader: string): Promise<Uint8Array> {
  if (typeof input === 'string') return fileShared(input);
  if (input instanceof Uint8Array) return sharedCopy(input);
  if (isByteStream(input)) return concatShared(await streamParts(input));
  throw new InvalidArgumentError('input', input, `${reader} takes a path, bytes or a stream, got ${Object.prototype.toString.call(input)}`);
}

/**
 * A file's whole content in shared memory.
 *
 * @example
 * const bytes = await fileShared('out.arrow');
 */
export async function fileShared(path: string): Promise<Uint8Array> {
  return sharedCopy(await readFile(path));
}

/**
 * Write pieces (made as they are asked for, or arriving from an async source) to a path (a new
 * file, finished before this resolves) or a Node `Writable` (left open), waiting whenever the
 * stream asks to drain, so a large output is never held at once.
 * A failure (a directory that does not exist, a stream error) rejects; `wrap` turns it into the
 * caller's error.
 *
 * @example
 * await writePieces('out.ndjson', lines(), (e) => new JsonError('out.ndjson', String(e)));
 */
export async function writePieces(
  output: string | Writable,
  pieces: Iterable<Uint8Array | string> | AsyncIterable<Uint8Array | string>,
  wrap: (e: unknown) => Error,
): Promise<void> {
  const out = typeof output === 'string' ? createWriteStream(output) : output;
  // a file that cannot be opened fails while the pieces are still being made (on the pool, say):
  // the error is kept here, never left to an 'error' event nobody listens to
  let failure: { error: unknown } | null = null;
  const onError = (error: unknown): void => {
    failure ??= { error };
  };
  out.on('error', onError);
  try {
    for await (const piece of pieces) {
      if (failure !== null) throw (failure as { error: unknown }).error;
      await writeOne(out, piece);
    }
    if (failure !== null) throw (failure as { error: unknown }).error;
    if (typeof output === 'string') {
      out.end();
      await finished(out);
    }
  } catch (e) {
    if (typeof output === 'string') out.destroy();
    throw wrap(e);
  } finally {
    if (typeof output !== 'string') out.off('error', onError);
  }
}

/** Write one piece, waiting for the stream to drain when it asks to, and failing on its error meanwhile. */
async function writeOne(out: Writable, piece: Uint8Array | string): Promise<void> {
  if (out.write(piece)) return;
  const stop = new AbortController();
  try {
    await Promise.race([
      once(out, 'drain', { signal: stop.signal }),
      once(out, 'error', { signal: stop.signal }).then(([e]) => Promise.reject(e)),
    ]);
  } finally {
    stop.abort();
  }
}
