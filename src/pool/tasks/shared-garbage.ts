/**
 * Collections on demand for code that churns through SharedArrayBuffers: V8 does not count their
 * memory toward starting a collection, so dropped ones pile up while the JS heap stays small
 * (measured on Node 20: dropping 2000 SharedArrayBuffers of 1 MiB grows resident memory by
 * 1.7 GB, against 50 MB for plain ArrayBuffers). A CSV scan drops a range's buffers for every
 * range it parses, so it asks for a collection after every few tens of MB.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Shared bytes dropped between two requested collections. */
const COLLECT_EVERY = 16 << 20;
/**
 * The same for `minor` requests: a worker's handles on the ranges of a read that keeps every
 * frame, whose memory the calling thread holds until it drops the frame anyway. Collecting every
 * 16 MB there cost each worker 25-45 ms per 1e7-row H2O read (a full collection every fourth
 * range), time taken from the parse; every 64 MB the handles left between two reads stay bounded.
 */
const COLLECT_EVERY_MINOR = 64 << 20;

type Collect = (options?: { type: 'minor' | 'major' }) => void;

let collect: Collect | null | undefined;

/** V8's collection, exposed once per thread; null where that is not possible. */
function collector(): Collect | null {
  if (collect === undefined) {
    try {
      if (typeof globalThis.gc === 'function') collect = globalThis.gc as Collect;
      else {
        setFlagsFromString('--expose-gc');
        collect = runInNewContext('gc') as Collect;
      }
    } catch {
      collect = null;
    }
  }
  return collect;
}

let dropped = 0;
let minors = 0;
/** Young collections between two full ones: handles promoted while still in use need a full one. */
const MINORS_PER_MAJOR = 4;

/**
 * Note `bytes` of SharedArrayBuffer memory this thread no longer uses; every COLLECT_EVERY bytes
 * (COLLECT_EVERY_MINOR for `minor`, per thread) this runs a collection, which returns the memory of the shared buffers no thread
 * still refers to. `minor` (a scavenge of young objects, about a millisecond) suits handles that
 * die young, as a worker's handles on the chunks it just returned do, with a full collection
 * every few times for the handles promoted while in use; `major` reaches those every time, as a
 * streamed batch's handles need.
 *
 * @example
 * sharedGarbage(rangeBytes, 'minor'); // in a worker, after handing a parsed range on
 */
export function sharedGarbage(bytes: number, type: 'minor' | 'major' = 'major'): void {
  dropped += bytes;
  collectIfDue(type);
}

/**
 * Note `bytes` that will be dropped later without collecting now: for a thread that should not
 * collect while workers need the cores (a full collection takes 10-20 ms of its own, and V8's
 * helper threads besides); it collects at its next `collectIfDue`, before the next read.
 *
 * @example
 * noteSharedGarbage(chunkBytes(range.columns) / 4); // main thread, while a read runs
 */
export function noteSharedGarbage(bytes: number): void {
  dropped += bytes;
}

/**
 * Runs the collection sharedGarbage would have run, when COLLECT_EVERY bytes or more were noted
 * since the last one.
 *
 * @example
 * collectIfDue(); // before a read allocates: an earlier read's dropped frames go first
 */
export function collectIfDue(type: 'minor' | 'major' = 'major'): void {
  if (dropped < (type === 'minor' ? COLLECT_EVERY_MINOR : COLLECT_EVERY)) return;
  dropped = 0;
  const full = type === 'major' || ++minors % MINORS_PER_MAJOR === 0;
  const gc = collector();
  // without options gc() is V8's precise full collection, the one that measurably frees shared
  // backing stores; `{ type: 'major' }` did not
  if (full) gc?.();
  else gc?.({ type: 'minor' });
}
