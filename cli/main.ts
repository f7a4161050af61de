#!/usr/bin/env node
/** The `volley` command: dispatches to `volley query`, `volley bench` and `volley help`. */

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { shutdownPool } from '../src/index.js';
import { runBench } from './bench.js';
import { USAGE } from './help.js';
import { runQuery } from './query/command.js';

/**
 * Runs one command and resolves to the process exit code.
 *
 * @example
 * await main(['query', 'data.csv', '--group-by', 'id1', '--agg', 'sum(v1)', '--sort', '-v1_sum']); // prints the answer, 0
 * await main(['bench', '--quick']); // from a clone: 0 when every Volley answer agrees with DuckDB's
 */
export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'query':
      // Closing the pool ends the process at once instead of when its idle workers time out.
      return runQuery(rest).finally(() => shutdownPool());
    case 'bench':
      return runBench(rest);
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
