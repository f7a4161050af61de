/** End-to-end check of `volley bench --quick` at a tiny size: the report files, their contents, and Volley's answers against DuckDB's. */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../bench/peers/questions.js';
import type { BenchReport } from '../../bench/report/model.js';
import { svgProblems } from './svg.js';
import { type BenchRun, runBench } from './bench-run.js';

describe('volley bench --quick', () => {
  let out = '';
  let run: BenchRun['run'];
  let report: BenchReport;
  let markdown = '';

  beforeAll(() => {
    ({ run, out, report, markdown } = runBench('volley-bench-', ['--quick', '--rows', '2000', '--peers', 'duckdb']));
  }, 300_000);

  afterAll(() => {
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  it('exits cleanly and writes the Markdown, the JSON and three charts', () => {
    expect(run.error).toBeUndefined();
    expect(run.status, String(run.stderr)).toBe(0);
    for (const file of ['report.md', 'report.json', 'suites.svg', 'scaling.svg', 'peers.svg']) {
      expect(existsSync(join(out, file)), file).toBe(true);
    }
    expect(String(run.stdout)).toBe(markdown);
  });

  it('writes charts that are well-formed SVG', () => {
    for (const file of ['suites.svg', 'scaling.svg', 'peers.svg']) {
      const svg = readFileSync(join(out, file), 'utf8');
      expect(svgProblems(svg), file).toEqual([]);
      expect(svg, file).toMatch(/<path|<rect/);
    }
  });

  it('has a row per question in the scaling and the peer tables', () => {
    for (const q of QUESTIONS) {
      expect(markdown).toContain(`| ${q.id} ${q.title} |`);
      expect(markdown).toMatch(new RegExp(`^\\| ${q.id} \\| \\d+\\.\\d{3} \\|`, 'm'));
    }
    expect(report.scaling?.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    expect(report.scaling?.threads).toEqual([1, 2]);
  });

  it('times every operation with one thread, N threads and, where one exists, a naive loop', () => {
    expect(report.suites.map((s) => s.operation.replace(/ \(.*/, ''))).toEqual([
      'CSV read',
      'filter',
      'project',
      'groupBy, few groups',
      'groupBy, many groups',
      'sort',
    ]);
    for (const suite of report.suites) {
      expect(suite.errors, suite.operation).toEqual([]);
      expect(suite.rows).toBe(2000);
      expect(suite.oneThreadMs, suite.operation).toBeGreaterThan(0);
      expect(suite.nThreadsMs, suite.operation).toBeGreaterThan(0);
      expect(suite.naiveMs === null, suite.operation).toBe(suite.operation === 'CSV read');
    }
  });

  it("agrees with DuckDB's answers on every question and at every thread count", () => {
    const volley = report.peers[0]?.verdicts.find((v) => v.engine === 'volley');
    expect(volley?.error).toBeUndefined();
    expect(volley?.questions.map((q) => [q.id, q.verdict])).toEqual(QUESTIONS.map((q) => [q.id, 'agree']));
    expect(report.peers.map((p) => [p.dataset.rows, p.cold])).toEqual([[2000, 'process']]);
    expect(report.peers[0]?.results.map((r) => r.engine)).toEqual(['volley', 'duckdb']);
    expect(report.scaling?.determinism).toEqual([]);
    expect(report.dataset.rows).toBe(2000);
  });

  it('runs the join task too, by default, on the join set of the same size', () => {
    expect(report.join?.rows).toBe(2000);
    const agree = ['agree', 'agree', 'agree', 'agree', 'agree'];
    expect(report.join?.verdicts.map((v) => [v.engine, v.questions.map((q) => q.verdict)])).toEqual([
      ['volley', agree],
      ['volley-t1', agree],
      ['duckdb', agree.map(() => 'reference')],
    ]);
    expect(markdown).toContain('## Joins: H2O join questions, 2 threads and 1');
  });
});
