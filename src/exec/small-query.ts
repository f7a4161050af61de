/**
 * Small queries on the calling thread: a plan whose every input is an in-memory frame and whose
 * inputs together fill at most one morsel runs as with `threads: 1`. One morsel is one task, so
 * the pool could not split the work; it could only add its hand-offs, and on a process's first
 * query the start of its workers (about 200 ms for a 10,000-row q1 on two threads, against 2 ms
 * once started). Results are the same on any thread count, so only the time changes.
 */
import { DEFAULT_MORSEL_SIZE } from '../physical/options.js';
import type { PhysicalPlan, PipelineSource } from '../physical/plan.js';

/**
 * Whether `plan` reads only in-memory frames, at most `morselSize` rows in all (the default morsel
 * size when null), and holds no join: a join's output can outgrow its inputs many times over
 * (a cross join of two 60,000-row frames), so a join keeps the pool.
 *
 * @example
 * if (fitsOneMorsel(physical, options.morselSize)) ctx = { ...ctx, threads: 1 };
 */
export function fitsOneMorsel(plan: PhysicalPlan, morselSize: number | null): boolean {
  const limit = morselSize ?? DEFAULT_MORSEL_SIZE;
  let rows = 0;
  const source = (s: PipelineSource): boolean => {
    if (s.kind === 'plan') return visit(s.plan);
    if (s.kind !== 'frame') return false;
    rows += s.frame.height;
    return rows <= limit;
  };
  const visit = (p: PhysicalPlan): boolean => {
    switch (p.op) {
      case 'collect':
      case 'aggregate':
      case 'sort':
        return source(p.pipeline.source);
      case 'groupHead':
      case 'topPerGroup':
      case 'distinct':
      case 'slice':
        return visit(p.input);
      case 'union':
      case 'hconcat':
        return p.inputs.every(visit);
      case 'join':
      case 'asof':
        return false;
    }
  };
  return visit(plan);
}
