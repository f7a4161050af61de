/** `volley bench` arguments: defaults for full and quick runs, lists, validation, and the thread counts tried. */

import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultColdMode, parseBenchArgs } from '../../bench/options.js';
import { defaultResultsDir } from '../../bench/paths.js';
import { defaultThreadCounts, parallelThreads } from '../../bench/threads.js';

describe('parseBenchArgs', () => {
  it('defaults to 1e6 rows, every part, all peers and thread counts up to twice the cores', () => {
    expect(parseBenchArgs([], 2)).toEqual({
      rows: [1e6],
      k: 100,
      threads: [1, 2, 4],
      peers: ['duckdb', 'polars', 'arquero'],
      parts: ['suites', 'scaling', 'peers'],
      tasks: ['groupby', 'join'],
      csv: null,
      runs: 3,
      warmup: 1,
      queryTimeout: 300,
      cold: null,
      peerTimeout: 1800,
      quick: false,
      out: defaultResultsDir(),
      snapshot: false,
    });
  });

  it('makes --quick tiny: 2000 rows, threads 1 and 2, one run, no warm-up', () => {
    const o = parseBenchArgs(['--quick'], 16);
    expect([o.rows, o.threads, o.runs, o.warmup, o.queryTimeout, o.quick]).toEqual([[2000], [1, 2], 1, 0, 60, true]);
  });

  it('reads lists, sizes in scientific notation, and always measures one thread', () => {
    const o = parseBenchArgs(
      ['--rows', '1e6,1e7', '--threads', '4,2', '--peers', 'polars', '--only', 'scaling,peers', '--csv', 'x.csv', '--out', 'o'],
      2,
    );
    expect(o.rows).toEqual([1e6, 1e7]);
    expect(o.threads).toEqual([1, 2, 4]);
    expect(o.peers).toEqual(['polars']);
    expect(o.parts).toEqual(['scaling', 'peers']);
    expect(o.csv).toBe(resolve('x.csv'));
    expect(o.out).toBe(resolve('o'));
    expect(parseBenchArgs(['--peers', 'none']).peers).toEqual([]);
    // `file` names the four engines that query the CSV file, once each
    expect(parseBenchArgs(['--peers', 'duckdb,file,duckdb-file']).peers).toEqual([
      'duckdb',
      'volley-scan',
      'volley-stream',
      'duckdb-file',
      'polars-file',
    ]);
  });

  it('runs the groupby and join tasks by default, the groupby task alone on your own CSV, and either when asked', () => {
    expect(parseBenchArgs(['--task', 'join']).tasks).toEqual(['join']);
    expect(parseBenchArgs(['--task', 'join,groupby,join']).tasks).toEqual(['join', 'groupby']);
    expect(parseBenchArgs(['--csv', 'x.csv']).tasks).toEqual(['groupby']);
    expect(() => parseBenchArgs(['--task', 'sort'])).toThrow('--task: unknown "sort", expected one of groupby, join');
    expect(() => parseBenchArgs(['--task', 'join', '--csv', 'x.csv'])).toThrow('--csv is a groupby table');
  });

  it('takes --cold and --peer-timeout, and picks the cold mode by size when --cold is not given', () => {
    expect(parseBenchArgs(['--cold', 'first', '--peer-timeout', '60'])).toMatchObject({ cold: 'first', peerTimeout: 60 });
    expect(parseBenchArgs(['--quick']).peerTimeout).toBe(180);
    expect(() => parseBenchArgs(['--cold', 'warm'])).toThrow('--cold: unknown "warm", expected one of process, first');
    expect([defaultColdMode(1e6, 50e6), defaultColdMode(1e7, 509e6), defaultColdMode(1e8, 5.2e9)]).toEqual(['process', 'process', 'first']);
    expect([defaultColdMode(null, 100e6), defaultColdMode(null, 2e9)]).toEqual(['process', 'first']);
  });

  it('rejects unknown peers, parts, options and malformed counts with a message naming the option', () => {
    expect(() => parseBenchArgs(['--peers', 'spark'])).toThrow('--peers: unknown "spark", expected one of duckdb, polars, arquero');
    expect(() => parseBenchArgs(['--only', 'joins'])).toThrow('--only: unknown "joins"');
    expect(() => parseBenchArgs(['--threads', '0'])).toThrow('--threads takes positive whole numbers, got "0"');
    expect(() => parseBenchArgs(['--runs', '1.5'])).toThrow('--runs takes positive whole numbers');
    expect(() => parseBenchArgs(['--rows', 'lots'])).toThrow('expected a positive whole count');
    expect(() => parseBenchArgs(['--fast'])).toThrow(/Unknown option '--fast'/);
  });
});

describe('thread counts', () => {
  it('doubles up to the core count, includes it, and goes one step beyond', () => {
    expect(defaultThreadCounts(1)).toEqual([1, 2]);
    expect(defaultThreadCounts(2)).toEqual([1, 2, 4]);
    expect(defaultThreadCounts(6)).toEqual([1, 2, 4, 6, 12]);
    expect(defaultThreadCounts(16)).toEqual([1, 2, 4, 8, 16, 32]);
  });

  it('compares one thread with the most threads the cores can run without sharing', () => {
    expect(parallelThreads([1, 2, 4], 2)).toBe(2);
    expect(parallelThreads([1, 2, 4, 8, 16, 32], 16)).toBe(16);
    expect(parallelThreads([1], 8)).toBe(1);
    expect(parallelThreads([8, 16], 2)).toBe(8);
  });
});
