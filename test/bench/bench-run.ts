/** One `volley bench` run from the built CLI into a fresh folder, as the end-to-end bench tests start theirs. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from '../../bench/report/model.js';

/** The repository root, where the bench runs. */
export const root = fileURLToPath(new URL('../../', import.meta.url));
/** The built CLI: the bench spawns its runners and pool workers from dist/, as `npm test` builds first. */
export const cli = join(root, 'dist', 'cli', 'main.js');

/** What a run left: the process, its output folder, and the report it wrote (if it wrote one). */
export interface BenchRun {
  readonly run: SpawnSyncReturns<string>;
  readonly out: string;
  readonly report: BenchReport;
  readonly markdown: string;
}

/**
 * Runs `volley bench <args> --out <a fresh folder>` and reads the report back; the caller removes
 * `out` when done.
 *
 * @example
 * const { run, report } = runBench('volley-bench-', ['--quick', '--rows', '2000']);
 */
export function runBench(prefix: string, args: readonly string[]): BenchRun {
  if (!existsSync(cli)) throw new Error(`${cli} is not built: run \`npm run build\` first`);
  const out = mkdtempSync(join(tmpdir(), prefix));
  const run = spawnSync(process.execPath, [cli, 'bench', ...args, '--out', out], { cwd: root, encoding: 'utf8', timeout: 240_000 });
  const report = existsSync(join(out, 'report.json'))
    ? (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as BenchReport)
    : (undefined as unknown as BenchReport);
  const markdown = existsSync(join(out, 'report.md')) ? readFileSync(join(out, 'report.md'), 'utf8') : '';
  return { run, out, report, markdown };
}
