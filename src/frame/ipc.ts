/** The public Arrow IPC readers: readIpc and readIpcStream. */
import { readArrowIpc, type IpcInput } from '../io/ipc.js';
import { ColumnNotFoundError } from '../types/schema.js';
import { DataFrame } from './frames.js';

/** Options of readIpc and readIpcStream. */
export interface IpcReadOptions {
  /** Only these columns, in this order (default: all). */
  readonly columns?: readonly string[];
}

/**
 * Read an Arrow IPC file (`.arrow`, Feather v2) into a DataFrame: a path, its bytes, or a
 * stream of them. The input is read whole into shared memory and the Arrow arrays are views
 * into it, so number, boolean, date and timestamp columns are not copied again (Utf8 columns are
 * dictionary-encoded on load, and types Volley stores otherwise are converted, as `fromArrow`
 * does). Both IPC formats are accepted, the stream format too.
 *
 * @example
 * await df.writeIpc('answer.arrow');
 * const back = await readIpc('answer.arrow', { columns: ['id', 'v'] });
 */
export async function readIpc(input: IpcInput, options: IpcReadOptions = {}): Promise<DataFrame> {
  let table = await readArrowIpc(input);
  if (options.columns !== undefined) {
    const names = table.schema.fields.map((f) => f.name);
    for (const c of options.columns) if (!names.includes(c)) throw new ColumnNotFoundError(c, names);
    table = table.select([...options.columns]);
  }
  return DataFrame.fromArrow(table);
}

/**
 * Read Arrow IPC in the stream format (a sequence of messages, as `writeIpcStream` and most
 * Arrow libraries' stream writers produce) into a DataFrame; the same reader as readIpc, which
 * tells the two formats apart.
 *
 * @example
 * const df = await readIpcStream(process.stdin);
 */
export async function readIpcStream(input: IpcInput, options: IpcReadOptions = {}): Promise<DataFrame> {
  return readIpc(input, options);
}
