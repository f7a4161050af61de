/** Per-thread arrays that a probe task's temporaries (key words, key ids, row pairs, row locations) reuse from one morsel to the next. */

/**
 * Reusable Int32 arrays, one per numbered use, each grown to the largest length asked and never
 * shrunk. A probe morsel's temporaries are a few MB that live for one task; allocated afresh
 * they cost an allocation, a zeroing and, where the allocator hands back new pages, a page fault
 * per 4 KB on first write. Contents are whatever the last task left: every user overwrites all
 * `n` elements it asks for, and nothing it returns may outlive the task (output columns are
 * gathered into arrays of their own).
 *
 * @example
 * const scratch = new JoinScratch();
 * const ids = scratch.ints(SCRATCH_IDS, morselRows); // overwrite all of it before reading
 */
export class JoinScratch {
  private readonly arrays: Int32Array[] = [];

  /** `n` elements of use `slot`'s array (not zeroed). */
  ints(slot: number, n: number): Int32Array {
    let a = this.arrays[slot];
    if (a === undefined || a.length < n) {
      // some headroom so a slightly larger next morsel does not allocate again
      a = new Int32Array(n + (n >> 3));
      this.arrays[slot] = a;
    }
    return a.subarray(0, n);
  }
}

/** Slot numbers of {@link JoinScratch}: one per temporary of a probe task. */
export const SCRATCH_WORDS = 0;
export const SCRATCH_IDS = 1;
export const SCRATCH_HASHES = 2;
export const SCRATCH_PROBE_ROWS = 3;
export const SCRATCH_BUILD_ROWS = 4;
/** Row locations take two slots per chunk layout from here: chunk, then offset. */
export const SCRATCH_LOCATIONS = 5;
