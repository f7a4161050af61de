#!/usr/bin/env node
/** The `volley` command line: `volley bench` measures Volley on this machine (against peers too) and writes a report; `volley query` runs one query on a CSV file. */

import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { shutdownPool } from '../src/index.js';
import { BENCH_USAGE, parseBenchArgs } from './options.js';
import { defaultResultsDir } from './paths.js';
import { createProgress } from './progress.js';
import { runQuery } from './query/command.js';
import { QUERY_USAGE } from './query/options.js';
import type { BenchReport } from './report/model.js';
import { writeReport } from './report/write.js';
import { runBench } from './run-bench.js';

const USAGE = `usage: volley <command> [options]

commands:
  bench    time Volley's operations and the H2O groupby questions, single-thread vs parallel vs peers
  query    run one query on a CSV file: filter, group, aggregate, sort, limit; print the answer or the plan
  help     show this text

${BENCH_USAGE}
${QUERY_USAGE}`;

/** Problems that make a run fail: Volley's own errors and answers that disagree with the reference. */
export function volleyProblems(report: BenchReport): string[] {
  const problems: string[] = [];
  const volley = report.peers?.verdicts.find((v) => v.engine === 'volley');
  if (volley?.error !== undefined) problems.push(`volley runner: ${volley.error}`);
  for (const q of volley?.questions ?? []) {
    if (q.verdict === 'mismatch' || q.verdict === 'error') problems.push(`volley ${q.id} ${q.verdict}: ${q.details.join('; ')}`);
  }
  for (const q of report.scaling?.questions ?? []) {
    for (const c of q.cells) if (c.error !== undefined) problems.push(`scaling ${q.id} threads=${c.threads}: ${c.error}`);
  }
  problems.push(...(report.scaling?.determinism ?? []).map((d) => `not deterministic: ${d}`));
  return problems;
}

async function bench(argv: readonly string[]): Promise<number> {
  const options = parseBenchArgs(argv);
  const progress = createProgress();
  const size = options.csv ?? `H2O ${options.rows.join(', ')} rows, K=${options.k}`;
  progress.log(`volley bench: ${size}; parts ${options.parts.join(', ')}; threads ${options.threads.join(', ')}; ${options.runs} run(s) each`);
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

/**
 * Runs one command and resolves to the process exit code.
 *
 * @example
 * await main(['bench', '--quick']); // 0 when every Volley answer agrees with DuckDB's
 * await main(['query', 'data.csv', '--group-by', 'id1', '--agg', 'sum(v1)', '--sort', '-v1_sum']); // prints the answer, 0
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'bench':
      if (rest.includes('--help') || rest.includes('-h')) {
        process.stdout.write(BENCH_USAGE);
        return 0;
      }
      return bench(rest);
    case 'query':
      // Closing the pool ends the process at once instead of when its idle workers time out.
      return runQuery(rest).finally(() => shutdownPool());
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`volley: unknown command "${command}"\n\n${USAGE}`);
      return 1;
  }
}

/** Whether this module is the program being run, also when reached through an npm bin symlink. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  try {
    process.exitCode = await main(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`volley: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  }
}
