/** Arrow IPC in and out, through apache-arrow: the file format (`.arrow`, Feather v2) and the stream format. */
import type { Writable } from 'node:stream';
import { tableFromIPC, tableToIPC, type Table as ArrowTable } from 'apache-arrow';
import { VolleyError } from '../errors.js';
import { inputShared, writePieces, type ByteInput } from './bytes.js';

/** What the IPC readers take: a file path, the bytes, or a stream of them. */
export type IpcInput = ByteInput;

/** Where the IPC writers write: a file path or a Node `Writable`. */
export type IpcOutput = string | Writable;

/** The two IPC formats: `file` (random access, with a footer) and `stream` (a sequence of messages). */
export type IpcFormat = 'file' | 'stream';

/** An Arrow IPC input that cannot be read: the file is missing, or the bytes are not Arrow IPC. */
export class IpcError extends VolleyError {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('IO_ERROR', message, options);
    this.name = 'IpcError';
  }
}

/**
 * Read Arrow IPC (either format: apache-arrow tells them apart by the file magic) into an Arrow
 * Table whose buffers lie in shared memory: the input is read whole into a SharedArrayBuffer
 * first, and the table's arrays are views into it, so numeric columns reach the worker pool
 * without another copy.
 *
 * @example
 * const table = await readArrowIpc('out.arrow');
 */
export async function readArrowIpc(input: IpcInput): Promise<ArrowTable> {
  const name = typeof input === 'string' ? input : '<bytes>';
  let bytes: Uint8Array;
  try {
    bytes = await inputShared(input, 'readIpc');
  } catch (e) {
    if (e instanceof VolleyError) throw e;
    throw new IpcError(name, `cannot read ${name}: ${(e as Error).message ?? String(e)}`, { cause: e });
  }
  try {
    return tableFromIPC(bytes);
  } catch (e) {
    throw new IpcError(name, `${name} is not Arrow IPC data: ${(e as Error).message ?? String(e)}`, { cause: e });
  }
}

/**
 * Write an Arrow Table as IPC in `format` to a path or a Node `Writable` (which is not ended).
 *
 * @example
 * await writeArrowIpc(df.toArrow(), 'out.arrow', 'file');
 */
export async function writeArrowIpc(table: ArrowTable, output: IpcOutput, format: IpcFormat): Promise<void> {
  const name = typeof output === 'string' ? output : '<stream>';
  await writePieces(output, [tableToIPC(table, format)], (e) =>
    e instanceof VolleyError ? e : new IpcError(name, `cannot write ${name}: ${(e as Error).message ?? String(e)}`, { cause: e }),
  );
}
