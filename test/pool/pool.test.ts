/** The worker pool: reuse across calls, errors with their cause, dead workers replaced, built worker file. */
import { afterAll, describe, expect, it } from 'vitest';
import { getPool, poolThreadIds, runOnPool, shutdownPool, workerFile, WorkerDiedError } from '../../src/pool/pool.js';

afterAll(async () => {
  await shutdownPool();
});

describe('worker pool', () => {
  it('loads the built worker when running from TypeScript sources', () => {
    expect(workerFile().replace(/\\/g, '/')).toMatch(/\/dist\/src\/pool\/worker\.js$/);
  });

  it('is created once per thread count and reused', async () => {
    expect(await runOnPool(2, { type: 'debug', action: 'echo', message: 'hi' })).toBe('hi');
    const pool = getPool(2);
    const ids = poolThreadIds(2);
    expect(ids).toHaveLength(2);
    expect(await runOnPool(2, { type: 'debug', action: 'echo', message: 'again' })).toBe('again');
    expect(getPool(2)).toBe(pool);
    expect(poolThreadIds(2)).toEqual(ids);
  });

  it('rejects with the error a worker threw, cause included', async () => {
    const err = await runOnPool(2, { type: 'debug', action: 'throw', message: 'boom' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toBe('boom');
    const cause = (err as Error).cause;
    expect(cause).toBeInstanceOf(RangeError);
    expect((cause as Error).message).toBe('boom (cause)');
    // the worker survived its exception
    expect(await runOnPool(2, { type: 'debug', action: 'echo', message: 'ok' })).toBe('ok');
  });

  it('rejects when a worker exits, replaces it, and keeps working', async () => {
    const before = poolThreadIds(2);
    const err = await runOnPool(2, { type: 'debug', action: 'exit' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerDiedError);
    expect(String((err as Error).message)).toMatch(/worker thread died/);
    expect(await runOnPool(2, { type: 'debug', action: 'echo', message: 'still here' })).toBe('still here');
    const after = poolThreadIds(2);
    expect(after).toHaveLength(2);
    expect(after.filter((id) => !before.includes(id))).toHaveLength(1);
  });

  it('closes every pool on shutdown and starts a fresh one on the next use', async () => {
    const old = getPool(3);
    await shutdownPool();
    expect(poolThreadIds(3)).toEqual([]);
    expect(await runOnPool(3, { type: 'debug', action: 'echo', message: 'fresh' })).toBe('fresh');
    expect(getPool(3)).not.toBe(old);
  });
});
