/** Keeps the import rules of ARCHITECTURE.md true: the direction inside src/, and what the published package may reach. */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const depcruise = `${root}node_modules/dependency-cruiser/bin/dependency-cruise.mjs`;
const config = `${root}.dependency-cruiser.cjs`;
/** Every folder the rules speak of; test/ is left out as the importer of everything. */
const FOLDERS = ['src', 'kernels', 'cli', 'bench', 'datasets'];

/** Runs dependency-cruiser over `FOLDERS` in `cwd`; resolves to whether it failed and what it printed. */
function cruise(cwd: string, outputType: 'err' | 'json'): { failed: boolean; out: string } {
  try {
    const out = execFileSync(process.execPath, [depcruise, '--config', config, '--output-type', outputType, ...FOLDERS], {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return { failed: false, out };
  } catch (e) {
    return { failed: true, out: String((e as { stdout?: string }).stdout ?? e) };
  }
}

describe('import rules', () => {
  it('has no forbidden imports and no cycles', () => {
    const { failed, out } = cruise(root, 'err');
    expect(failed ? out : '').toBe('');
    expect(out).toMatch(/no dependency violations found/);
  });

  it('catches each kind of bad import in a fixture tree laid out like the repository', () => {
    // bad-imports/ holds one file per rule (and good ones that must pass), as plain .js so the
    // type checker leaves its unresolvable imports alone.
    const { out } = cruise(fileURLToPath(new URL('./bad-imports/', import.meta.url)), 'json');
    const result = JSON.parse(out) as { summary: { violations: { rule: { name: string }; from: string; to: string }[] } };
    const found = result.summary.violations.map(
      (v) => `${v.rule.name}: ${v.from} -> ${v.to.replace(/^(\.\.\/)+node_modules\/([^/]+)\/.*$/, '$2')}`,
    );
    expect(found.sort()).toEqual([
      'bench-loader-imports-on-demand: cli/bench.js -> bench/command.js',
      'bench-loader-imports-the-bench-command-only: cli/bench.js -> bench/report.js',
      'bench-never-imports-tests: bench/uses-test.js -> test/helper.js',
      'cli-uses-the-public-api: cli/internals.js -> src/table/column.js',
      'datasets-stand-alone: datasets/uses-bench.js -> bench/report.js',
      'shipped-code-never-reaches-dev-code: cli/reaches-bench.js -> bench/report.js',
      'shipped-code-resolves: src/missing.js -> ./nowhere.js',
      'shipped-code-uses-runtime-dependencies-only: kernels/hidden.js -> flatbuffers',
      'shipped-code-uses-runtime-dependencies-only: src/charts.js -> vega',
    ]);
  });
});
