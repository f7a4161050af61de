/** The package as a user gets it: packed, installed without dev dependencies in a fresh folder, and run through npx. */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BENCH_NEEDS_CLONE } from '../../cli/bench.js';
import { withoutProgress } from './progress-lines.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** One npm step on a loaded machine: an offline install takes seconds, so this only stops a hang. */
const STEP_MS = 110_000;

/**
 * The environment for the npm commands: without the variables an enclosing `npm test` sets
 * (package fields, lifecycle, prefixes), which would point the install at this repository.
 */
function npmEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.toLowerCase().startsWith('npm_') || /^npm_config_(cache|registry|userconfig)$/i.test(key)) env[key] = value;
  }
  // npx must run the installed bin, never fetch a package of the same name from the registry. (Its
  // `--no` flag would do the same but makes npx read a later `--help` as its own.)
  env.npm_config_yes = 'false';
  return env;
}

/** Runs `npm`/`npx` with `args` in `cwd`, failing the test with its output if it cannot start. */
function run(command: 'npm' | 'npx', args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, env: npmEnv(), encoding: 'utf8', timeout: STEP_MS });
  if (result.error) throw new Error(`${command} ${args.join(' ')}: ${result.error.message}\n${result.stderr}`);
  return result;
}

/** stderr without npm's own warnings (an old npm in the path may add some), one entry per line. */
function ownLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^npm (warn|notice)/i.test(line));
}

describe('the installed package', () => {
  let work = '';
  let app = '';
  let tarball = '';
  let packedFiles: string[] = [];

  beforeAll(() => {
    if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) {
      const build = run('npm', ['run', 'build'], root);
      if (build.status !== 0) throw new Error(`npm run build failed:\n${build.stdout}${build.stderr}`);
    }
    work = mkdtempSync(join(tmpdir(), 'volley-pack-'));
    const pack = run('npm', ['pack', '--pack-destination', work, '--json'], root);
    if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
    const [packed] = JSON.parse(pack.stdout) as { filename: string; files: { path: string }[] }[];
    if (packed === undefined) throw new Error(`npm pack printed no package:\n${pack.stdout}`);
    tarball = join(work, packed.filename);
    packedFiles = packed.files.map((f) => f.path);
    app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), '{ "name": "volley-pack-test", "version": "1.0.0", "private": true }\n');
    const install = run('npm', ['install', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
    if (install.status !== 0) throw new Error(`npm install of ${tarball} failed:\n${install.stdout}${install.stderr}`);
    writeFileSync(join(app, 'cities.csv'), 'city,state,pop\nAlbany,NY,100\nBuffalo,NY,50\nFresno,CA,300\nWaco,TX,7\nOakland,CA,\n');
  }, 4 * STEP_MS);

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('carries the built library and command, and neither the benchmark, the tests nor the dev dependencies', () => {
    expect(packedFiles).toContain('dist/cli/main.js');
    expect(packedFiles.filter((f) => !/^dist\/(src|kernels|cli)\/|^(README\.md|LICENSE|package\.json)$/.test(f))).toEqual([]);
    expect(packedFiles.filter((f) => f.endsWith('.map'))).toEqual([]);
    const pkg = join(app, 'node_modules', 'volley');
    expect(existsSync(join(pkg, 'dist', 'cli', 'main.js'))).toBe(true);
    expect(existsSync(join(pkg, 'dist', 'src', 'index.js'))).toBe(true);
    expect(existsSync(join(pkg, 'LICENSE'))).toBe(true);
    expect(readdirSync(join(pkg, 'dist')).sort()).toEqual(['cli', 'kernels', 'src']);
    for (const dev of ['vega', 'vega-lite', 'tinybench', '@duckdb', 'vitest']) {
      expect(existsSync(join(app, 'node_modules', dev)), dev).toBe(false);
    }
  });

  it('answers `npx volley query` with the group sums', () => {
    const q = run('npx', ['volley', 'query', 'cities.csv', '--group-by', 'state', '--agg', 'sum(pop)', '--sort', 'state'], app);
    expect(withoutProgress(q.stderr)).toBe('');
    expect(q.status).toBe(0);
    const body = q.stdout.split('\n').filter((line) => line.startsWith('│ "'));
    expect(body).toEqual(['│ "CA"  ┆ 300     │', '│ "NY"  ┆ 150     │', '│ "TX"  ┆ 7       │']);
    expect(q.stdout).toContain('shape: (3, 2)');
    expect(q.stdout).toMatch(/│ state ┆ pop_sum │/);
    expect(q.stdout).toMatch(/^3 rows in \d+\.\d ms \(threads: \d+\)$/m);
  });

  it('prints the usage for `npx volley --help`', () => {
    const help = run('npx', ['volley', '--help'], app);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('usage: volley <command> [options]');
    expect(help.stdout).toContain('usage: volley query <file.csv> [options]');
  });

  it('says in one line that `npx volley bench` needs a clone, and exits 1 without a stack trace', () => {
    const bench = run('npx', ['volley', 'bench'], app);
    expect(bench.status).toBe(1);
    expect(bench.stdout).toBe('');
    expect(ownLines(bench.stderr)).toEqual([BENCH_NEEDS_CLONE.trimEnd()]);
  });
});
