/** Text out on the worker pool: a frame's pieces formatted by threads, given in row order. */
import type { Task } from '../pool/protocol.js';
import type { RunContext } from './scheduler.js';
import { streamTasks } from './task-stream.js';

/** A write of text (CSV, JSON) as pieces: what comes first and last, and each piece's formatting task. */
export interface TextWork {
  readonly head: string | null;
  readonly pieces: number;
  task(i: number): Task;
  readonly tail: string | null;
}

/**
 * The pieces of `work` (its head first and its tail last, as strings), formatted on the pool
 * (`ctx.threads`; 1 formats on the calling thread) a few pieces per thread ahead of the consumer
 * and given in row order, so the text is the same for every thread count and a slow writer holds
 * the work back.
 *
 * @example
 * await writePieces(path, formatOnPool(csvWork(table, {}, true), { threads: 4, signal: null }), wrap);
 */
export async function* formatOnPool(work: TextWork, ctx: RunContext): AsyncGenerator<string | Uint8Array> {
  if (work.head !== null) yield work.head;
  yield* streamTasks<Uint8Array>(ctx, work.pieces, (i) => work.task(i));
  if (work.tail !== null) yield work.tail;
}
