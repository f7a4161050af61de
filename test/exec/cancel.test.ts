/** Cancellation: an aborted query rejects with the signal's reason, as fetch does, on one thread and on the pool. */
import { afterAll, describe, expect, it } from 'vitest';
import { col, DataFrame, VolleyError } from '../../src/index.js';
import { shutdownPool } from '../../src/pool/pool.js';

afterAll(async () => {
  await shutdownPool();
});

const df = DataFrame.fromColumns({ k: Int32Array.from({ length: 1000 }, (_, i) => i % 7) }, { dtypes: { k: 'Int32' } });
const lf = df.lazy().groupBy('k').agg(col('k').count().alias('n'));

async function rejection(signal: AbortSignal, threads: number): Promise<unknown> {
  return lf.collect({ threads, signal }).then(
    () => 'resolved',
    (e: unknown) => e,
  );
}

describe('an aborted query', () => {
  for (const threads of [1, 2]) {
    it(`rejects with the signal's own AbortError (threads ${threads})`, async () => {
      const controller = new AbortController();
      controller.abort();
      const err = await rejection(controller.signal, threads);
      expect(err).toBe(controller.signal.reason);
      expect((err as Error).name).toBe('AbortError');
      expect(err).not.toBeInstanceOf(VolleyError);
    });

    it(`rejects with the very Error passed to abort() (threads ${threads})`, async () => {
      const controller = new AbortController();
      const reason = new Error('the user left');
      controller.abort(reason);
      expect(await rejection(controller.signal, threads)).toBe(reason);
    });

    it(`turns a reason that is not an Error into an AbortError saying it (threads ${threads})`, async () => {
      const controller = new AbortController();
      controller.abort('the user left');
      const err = await rejection(controller.signal, threads);
      expect([(err as Error).name, (err as Error).message]).toEqual(['AbortError', 'the user left']);
    });
  }
});
