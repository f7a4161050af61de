/** The worker pool: reuse across calls, errors with their cause, dead workers replaced, built worker file. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPool, poolThreadIds, runOnPool, shutdownPool, useWorkerFile, workerFile, WorkerDiedError } from '../../src/pool/pool.js';
import { DRILL_WORKER, drill } from './drills.js';

beforeAll(async () => {
  await useWorkerFile(DRILL_WORKER);
});
afterAll(async () => {
  await useWorkerFile(null);
});

describe('worker pool', () => {
  it('starts workers that load their entry with import(), never through require(esm), which can abort the process', async () => {
    // Node 20.19+ aborts the whole process (a V8 fatal error) when a worker is terminated while
    // require() loads an ES module; the flag makes piscina's require() fail at once
    const execArgv = getPool(2).options.execArgv ?? [];
    if (process.allowedNodeEnvironmentFlags.has('--no-experimental-require-module'))
      expect(execArgv).toContain('--no-experimental-require-module');
    expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'loaded' }))).toBe('loaded');
  });

  it('loads the built worker when running from TypeScript sources, or the entry a test points it at', async () => {
    expect(workerFile()).toBe(DRILL_WORKER);
    await useWorkerFile(null);
    try {
      expect(workerFile().replace(/\\/g, '/')).toMatch(/\/dist\/src\/pool\/worker\.js$/);
      // Volley's own worker answers real tasks, and runs no drills
      expect(await runOnPool(2, { type: 'bounds', chunks: [] })).toEqual([]);
      expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'hi' }))).not.toBe('hi');
    } finally {
      await useWorkerFile(DRILL_WORKER);
    }
  });

  it('is created once per thread count and reused', async () => {
    expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'hi' }))).toBe('hi');
    const pool = getPool(2);
    const ids = poolThreadIds(2);
    expect(ids).toHaveLength(2);
    expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'again' }))).toBe('again');
    expect(getPool(2)).toBe(pool);
    expect(poolThreadIds(2)).toEqual(ids);
  });

  it('rejects with the error a worker threw, cause included', async () => {
    const err = await runOnPool(2, drill({ type: 'drill', action: 'throw', message: 'boom' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('boom');
    const cause = (err as Error).cause;
    expect(cause).toBeInstanceOf(RangeError);
    expect((cause as Error).message).toBe('boom (cause)');
    // the worker survived its exception
    expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'ok' }))).toBe('ok');
  });

  it('rejects when a worker exits, replaces it, and keeps working', async () => {
    const before = poolThreadIds(2);
    const err = await runOnPool(2, drill({ type: 'drill', action: 'exit' })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerDiedError);
    expect(String((err as Error).message)).toMatch(/worker thread died/);
    expect(await runOnPool(2, drill({ type: 'drill', action: 'echo', message: 'still here' }))).toBe('still here');
    const after = poolThreadIds(2);
    expect(after).toHaveLength(2);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });

  it('closes every pool on shutdown and starts a fresh one on the next use', async () => {
    const old = getPool(3);
    await shutdownPool();
    expect(poolThreadIds(3)).toEqual([]);
    expect(await runOnPool(3, drill({ type: 'drill', action: 'echo', message: 'fresh' }))).toBe('fresh');
    expect(getPool(3)).not.toBe(old);
  });
});
