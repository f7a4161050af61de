/**
 * Spilling a hash group-by's state to disk (Grace hash): past a budget, hash partials go to one
 * file per merge bucket as they arrive, and the merge reads a set of buckets back at a time.
 */
import { totalmem } from 'node:os';
import { InternalError } from '../errors.js';
import { BUCKETS } from '../../kernels/hash/hash.js';
import type { GroupPartial } from '../../kernels/aggregate/partial.js';
import { decodeBuckets, encodeBucket, partialBytes } from '../../kernels/aggregate/spill-codec.js';
import type { AggKernelSpec } from '../../kernels/aggregate/state.js';
import { Pacer } from '../io/pace.js';
import { SpillFiles } from '../io/spill-file.js';
import { reportSharedMemory } from '../pool/heap-report.js';
import type { AggPartial, BucketResult, FinishSpec, MergeTask, PipelineTask } from '../pool/protocol.js';
import { mergeAndFinish } from '../pool/tasks/merge.js';
import { YIELD_EVERY_MS } from '../../kernels/tuning.js';
import type { ExecContext } from './context.js';
import { batchOf, guidedCuts } from './guided.js';
import { dealByWeight } from './deal.js';
import { abortError, runTasks } from './scheduler.js';

/**
 * The spill budget of a group-by in this query: `spillBudget` when given; else with a
 * `memoryLimit`, half of the room left below it now; else an eighth of the machine's memory not
 * yet held by this process (at least DEFAULT_SPILL_FLOOR), so that a group-by whose state would
 * outgrow the machine spills rather than the process being killed (the 1e8-row H2O q10, 1e8
 * groups, was killed on a 24 GB machine), while a group-by of everyday size never spills.
 */
export function spillBudgetOf(ctx: ExecContext): number | null {
  const o = ctx.options;
  if (o.spillBudget !== null) return Number.isFinite(o.spillBudget) ? o.spillBudget : null;
  const rss = process.memoryUsage.rss();
  if (o.memoryLimit === null) return Math.max(DEFAULT_SPILL_FLOOR, (totalmem() - rss) / DEFAULT_SPILL_SHARE);
  return Math.max(0, o.memoryLimit - rss) / 2;
}

/** The default budget's share of the machine's free room, and its floor in bytes. */
const DEFAULT_SPILL_SHARE = 8;
const DEFAULT_SPILL_FLOOR = 256 * 2 ** 20;

/**
 * One group-by's spill: holds hash partials in memory while they fit the budget; past it, writes
 * each one's buckets to the bucket's file (every partial held so far first, so each file stays in
 * morsel order) and drops it. Made per group-by; `close()` (in a `finally`) removes the folder
 * whether the query succeeded, failed or was aborted.
 *
 * @example
 * const spill = GroupSpill.open(ctx);
 * try {
 *   const partials = await partialAggregates(ctx, morsels, steps, keys, layout, aggs, false, spill);
 *   const parts = await mergeGroups(ctx, partials, specs, width, finish, false, spill);
 * } finally { spill?.close(); }
 */
export class GroupSpill {
  private readonly files: SpillFiles;
  private held: GroupPartial[] = [];
  private heldBytes = 0;
  private spilling = false;
  /** An error met while taking results in the scheduler's callback, rethrown once it returns. */
  private failure: { error: unknown } | null = null;

  private constructor(
    private readonly budget: number,
    dir: string | null,
  ) {
    this.files = new SpillFiles(dir, BUCKETS);
  }

  /** A spill for one group-by of this query, or null when the query has no spill budget. */
  static open(ctx: ExecContext): GroupSpill | null {
    const budget = spillBudgetOf(ctx);
    return budget === null ? null : new GroupSpill(budget, ctx.options.spillDir);
  }

  /** Whether any partial went to disk (then `merge` gives the groups, and the partials returned are none). */
  get spilled(): boolean {
    return this.spilling;
  }

  /** The folder spilled into, once made (for tests and messages). */
  get path(): string | null {
    return this.files.path;
  }

