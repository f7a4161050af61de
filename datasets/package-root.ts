/** Where Volley's own package lies on disk, from source (`datasets/`, `bench/`) or compiled (`dist/...`). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder holding Volley's package.json, found by walking up from this module so that the
 * same answer comes back under vitest (TypeScript sources) and from `dist/`.
 *
 * @example
 * join(packageRoot(), 'datasets', 'out'); // '/path/to/volley/datasets/out'
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
