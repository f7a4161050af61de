/** Where the benchmark finds the package it belongs to, from source (`bench/`) or compiled (`dist/bench/`). */

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Volley's package.json, found by walking up from this module so that the
 * same answer comes back under vitest (TypeScript sources) and from `dist/`.
 *
 * @example
 * join(packageRoot(), 'bench', 'results'); // '/path/to/volley/bench/results'
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
}

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
