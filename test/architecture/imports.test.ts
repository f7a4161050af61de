/** Keeps the import direction of ARCHITECTURE.md true: kernels at the bottom, the public API on top. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('import direction', () => {
  it('has no forbidden imports and no cycles', () => {
    const cli = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
    let out = '';
    let failed = false;
    try {
      out = execFileSync(process.execPath, [cli, '--config', '.dependency-cruiser.cjs', '--output-type', 'err', 'src', 'kernels'], {
        cwd: root,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (e) {
      failed = true;
      out = String((e as { stdout?: string }).stdout ?? e);
    }
    expect(failed ? out : '').toBe('');
    expect(out).toMatch(/no dependency violations found/);
  });
});
