/** `volley bench`: measures Volley on this machine (against peers too) and writes a report; loaded by the `volley` dispatcher from a clone only. */

import { join } from 'node:path';
import { shutdownPool } from '../src/index.js';
import { BENCH_USAGE, parseBenchArgs } from './options.js';
import { defaultResultsDir } from './paths.js';
import { createProgress } from './progress.js';
import { count } from './report/format.js';
import type { BenchReport } from './report/model.js';
import { writeReport } from './report/write.js';
import { runBench } from './run-bench.js';

/**
 * Problems that make a run fail: Volley's own errors and answers that disagree with the reference,
 * in the groupby task and in the join task (both Volley runs, N threads and one).
 *
 * @example
 * volleyProblems(report); // [] when every Volley answer agrees with DuckDB's
 */
export function volleyProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  for (const run of report.peers) {
    // Sizes are named only when there are several, so a one-size run reads as before.
    const at = report.peers.length > 1 ? ` at ${count(run.dataset.rows)}` : '';
    const volley = run.verdicts.find((v) => v.engine === 'volley');
    if (volley?.error !== undefined) problems.push(`volley runner${at}: ${volley.error}`);
    for (const q of volley?.questions ?? []) {
      if (q.verdict === 'mismatch' || q.verdict === 'error') problems.push(`volley ${q.id}${at} ${q.verdict}: ${q.details.join('; ')}`);
    }
  }
  for (const q of report.scaling?.questions ?? []) {
    for (const c of q.cells) if (c.error !== undefined) problems.push(`scaling ${q.id} threads=${c.threads}: ${c.error}`);
  }
  problems.push(...(report.scaling?.determinism ?? []).map((d) => `not deterministic: ${d}`));
  for (const run of report.join?.results ?? []) {
    if (run.engine.startsWith('volley') && run.output === undefined)
      problems.push(`join ${run.engine} runner: ${run.error ?? 'no output'}`);
  }
  for (const v of report.join?.verdicts ?? []) {
    if (!v.engine.startsWith('volley')) continue;
    for (const q of v.questions) {
      if (q.verdict === 'mismatch' || q.verdict === 'error')
        problems.push(`join ${v.engine} ${q.id} ${q.verdict}: ${q.details.join('; ')}`);
    }
  }
  return problems;
}

/**
 * Runs `volley bench` (the arguments after `bench`) and resolves to the exit code: 0 when every
 * Volley answer agrees with the reference, 1 otherwise. Needs the dev dependencies (the peers,
 * tinybench, vega), which is why the dispatcher imports this module only when asked to.
 *
 * @example
 * await runBenchCommand(['--quick']); // prints the report, 0
 */
export async function runBenchCommand(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(BENCH_USAGE);
    return 0;
  }
  const options = parseBenchArgs(argv);
  const progress = createProgress();
  const size = options.csv ?? `H2O ${options.rows.join(', ')} rows, K=${options.k}`;
  progress.log(
    `volley bench: ${size}; tasks ${options.tasks.join(', ')}; parts ${options.parts.join(', ')}; threads ${options.threads.join(', ')}; ${options.runs} run(s) each`,
  );
  // The pool's idle workers would not keep the process alive, but closing them ends it at once.
  const report = await runBench(options, progress, ['volley', 'bench', ...argv].join(' ')).finally(() => shutdownPool());
  const written = await writeReport(report, options.out);
  if (options.snapshot) await writeReport(report, join(defaultResultsDir(), 'snapshot'));
  process.stdout.write(written.text);
  progress.log(`\nreport: ${written.markdown}\ndata:   ${written.json}\ncharts: ${Object.values(written.charts).join(', ')}`);
  const problems = volleyProblems(report);
  for (const p of problems) progress.log(`problem: ${p}`);
  return problems.length === 0 ? 0 : 1;
}
