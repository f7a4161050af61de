/** Shared segments of a finished join's build table, kept so that the next join's build fills pages already mapped instead of faulting fresh ones. */
import { JOIN_SPARE_BYTES, MIN_SEGMENT_REUSE_BYTES } from '../../kernels/tuning.js';

/** Segments for one build: those the calling thread fills, and those of each build task. */
export interface BuildSegments {
  readonly calling: SharedArrayBuffer[];
  /** Per build task (index g of `groups` tasks): the segments task g filled last time. */
  readonly groups: SharedArrayBuffer[][];
}

/**
 * The build table's segments of the last join that finished, for the next one. A partitioned
 * build maps tens of MB of shared memory (key words, hashes, slots, the CSR) and drops it when
 * the join ends; V8 frees a SharedArrayBuffer only once every thread that held it has collected
 * it, so on two threads each join faulted all of it in afresh (on a 1e6-row build side: 40 MB and
 * a third of its system time), where one thread's allocator had handed back the same pages.
 * Keeping them in hand makes a repeated join's build refill resident pages on any thread count.
 * A build task's segments go back to the task of the same index, which builds the same
 * partitions when the thread count is the same (and they are only a size hint otherwise).
 *
 * @example
 * const segs = spares.take(groups);  // exclusive to this join until it gives them back
 * spares.give(callingArrays, perTaskArrays); // after the join: nothing reads them any more
 */
export class JoinSpares {
  private held: BuildSegments = { calling: [], groups: [] };

  /** The held segments, removed from this store so no other join fills them meanwhile. */
  take(groups: number): BuildSegments {
    const out = this.held;
    this.held = { calling: [], groups: [] };
    return { calling: out.calling, groups: Array.from({ length: groups }, (_, g) => out.groups[g] ?? []) };
  }

  /**
   * Keeps the buffers under `calling` and `groups` (arrays of a build table nothing reads any
   * more: its join has finished) for the next take, up to JOIN_SPARE_BYTES in all; tiny arrays
   * are left to the collector, as `allocValues` would not reuse them.
   */
  give(calling: readonly ArrayBufferView[], groups: readonly (readonly ArrayBufferView[])[]): void {
    const seen = new Set<SharedArrayBuffer>();
    let bytes = 0;
    const keep = (views: readonly ArrayBufferView[]): SharedArrayBuffer[] => {
      const out: SharedArrayBuffer[] = [];
      for (const v of views) {
        const b = v.buffer;
        if (!(b instanceof SharedArrayBuffer) || seen.has(b) || b.byteLength < MIN_SEGMENT_REUSE_BYTES) continue;
        if (bytes + b.byteLength > JOIN_SPARE_BYTES) continue;
        seen.add(b);
        bytes += b.byteLength;
        out.push(b);
      }
      return out;
    };
    this.held = { calling: keep(calling), groups: groups.map(keep) };
  }

  /** Bytes held now (for tests). */
  heldBytes(): number {
    let n = 0;
    for (const b of this.held.calling) n += b.byteLength;
    for (const g of this.held.groups) for (const b of g) n += b.byteLength;
    return n;
  }
}
