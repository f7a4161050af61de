/** Telling the calling thread's garbage collector about the shared memory that arrives from workers. */
import { HEAP_REPORT_BYTES } from '../../kernels/tuning.js';

let unreported = 0;

/**
 * Count the shared memory in a task's result: the SharedArrayBuffers of its typed arrays, which a
 * worker allocated. Reported by reportSharedMemory when the query ends.
 *
 * @example
 * const value = await piscina.run(task);
 * noteSharedMemory(value);
 */
export function noteSharedMemory(value: unknown): void {
  unreported += sharedBytesOf(value);
}

/**
 * Report the shared memory received since the last report to this thread's heap, once at least
 * HEAP_REPORT_BYTES of it came; called when a query or a read ends, so that a collection it
 * brings on runs between queries rather than beside their tasks.
 *
 * V8 weighs the memory outside its heap that a thread allocated when it decides to collect, but
 * not the SharedArrayBuffers that thread received from another (nodejs/node#34703): a query's
 * output columns, made by workers, were kept by the calling thread's dropped handles until an
 * unrelated collection. Five runs of the 1e7-row H2O q5 join in one process at two threads grew
 * the resident set by 750 MB each, to 5.0 GB; at one thread it stayed below 2.8 GB. The report is
 * an ArrayBuffer of the received size, allocated and dropped at once: V8 counts it as this
 * thread's external memory (pages of an allocation this large are mapped, never written, so they
 * cost nothing), which moves its next collection as the received memory should have. Nothing is
 * collected by force and no engine flag is set; when to collect stays V8's decision.
 *
 * @example
 * try { return await run(ctx, plan); } finally { reportSharedMemory(); }
 */
export function reportSharedMemory(): void {
  if (unreported < HEAP_REPORT_BYTES) return;
  // the report: allocated, counted, dropped
  new ArrayBuffer(unreported);
  unreported = 0;
}

/** Arrays longer than this are not walked unless they hold objects: a dictionary's strings, say. */
const WALK_LIMIT = 4096;

/**
 * Bytes of the SharedArrayBuffers under `value`: its typed arrays over shared memory, found in
 * plain objects and arrays a few levels deep.
 *
 * @example
 * sharedBytesOf({ columns: [{ values: new Int32Array(new SharedArrayBuffer(8)) }] }); // 8
 */
export function sharedBytesOf(value: unknown): number {
  return sharedBytes(value, 0);
}

function sharedBytes(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null || depth > 6) return 0;
  if (ArrayBuffer.isView(value)) return value.buffer instanceof SharedArrayBuffer ? value.byteLength : 0;
  let total = 0;
  if (Array.isArray(value)) {
    if (value.length > WALK_LIMIT && typeof value[0] !== 'object') return 0;
    for (const v of value) total += sharedBytes(v, depth + 1);
    return total;
  }
  for (const k in value) total += sharedBytes((value as Record<string, unknown>)[k], depth + 1);
  return total;
}
