/** CSV out on the worker pool: a frame's pieces formatted by threads, written in row order. */
import { csvWork, type CsvWriteOptions } from '../io/csv/write.js';
import type { Table } from '../table/table.js';
import type { RunContext } from './scheduler.js';
import { streamTasks } from './task-stream.js';

/**
 * The CSV text of `table` as pieces of at most 65,536 rows (the header, when asked for, first, as
 * a string), formatted on the pool (`ctx.threads`; 1 formats on the calling thread) a few pieces
 * per thread ahead of the consumer, and given in row order: a slow writer holds the work back.
 *
 * @example
 * await writePieces(path, csvPiecesParallel(table, {}, { threads: 4, signal: null }), wrap);
 */
export async function* csvPiecesParallel(
  table: Table,
  options: CsvWriteOptions,
  ctx: RunContext,
  withHeader = true,
): AsyncGenerator<string | Uint8Array> {
  const work = csvWork(table, options, withHeader);
  if (work.header !== null) yield work.header;
  yield* streamTasks<Uint8Array>(ctx, work.pieces, work.task);
}
