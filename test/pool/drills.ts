/** Drill tasks for the pool and scheduler tests: a pool pointed at a fixture worker that runs them, and the same drills on the calling thread. */
import { fileURLToPath } from 'node:url';
import type { Task } from '../../src/pool/protocol.js';
import { runDrill, type DrillTask } from './fixtures/drills.mjs';

export type { DrillTask };

/** The fixture worker entry: Volley's worker plus drills (loads the built worker, like the pool). */
export const DRILL_WORKER = fileURLToPath(new URL('./fixtures/drill-worker.mjs', import.meta.url));

/**
 * A drill as a task for the scheduler (which only passes tasks on).
 *
 * @example
 * await runTasks(ctx, 2, () => drill({ type: 'drill', action: 'echo', message: 'ok' }));
 */
export function drill(t: DrillTask): Task {
  return t as unknown as Task;
}

type Runner = typeof import('../../src/pool/tasks/runner.js');

/**
 * The runner module with drills added, for `vi.mock` of the runner, so a single-threaded run
 * (which runs tasks on the calling thread) runs drills too.
 *
 * @example
 * vi.mock('../../src/pool/tasks/runner.js', async (load) => (await import('../pool/drills.js')).withDrills(await load()));
 */
export function withDrills(runner: Runner): Runner {
  return {
    ...runner,
    runTask: (t: Task) => ((t as { type: string }).type === 'drill' ? runDrill(t as unknown as DrillTask) : runner.runTask(t)),
  };
}
