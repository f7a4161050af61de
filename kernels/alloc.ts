/** The one allocation helper for values arrays: plain or shared memory, with shared segments handed back for reuse. */
import type { Vec, VecKind } from './vec.js';
import { MIN_SEGMENT_REUSE_BYTES as MIN_REUSE_BYTES, SEGMENT_SLACK_SHIFT as SLACK_SHIFT } from './tuning.js';

/**
 * Shared segments this thread may fill instead of mapping fresh ones (see lendSegments). V8
 * starts collections on plain ArrayBuffer memory but not on shared memory, so a thread that
 * drops SharedArrayBuffers faster than its heap fills keeps their pages (a streaming scan over a
 * 120 MB file held 320 MB this way); filling segments handed back keeps the pages in use instead.
 */
let lent: SharedArrayBuffer[] = [];

/** The best-fitting lent segment for `bytes` (taken out of the list), or null. */
function takeSegment(bytes: number): SharedArrayBuffer | null {
  if (bytes < MIN_REUSE_BYTES) return null;
  return takeFitting(lent, bytes);
}

/**
 * The smallest of `segments` that holds `bytes` with at most 1/8 to spare, taken out of the
 * list, or null. Its contents are whatever its last user left.
 *
 * @example
 * const seg = takeFitting(spares, 4 * words) ?? new SharedArrayBuffer(4 * words);
 */
export function takeFitting(segments: SharedArrayBuffer[], bytes: number): SharedArrayBuffer | null {
  const most = bytes + (bytes >> SLACK_SHIFT);
  let best = -1;
  for (let i = 0; i < segments.length; i++) {
    const size = segments[i]!.byteLength;
    if (size >= bytes && size <= most && (best < 0 || size < segments[best]!.byteLength)) best = i;
  }
  if (best < 0) return null;
  const [seg] = segments.splice(best, 1);
  return seg!;
}

/**
 * A zeroed values array for `n` rows of a kind (booleans as one byte per row), in plain memory
 * (vectors that stay in one thread) unless `shared` (what crosses threads). A shared array may be a view over a lent segment somewhat larger
 * than it (see lendSegments); every reader goes through the view's offset and length.
 *
 * @example
 * allocValues('f64', 3); // Float64Array [0, 0, 0]
 * allocValues('i32', 1024, true).buffer instanceof SharedArrayBuffer; // true
 */
export function allocValues(kind: VecKind, n: number, shared = false): Vec['values'] {
  // plain arrays straight from their constructors: the kernels' per-morsel vectors take this path
  if (!shared) return plainValues(kind, n);
  const width = kind === 'bool' ? 1 : kind === 'i32' ? 4 : 8;
  const seg = takeSegment(n * width);
  const buf = seg ?? new SharedArrayBuffer(n * width);
  // a fresh buffer is zeroed; a reused one holds an earlier batch's values
  if (seg !== null) new Uint8Array(seg, 0, n * width).fill(0);
  switch (kind) {
    case 'i32':
      return new Int32Array(buf, 0, n);
    case 'f64':
      return new Float64Array(buf, 0, n);
    case 'i64':
      return new BigInt64Array(buf, 0, n);
    case 'bool':
      return new Uint8Array(buf, 0, n);
  }
}

/** A zeroed plain array for `n` rows of a kind. */
function plainValues(kind: VecKind, n: number): Vec['values'] {
  switch (kind) {
    case 'i32':
      return new Int32Array(n);
    case 'f64':
      return new Float64Array(n);
    case 'i64':
      return new BigInt64Array(n);
    case 'bool':
      return new Uint8Array(n);
  }
}

/**
 * `n` zeroed bytes (a validity mask or a bitmap), in plain memory unless `shared`.
 *
 * @example
 * allocBytes(16, true).length; // 16
 */
export function allocBytes(n: number, shared = false): Uint8Array {
  return allocValues('bool', n, shared) as Uint8Array;
}

/**
 * Runs `fn` with `segments` lent to this thread's shared allocations: an allocation that fits one
 * (at most 1/8 larger) fills it instead of mapping a new SharedArrayBuffer. The caller promises
 * that nothing reads those segments any more (a streamed batch its consumer is done with); the
 * ones `fn` leaves unused are dropped afterwards, so none stays lent past the call.
 *
 * @example
 * const out = lendSegments(task.reuse ?? [], () => parseFileRange(read, task.params));
 */
export function lendSegments<T>(segments: readonly SharedArrayBuffer[], fn: () => T): T {
  if (segments.length === 0) return fn();
  const before = lent;
  lent = [...segments];
  try {
    return fn();
  } finally {
    lent = before;
  }
}
