/** Shared segments of streamed batches that their consumer is done with, on their way back to the range tasks that refill them. */
import type { Table } from '../table/table.js';
import { MAX_HELD_SEGMENTS as MAX_HELD } from '../../kernels/tuning.js';

/**
 * Segments handed back by a streaming consumer. V8 does not start a collection for shared memory
 * dropped, so a streamed batch's pages stay mapped until some unrelated collection finds its last
 * handle (a streaming scan over a 120 MB file grew resident memory by 320 MB, against 380 MB for
 * reading it whole). Giving a consumed batch's segments to the next range tasks to fill keeps
 * the pages in use instead, with no collection forced in anyone's process.
 *
 * @example
 * const returns = new SegmentReturns();
 * returns.give(frame); // the consumer is done with frame: nothing reads its chunks any more
 * task = { ...task, reuse: returns.take() };
 */
export class SegmentReturns {
  private segments: SharedArrayBuffer[] = [];

  /**
   * Hands back every shared buffer under `frame`'s chunks. The caller promises that nothing reads
   * them any more: no task over the frame still runs and no result refers to them.
   */
  give(frame: Table): void {
    const seen = new Set<SharedArrayBuffer>(this.segments);
    const add = (v: ArrayBufferView | null): void => {
      if (v === null || !(v.buffer instanceof SharedArrayBuffer) || seen.has(v.buffer)) return;
      seen.add(v.buffer);
      this.segments.push(v.buffer);
    };
    for (const c of frame.getColumns())
      for (const ch of c.chunks) {
        add(ch.values);
        add(ch.validity);
      }
    // a bound in case tasks stop taking them (a scan near its end): the rest go to the collector
    if (this.segments.length > MAX_HELD) this.segments.splice(0, this.segments.length - MAX_HELD);
  }

  /** The segments handed back since the last call, for one task to fill. */
  take(): SharedArrayBuffer[] {
    const out = this.segments;
    this.segments = [];
    return out;
  }
}
