/**
 * The CSV scan operator: the file's byte ranges parsed on the pool, only the columns the plan reads
 * materialized, the pushed-down predicate applied in the parsing tasks, and the scan stopped at
 * its limit. Hands out one frame per range, in file order.
 */
import type { RangeFilter } from '../../kernels/csv/filter.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import { RangeFrames } from '../io/csv/parallel/assemble.js';
import { planCsvRead, rangeShapes } from '../io/csv/parallel/read.js';
import { scanRanges } from '../io/csv/parallel/scan.js';
import type { CsvRunner, CsvTask } from '../io/csv/parallel/tasks.js';
import { lowerExpr } from '../physical/lower.js';
import { resolveOptions } from '../physical/options.js';
import type { PipelineSource } from '../physical/plan.js';
import { Column } from '../table/column.js';
import type { ChunkData } from '../table/chunk.js';
import { Table } from '../table/table.js';
import { Dictionary } from '../table/dictionary.js';
import type { Schema } from '../types/schema.js';
import type { ExecContext } from './context.js';
import type { RunContext } from './scheduler.js';
import { streamTasks } from './task-stream.js';
import type { CsvRangeTask, Task } from '../pool/protocol.js';
import type { SegmentReturns } from './segments.js';
import { KEEP_AHEAD_PER_THREAD } from '../../kernels/tuning.js';
import { reportSharedMemory } from '../pool/heap-report.js';

/** A CSV source of a pipeline. */
export type CsvSource = Extract<PipelineSource, { kind: 'csv' }>;

/**
 * How a scan's frames are used: `keep` (every frame is kept, as readCsv and a whole materialized
 * scan do), `stop` (kept, but the consumer may stop early: a limit) or `stream` (each frame is
 * dropped before the next is asked for).
 */
export type ScanUse = 'keep' | 'stop' | 'stream';

/**
 * The CSV runner over the query's threads: range tasks on the pool, in file order, a few ahead
 * of the consumer (on the calling thread with one thread, and for an input of one range: there
 * is nothing to run beside it, and a cold pool's start cost a 480 KB file 140 ms against 50 ms
 * on the calling thread).
 *
 * @example
 * const df = await readCsvRanges(path, options, poolRunner({ threads: 4, signal: null }, 'keep'));
 */
export function poolRunner(ctx: RunContext, use: ScanUse, returns: SegmentReturns | null = null): CsvRunner {
  // a range task fills the segments of batches the consumer handed back, instead of fresh memory
  const reusing = (t: CsvTask): Task =>
    returns !== null && t.type === 'csvRange' ? ({ ...t, reuse: returns.take() } satisfies CsvRangeTask) : t;
  if (ctx.threads <= 1) return (count, make) => streamTasks(ctx, count, (i) => reusing(make(i)));
  const ahead = use === 'keep' ? ctx.threads * KEEP_AHEAD_PER_THREAD : undefined;
  const inline: RunContext = { ...ctx, threads: 1 };
  return (count, make) => streamTasks(count === 1 ? inline : ctx, count, (i) => reusing(make(i)), ahead);
}

/**
 * The runner readCsv parses on: `options.threads` workers (default: every core), on the calling
 * thread with one, stopped by `options.signal`.
 *
 * @example
 * await readCsvRanges(path, options, csvReadRunner(options));
 */
export function csvReadRunner(options: { threads?: number; signal?: AbortSignal }): CsvRunner {
  const o = resolveOptions({ ...(options.threads === undefined ? {} : { threads: options.threads }) });
  const runner = poolRunner({ threads: o.threads, signal: options.signal ?? null }, 'keep');
  // a read is a query of its own: its frames' shared memory is reported when it ends
  return async function* run<T>(count: number, make: (i: number) => CsvTask): AsyncGenerator<T> {
    try {
      yield* runner<T>(count, make);
    } finally {
      reportSharedMemory();
    }
  };
}

/** The columns a scan materializes: the ones it reads, or the first one when it reads none (a row count needs one). */
export function scanColumns(s: CsvSource): string[] {
  return s.columns.length > 0 ? [...s.columns] : s.schema.names.slice(0, 1);
}

/** Read options for the scan: only its columns, with the types the plan was checked against, whatever a fresh inference says. */
function readOptions(s: CsvSource): CsvReadOptions {
  const dtypes = { ...(s.options.dtypes ?? {}) };
  for (const n of s.columns) dtypes[n] = s.schema.get(n).dtype;
  return { ...s.options, columns: scanColumns(s), dtypes };
}

/** The pushed-down predicate as a kernel filter over the materialized columns (it reads no Utf8 column, so no dictionary is needed). */
function rangeFilter(s: CsvSource, schema: Schema): RangeFilter | undefined {
  if (s.predicate === null) return undefined;
  const columns = scanColumns(s).map((name) => ({ name, dtype: schema.get(name).dtype, dict: null, nullable: true }));
  return { predicate: lowerExpr(s.predicate, columns).expr, inputs: columns.map((_, i) => i) };
}

/**
 * The scan's rows, one frame per byte range in file order, filtered and cut at the limit; Utf8
 * columns share one dictionary per column across frames. `streaming` says the consumer drops each
 * frame before it asks for the next; a consumer that gives consumed frames to `returns` has their
 * shared segments refilled by later range tasks, which bounds the scan's memory.
 *
 * @example
 * for await (const frame of csvBatches(ctx, source)) rows += frame.height;
 */
export async function* csvBatches(
  ctx: ExecContext,
  s: CsvSource,
  streaming = true,
  returns: SegmentReturns | null = null,
): AsyncGenerator<Table> {
  const options = readOptions(s);
  const filter = rangeFilter(s, s.schema);
  const plan = planCsvRead(s.path, options);
  const limit = s.limit ?? Infinity;
  const frames = new RangeFrames(rangeShapes(plan));
  for await (const batch of scanRanges(plan, poolRunner(ctx, streaming ? 'stream' : s.limit === null ? 'keep' : 'stop', returns), frames, {
    ...(filter ? { filter } : {}),
    limit,
  })) {
    ctx.options.onProgress?.(batch.progress);
    yield batch.frame;
  }
}

/**
 * The whole scan as one frame: its range frames concatenated, chunks shared as they are.
 *
 * @example
 * const frame = await readCsvSource(ctx, source);
 */
export async function readCsvSource(ctx: ExecContext, s: CsvSource): Promise<Table> {
  const frames: Table[] = [];
  for await (const f of csvBatches(ctx, s, false)) frames.push(f);
  return concatFrames(s.schema, scanColumns(s), frames);
}

/**
 * Frames with the same columns as one frame, chunks shared; Utf8 columns take the first frame's
 * dictionary (frames of one scan share theirs). No frames give the empty columns of `schema`.
 *
 * @example
 * concatFrames(schema, ['id1', 'v1'], batches).height;
 */
export function concatFrames(schema: Schema, names: readonly string[], frames: readonly Table[]): Table {
  if (frames.length === 1) return frames[0]!;
  return new Table(
    names.map((name, k) => {
      const dtype = schema.get(name).dtype;
      const chunks: ChunkData[] = [];
      for (const f of frames) for (const c of f.getColumns()[k]!.chunks) chunks.push(c);
      const dict = (frames.length > 0 ? frames[0]!.getColumns()[k]!.dictionary : null) ?? (dtype === 'Utf8' ? new Dictionary() : null);
      return new Column(name, dtype, chunks, dict);
    }),
  );
}