  /**
   * Run `count` hash tasks (one per morsel) in guided batches, as `runPerMorsel` does, taking
   * each batch's partials in morsel order as it completes: the partials when all fit the budget,
   * else none (they are on disk).
   */
  async partials(ctx: ExecContext, count: number, make: (i: number) => PipelineTask): Promise<AggPartial[]> {
    // single-morsel batches on one thread: the partials are dropped as soon as each is written
    const cuts = ctx.threads <= 1 ? Array.from({ length: count + 1 }, (_, i) => i) : guidedCuts(count, ctx.threads);
    await runTasks<AggPartial[]>(
      ctx,
      cuts.length - 1,
      (b) => batchOf(cuts[b]!, cuts[b + 1]!, make),
      (batch) => {
        // the scheduler keeps every result until it returns: emptying the batch lets a spilled
        // partial go. A throw here would be lost in the pool's callbacks, so it stops the run
        // and is rethrown below.
        try {
          for (const p of batch) this.take(p);
          // partials written and dropped are garbage this thread's collector does not weigh
          // (they came from workers): say so while the query runs, not only when it ends
          if (this.spilling) reportSharedMemory();
        } catch (e) {
          this.failure = { error: e };
          return true;
        } finally {
          batch.length = 0;
        }
        return false;
      },
    );
    if (this.failure !== null) throw this.failure.error;
    if (ctx.signal?.aborted) throw abortError(ctx.signal);
    const out = this.held;
    this.held = [];
    this.heldBytes = 0;
    return out;
  }

  private take(p: AggPartial): void {
    if (p.kind !== 'hash') throw new InternalError('spill: only hash partials spill');
    if (this.spilling) return this.write(p);
    this.held.push(p);
    this.heldBytes += partialBytes(p);
    if (this.heldBytes <= this.budget) return;
    this.spilling = true;
    for (const q of this.held) this.write(q);
    this.held = [];
    this.heldBytes = 0;
  }

  private write(p: GroupPartial): void {
    for (let b = 0; b < BUCKETS; b++) {
      const rec = encodeBucket(p, b);
      if (rec !== null) this.files.append(b, rec);
    }
  }

  /**
   * Merge the spilled partials and finish every bucket: buckets are read back in runs of
   * consecutive buckets whose files fit the budget together (at least one bucket per thread), each run
   * merged (across the pool, a bucket per part, as an in-memory merge is) and finished before the
   * next is read. Each result is one bucket's groups in order of first appearance, as the
   * in-memory parallel merge gives them.
   */
  async merge(ctx: ExecContext, specs: readonly AggKernelSpec[], width: number, finish: FinishSpec): Promise<BucketResult[]> {
    const results: BucketResult[] = [];
    const pace = new Pacer(YIELD_EVERY_MS);
    for (const run of this.runs(ctx.threads)) {
      if (ctx.signal?.aborted) throw abortError(ctx.signal);
      const byBucket = run.map((b) => ({ bucket: b, partials: this.readBucket(b, specs) }));
      if (ctx.threads <= 1) {
        for (const { bucket, partials } of byBucket) {
          results.push(mergeAndFinish(partials, specs, width, { kind: 'bucket', bucket }, finish, false, false));
          await pace.tick();
          if (ctx.signal?.aborted) throw abortError(ctx.signal);
        }
        continue;
      }
      const tasks = dealByWeight(byBucket, (x) => x.partials.reduce((w, p) => w + p.weight, 0), ctx.threads * 4);
      const parts = await runTasks<BucketResult[]>(
        ctx,
        tasks.length,
        (i): MergeTask => ({
          type: 'merge',
          partials: tasks[i]!.flatMap((x) => x.partials),
          specs,
          width,
          parts: tasks[i]!.map((x) => ({ kind: 'bucket' as const, bucket: x.bucket })),
          finish,
        }),
      );
      for (const p of parts) results.push(...p);
      reportSharedMemory();
    }
    return results;
  }

  /** Remove the spill folder and its files. */
  close(): void {
    this.held = [];
    this.files.remove();
  }

  private readBucket(b: number, specs: readonly AggKernelSpec[]): GroupPartial[] {
    const buf = this.files.read(b);
    return buf === null ? [] : decodeBuckets(buf, buf.byteLength, b, specs);
  }

  /**
   * Consecutive buckets with spilled groups, cut into runs whose files fit the budget together,
   * but of at least a bucket per thread: a run of one bucket would merge on one thread while the
   * others wait.
   */
  private runs(threads: number): number[][] {
    const runs: number[][] = [];
    let run: number[] = [];
    let bytes = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const size = this.files.bytes[b]!;
      if (size === 0) continue;
      if (run.length >= threads && bytes + size > this.budget) {
        runs.push(run);
        run = [];
        bytes = 0;
      }
      run.push(b);
      bytes += size;
    }
    if (run.length > 0) runs.push(run);
    return runs;
  }
}
