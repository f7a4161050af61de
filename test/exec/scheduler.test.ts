/** The scheduler: morsel order regardless of completion order, bounded in-flight work, early stop, errors and abort. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runTasks } from '../../src/exec/scheduler.js';
import { poolThreadIds, useWorkerFile } from '../../src/pool/pool.js';
import { DRILL_WORKER, drill } from '../pool/drills.js';

// drills run in a fixture worker on the pool, and through the runner on the calling thread
vi.mock('../../src/pool/tasks/runner.js', async (load) => (await import('../pool/drills.js')).withDrills(await load()));
beforeAll(async () => {
  await useWorkerFile(DRILL_WORKER);
});
afterAll(async () => {
  await useWorkerFile(null);
});

function counter(): Int32Array {
  return new Int32Array(new SharedArrayBuffer(12));
}

describe.each([1, 2, 4])('scheduler with %i thread(s)', (threads) => {
  const ctx = { threads, signal: null };

  it('returns results in task order even when later tasks finish first', async () => {
    const ms = [30, 1, 20, 1, 10, 1, 5, 0];
    const out = await runTasks<number>(ctx, ms.length, (i) => drill({ type: 'drill', action: 'sleep', ms: ms[i]! }));
    expect(out).toEqual(ms);
  });

  it('runs at most one task per thread at a time', async () => {
    const c = counter();
    await runTasks(ctx, 40, () => drill({ type: 'drill', action: 'sleep', ms: 2, counter: c }));
    expect(c[0]).toBe(40);
    expect(c[2]).toBeGreaterThanOrEqual(1);
    expect(c[2]).toBeLessThanOrEqual(threads);
  });

  it('stops handing out tasks once the in-order results say so', async () => {
    const c = counter();
    const out = await runTasks<string>(
      ctx,
      200,
      // tasks past the stop take a moment, so handing out all 200 would take about a second of
      // worker time: a busy machine may delay one result, it does not delay it that long
      (i) =>
        i <= 4
          ? drill({ type: 'drill', action: 'echo', message: String(i), counter: c })
          : drill({ type: 'drill', action: 'sleep', ms: 10, counter: c }),
      (_r, i) => i === 4,
    );
    expect(out).toEqual(['0', '1', '2', '3', '4']);
    expect(c[0]).toBeLessThan(200);
  });

  it('rejects with the first task error and stops handing out tasks', async () => {
    const c = counter();
    const err = await runTasks(ctx, 500, (i) =>
      drill(
        i === 3
          ? { type: 'drill', action: 'throw', message: 'task 3 failed', counter: c }
          : { type: 'drill', action: 'sleep', ms: 1, counter: c },
      ),
    ).catch((e: unknown) => e);
    expect((err as Error).message).toBe('task 3 failed');
    expect(((err as Error).cause as Error).message).toBe('task 3 failed (cause)');
    expect(c[0]).toBeLessThan(500);
  });

  it('rejects with an AbortError when the signal fires, and the pool stays usable', async () => {
    const controller = new AbortController();
    const c = counter();
    setTimeout(() => controller.abort(), 30);
    const err = await runTasks({ threads, signal: controller.signal }, 1000, () =>
      drill({ type: 'drill', action: 'sleep', ms: 5, counter: c }),
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    // stopped long before handing out every task
    expect(c[0]).toBeLessThan(1000);
    expect(await runTasks<string>(ctx, 2, () => drill({ type: 'drill', action: 'echo', message: 'ok' }))).toEqual(['ok', 'ok']);
  });

  it('rejects at once when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const c = counter();
    const err = await runTasks({ threads, signal: controller.signal }, 10, () =>
      drill({ type: 'drill', action: 'echo', counter: c }),
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('AbortError');
    expect(c[0]).toBe(0);
  });
});

describe('scheduler and dying workers', () => {
  it('rejects the run when a worker exits, and the next run works on a replaced worker', async () => {
    const ctx = { threads: 2, signal: null };
    await runTasks(ctx, 2, () => drill({ type: 'drill', action: 'echo' }));
    const before = poolThreadIds(2);
    const err = await runTasks(ctx, 10, (i) =>
      drill(i === 2 ? { type: 'drill', action: 'exit' } : { type: 'drill', action: 'sleep', ms: 1 }),
    ).catch((e: unknown) => e);
    expect((err as Error).name).toBe('WorkerDiedError');
    expect(await runTasks<string>(ctx, 4, () => drill({ type: 'drill', action: 'echo', message: 'x' }))).toEqual(['x', 'x', 'x', 'x']);
    expect(poolThreadIds(2).some((id) => !before.includes(id))).toBe(true);
  });
});
