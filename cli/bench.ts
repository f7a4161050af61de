/** `volley bench` as the installed command sees it: the benchmark is loaded on demand, and only a clone has it. */

/** What `volley bench` prints, on one line, where the benchmark code or its dev dependencies are missing. */
export const BENCH_NEEDS_CLONE = 'volley bench: runs from a clone of the repository with its dev dependencies: npm ci && npm run bench\n';

/** Where a command writes its one-line complaint. */
export type WriteErr = (text: string) => void;

/** The shape of `bench/command.ts` that the dispatcher relies on. */
interface BenchModule {
  runBenchCommand(argv: readonly string[]): Promise<number>;
}

/** Whether `err` says a module (the bench code, or a dev dependency it imports) is not installed. */
function isMissingModule(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND';
}

/**
 * Runs `volley bench` when the benchmark is there, resolving to its exit code. The benchmark
 * imports the peers, tinybench and vega, which are dev dependencies, and `dist/bench` is not in
 * the published package; so it is imported here, when asked for, and a missing module (the code
 * itself or one of those packages) turns into one line on `err` and exit code 1 instead of a
 * stack trace. `load` replaces the import (tests).
 *
 * @example
 * process.exitCode = await runBench(['--quick']); // from a clone: the report; installed: one line, 1
 */
export async function runBench(
  argv: readonly string[],
  err: WriteErr = (text) => void process.stderr.write(text),
  load: () => Promise<BenchModule> = () => import('../bench/command.js'),
): Promise<number> {
  let bench: BenchModule;
  try {
    bench = await load();
  } catch (e) {
    if (!isMissingModule(e)) throw e;
    err(BENCH_NEEDS_CLONE);
    return 1;
  }
  return bench.runBenchCommand(argv);
}
