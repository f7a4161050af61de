/** The main job (`npm start`) at a tiny size, run as the README runs it: every answer printed as a table, the speed-up line, nothing unresolved. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const main = join(root, 'dist', 'bench', 'main.js');

describe('npm start', () => {
  it('prints each question with its answer table, the timings and the speed-up', () => {
    // the main job runs from dist/, as `npm start` builds first (and `npm test` too)
    expect(existsSync(main)).toBe(true);
    const run = spawnSync(process.execPath, [main], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, VOLLEY_ROWS: '2e3' },
      timeout: 240_000,
    });
    expect(run.status, run.stderr).toBe(0);
    // the answers go with the progress lines (stderr), the tables to stdout
    const out = `${run.stdout}\n${run.stderr}`;
    for (let q = 1; q <= 10; q++) expect(out).toMatch(new RegExp(`\\nq${q}: .* \\([\\d,]+ rows\\)\\nshape: \\(\\d+, \\d+\\)`));
    expect(out).not.toContain('[object Promise]');
    expect(out).toMatch(/all ten: [\d.]+ ms on 1 thread, [\d.]+ ms on 2 \([\d.]+x\)/);
  }, 300_000);
});
