/** Execution options: threads, morsel size and cancellation. */
import { InvalidArgumentError } from '../errors.js';
import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { availableParallelism } from 'node:os';
import type { ScanProgress } from '../io/csv/options.js';
import { DEFAULT_CHUNK_SIZE } from '../table/buffers.js';

/**
 * How a plan executes.
 *
 * @example
 * await execute(plan, { threads: 4, morselSize: 65_536, signal: AbortSignal.timeout(5_000) });
 */
export interface ExecOptions {
  /** Worker threads (default `os.availableParallelism()`); 1 runs everything on the main thread. */
  threads?: number;
  /**
   * Rows per morsel. The source is re-chunked to it (zero-copy where chunks allow). Default: the
   * source's own chunks (65536 rows for new frames). Results are identical for every thread count
   * at a given morsel size.
   */
  morselSize?: number;
  /**
   * Aborting it stops handing out morsels and rejects the query with the signal's `reason`, as
   * `fetch` does: an `AbortError` after `controller.abort()`, your Error after `abort(err)`.
   */
  signal?: AbortSignal;
  /**
   * Run a CSV scan range by range (default false): each parsed range goes through the pipeline,
   * and into the partial aggregation when the query aggregates, before the next ones are parsed,
   * so the file is never materialized whole. Plans that must see every row at once (sorts, per-group
   * heads, string min/max, string results of expressions) read the scan whole as usual.
   */
  streaming?: boolean;
  /** Called as a CSV scan parses its ranges, in file order: bytes parsed and records read so far. */
  onProgress?: (progress: ScanProgress) => void;
  /**
   * Bytes of resident memory (RSS) the process may hold while the query runs: past it the query
   * rejects with a `MemoryLimitError` (code `MEMORY_LIMIT`) and the pool stays usable, instead of
   * the process being killed for running out of memory. Checked every 10 ms and between steps, so
   * leave room below what the machine has. Default: no limit.
   */
  memoryLimit?: number;
  /**
   * Bytes of group-by state (the partial aggregates of a hash group-by, `unique` or per-group
   * heads) held in memory before the rest spills to disk: past it every partial so far and every
   * later one is written, hash bucket by hash bucket, to files in a temporary folder, then read
   * back and merged one set of buckets at a time. The answer is the same, bit for bit; the folder
   * is removed when the query ends, fails or is aborted. `0` spills every partial; `Infinity`
   * never spills. Default: with a `memoryLimit`, half of the room between that limit and the
   * process's resident memory when the group-by starts; else an eighth of the machine's memory
   * the process does not hold (at least 256 MiB).
   *
   * @example
   * await lf.groupBy('id3').agg(col('v1').sum()).collect({ spillBudget: 256 * 2 ** 20 });
   */
  spillBudget?: number;
  /** An existing folder to make spill folders in (default `os.tmpdir()`). */
  spillDir?: string;
}

/** Options with defaults applied and values checked. */
export interface ResolvedOptions {
  readonly threads: number;
  readonly morselSize: number | null;
  readonly signal: AbortSignal | null;
  readonly streaming: boolean;
  readonly onProgress: ((progress: ScanProgress) => void) | null;
  readonly memoryLimit: number | null;
  readonly spillBudget: number | null;
  readonly spillDir: string | null;
}

/**
 * Apply defaults and reject nonsense (threads and morsel sizes must be whole numbers >= 1).
 *
 * @example
 * resolveOptions({}).threads; // os.availableParallelism()
 */
export function resolveOptions(o: ExecOptions = {}): ResolvedOptions {
  const threads = o.threads ?? availableParallelism();
  if (!Number.isInteger(threads) || threads < 1)
    throw new InvalidArgumentError('threads', o.threads, `threads must be a whole number >= 1, got ${o.threads}`);
  const morselSize = o.morselSize ?? null;
  if (morselSize !== null && (!Number.isInteger(morselSize) || morselSize < 1))
    throw new InvalidArgumentError('morselSize', o.morselSize, `morselSize must be a whole number >= 1, got ${o.morselSize}`);
  const memoryLimit = o.memoryLimit ?? null;
  if (memoryLimit !== null && !(typeof memoryLimit === 'number' && memoryLimit > 0 && Number.isFinite(memoryLimit)))
    throw new InvalidArgumentError('memoryLimit', o.memoryLimit, `memoryLimit must be a number of bytes > 0, got ${o.memoryLimit}`);
  const spillBudget = o.spillBudget ?? null;
  if (spillBudget !== null && !(typeof spillBudget === 'number' && spillBudget >= 0))
    throw new InvalidArgumentError('spillBudget', o.spillBudget, `spillBudget must be a number of bytes >= 0, got ${o.spillBudget}`);
  const spillDir = o.spillDir ?? null;
  if (spillDir !== null) checkSpillDir(spillDir);
  return {
    threads,
    morselSize,
    signal: o.signal ?? null,
    streaming: o.streaming ?? false,
    onProgress: o.onProgress ?? null,
    memoryLimit,
    spillBudget,
    spillDir,
  };
}

/** A spill folder's parent must be a folder this process may write in: said when the query starts, not when it first spills. */
function checkSpillDir(dir: unknown): void {
  const why = (reason: string): InvalidArgumentError =>
    new InvalidArgumentError('spillDir', dir, `spillDir must be an existing folder this process can write in: ${reason}`);
  if (typeof dir !== 'string' || dir === '') throw why(`got ${JSON.stringify(dir)}`);
  let stats: Stats;
  try {
    stats = statSync(dir);
  } catch (e) {
    throw why((e as Error).message);
  }
  if (!stats.isDirectory()) throw why(`${dir} is not a folder`);
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw why((e as Error).message);
  }
}

/** Rows per morsel when the source has no chunks of its own to follow. */
export const DEFAULT_MORSEL_SIZE = DEFAULT_CHUNK_SIZE;
