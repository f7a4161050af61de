/** Where the benchmark finds the package it belongs to, from source (`bench/`) or compiled (`dist/bench/`). */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from '../datasets/package-root.js';

export { packageRoot };

/**
 * Volley's own version, read from its package.json: the package only exports its entry point
 * for `import`, so resolving `volley/package.json` is not an option.
 *
 * @example
 * volleyVersion(); // '0.1.0'
 */
export function volleyVersion(): string {
  const pkg = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? 'unknown';
}

/**
 * The default folder for reports: `bench/results/` in the package root (git-ignored except
 * the `snapshot/` folder the README shows).
 *
 * @example
 * defaultResultsDir(); // '/path/to/volley/bench/results'
 */
export function defaultResultsDir(): string {
  return join(packageRoot(), 'bench', 'results');
}
