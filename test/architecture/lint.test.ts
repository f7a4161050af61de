/** Keeps the tree formatted and lint-clean: Biome (biome.jsonc) runs over every source, test and script in each test run. */
import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const biome = `${root}node_modules/@biomejs/biome/bin/biome`;

/** Runs Biome with `args` in the repository root, `input` on stdin; its exit status and what it printed. */
function runBiome(args: string[], input?: string): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [biome, ...args], { cwd: root, encoding: 'utf8', input, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('format and lint', () => {
  it('fails on a file that breaks a rule or the format, so a clean run means something', () => {
    // a file of the tree, for a moment: Biome judges it with the repository's configuration
    const bad = `${root}test/architecture/lint-probe-${process.pid}.ts`;
    try {
      writeFileSync(bad, 'export function f(a: number): boolean {\n  return a == 1;\n}\n');
      const lint = runBiome(['lint', bad]);
      expect(lint.status).not.toBe(0);
      expect(lint.out).toMatch(/noDoubleEquals/);
      writeFileSync(bad, 'export const x = {a:1,  b:2}\n');
      const format = runBiome(['format', bad]);
      expect(format.status).not.toBe(0);
      expect(format.out).toMatch(/Formatter would have printed/);
    } finally {
      rmSync(bad, { force: true });
    }
  }, 60_000);

  it('finds nothing to format or fix in the tree (npm run format, then fix what npm run lint reports)', () => {
    const { status, out } = runBiome(['check', '--max-diagnostics=50', '.']);
    expect(status === 0 ? '' : out).toBe('');
  }, 60_000);
});
