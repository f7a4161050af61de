/** The standalone bench and data scripts answer `--help` with their usage and a bad option or value with one line and the usage, exit 2, no stack trace. */

import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { readScriptArgs, wholeOption } from '../../datasets/script-args.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Runs a built script (`npm test` builds first) and returns its exit code and output. */
function runScript(script: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const path = join(root, 'dist', script);
  if (!existsSync(path)) throw new Error(`${path} is not built: run \`npm run build\` first`);
  const run = spawnSync(process.execPath, [path, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const SCRIPTS = [
  { file: 'bench/join-threads.js', name: 'join-threads' },
  { file: 'bench/csv-scan-peer.js', name: 'csv-scan-peer' },
  { file: 'datasets/generate.js', name: 'gen' },
];

describe('built scripts', () => {
  for (const { file, name } of SCRIPTS) {
    it(`${file} --help prints the usage and exits 0`, () => {
      const run = runScript(file, ['--help']);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/^usage: /);
      expect(run.stderr).toBe('');
    });

    it(`${file} with an unknown option says so on one line above the usage and exits 2`, () => {
      const run = runScript(file, ['--no-such-option']);
      expect(run.status).toBe(2);
      expect(run.stdout).toBe('');
      const [first, blank, usage] = run.stderr.split('\n');
      expect(first).toMatch(new RegExp(`^${name}: Unknown option '--no-such-option'`));
      expect(blank).toBe('');
      expect(usage).toMatch(/^usage: /);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a bad value names the option and exits 2', () => {
    const run = runScript('bench/join-threads.js', ['--runs', 'five']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('join-threads: --runs takes a whole number of at least 1, got "five"');
    expect(run.stderr).toMatch(/\nusage: /);
  });

  it('a missing required option exits 2 before any work', () => {
    const run = runScript('bench/csv-scan-peer.js', ['--engine', 'volley']);
    expect(run.status).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('csv-scan-peer: --csv is required');
  });
});

describe('readScriptArgs', () => {
  const parse = (argv: string[]): number =>
    wholeOption('n', parseArgs({ args: argv, options: { n: { type: 'string', default: '1' } } }).values.n);

  it('returns the parsed options', () => {
    expect(readScriptArgs('s', 'usage: s', ['--n', '1e3'], parse)).toEqual({ ok: true, value: 1000 });
  });

  it('answers --help and -h with the usage and code 0, before parsing', () => {
    expect(readScriptArgs('s', 'usage: s', ['--n', 'x', '--help'], parse)).toEqual({ ok: false, code: 0, text: 'usage: s\n' });
    expect(readScriptArgs('s', 'usage: s\n', ['-h'], parse)).toEqual({ ok: false, code: 0, text: 'usage: s\n' });
  });

  it('turns what the parse throws into one line, the usage and code 2', () => {
    expect(readScriptArgs('s', 'usage: s', ['--n', '0'], parse)).toEqual({
      ok: false,
      code: 2,
      text: 's: --n takes a whole number of at least 1, got "0"\n\nusage: s\n',
    });
    const multiline = readScriptArgs('s', 'usage: s', [], () => {
      throw new Error('first\nsecond');
    });
    expect(multiline).toEqual({ ok: false, code: 2, text: 's: first\n\nusage: s\n' });
  });
});

describe('wholeOption', () => {
  it('reads whole numbers in the spellings the scripts take', () => {
    expect(wholeOption('rows', '1e6')).toBe(1_000_000);
    expect(wholeOption('rows', '1_000')).toBe(1000);
    expect(wholeOption('warmup', '0', 0)).toBe(0);
  });

  it('rejects what is not a whole number at least the minimum, naming the option', () => {
    for (const bad of ['', ' ', 'abc', '1.5', '-1', '0', 'NaN', '1e400'])
      expect(() => wholeOption('runs', bad), bad).toThrow(/^--runs takes a whole number of at least 1/);
    expect(() => wholeOption('warmup', '-1', 0)).toThrow(RangeError);
  });
});
