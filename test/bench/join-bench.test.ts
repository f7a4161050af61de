/** End-to-end check of `volley bench --task join` at 1e3 rows: Volley at 1 and N threads, DuckDB and Polars in their own processes, answers agreeing, and a report with every question. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOIN_TABLES } from '../../datasets/h2o-join.js';
import { JOIN_QUESTIONS } from '../../bench/peers/join-questions.js';
import type { JoinRunnerOutput } from '../../bench/peers/join-runner.js';
import type { BenchReport } from '../../bench/report/model.js';
import { svgProblems } from './svg.js';
import { type BenchRun, runBench } from './bench-run.js';

describe('volley bench --task join', () => {
  let out = '';
  let run: BenchRun['run'];
  let report: BenchReport;
  let markdown = '';

  beforeAll(() => {
    ({ run, out, report, markdown } = runBench('volley-join-bench-', [
      '--task',
      'join',
      '--quick',
      '--rows',
      '1e3',
      '--threads',
      '1,2',
      '--peers',
      'duckdb,polars',
    ]));
  }, 300_000);

  afterAll(() => {
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  it('exits cleanly, runs the join task alone and prints the report it writes', () => {
    expect(run.error).toBeUndefined();
    expect(run.status, String(run.stderr)).toBe(0);
    expect(String(run.stdout)).toBe(markdown);
    expect(report.suites).toEqual([]);
    expect(report.scaling).toBeNull();
    expect(report.peers).toEqual([]);
    expect(report.join?.rows).toBe(1000);
  });

  it('runs Volley at 2 threads and at 1, DuckDB and Polars, each loading the four tables', () => {
    const results = report.join?.results ?? [];
    expect(results.map((r) => [r.engine, r.error, r.output?.threads])).toEqual([
      ['volley', undefined, 2],
      ['volley-t1', undefined, 1],
      ['duckdb', undefined, 2],
      ['polars', undefined, 2],
    ]);
    for (const r of results) {
      const output = r.output as JoinRunnerOutput;
      expect(Object.keys(output.tables), r.engine).toEqual([...JOIN_TABLES]);
      expect(output.tables.x.rows, r.engine).toBe(1000);
      expect(output.tables.big.rows, r.engine).toBe(1000);
      expect(output.peakRssBytes, r.engine).toBeGreaterThan(0);
      expect(
        output.questions.map((q) => q.id),
        r.engine,
      ).toEqual(JOIN_QUESTIONS.map((q) => q.id));
      for (const q of output.questions) {
        expect(q.error, `${r.engine} ${q.id}`).toBeUndefined();
        expect(q.firstSeconds, `${r.engine} ${q.id} cold`).toBeGreaterThan(0);
        expect(q.seconds, `${r.engine} ${q.id} warm`).toBeGreaterThan(0);
        expect(Object.keys(q.sums), `${r.engine} ${q.id}`).toEqual(expect.arrayContaining(['v1', 'v2']));
      }
    }
  });

  it("agrees with DuckDB's answers: every engine, every question", () => {
    const verdicts = report.join?.verdicts ?? [];
    expect(verdicts.map((v) => [v.engine, v.error, v.questions.map((q) => q.verdict)])).toEqual([
      ['volley', undefined, JOIN_QUESTIONS.map(() => 'agree')],
      ['volley-t1', undefined, JOIN_QUESTIONS.map(() => 'agree')],
      ['duckdb', undefined, JOIN_QUESTIONS.map(() => 'reference')],
      ['polars', undefined, JOIN_QUESTIONS.map(() => 'agree')],
    ]);
    // the left join keeps every row of x; on id3 (one row per key on each side, 90% of keys
    // shared) the inner join keeps 900
    const rows = (id: string): number | null | undefined => report.join?.results[2]?.output?.questions.find((q) => q.id === id)?.rows;
    expect(rows('q3')).toBe(1000);
    expect(rows('q5')).toBe(900);
  });

  it('has a row per question with cold and warm times for each run and the threads 1 ÷ 2 ratio', () => {
    const header = markdown.split('\n').find((line) => line.startsWith('| question |')) ?? '';
    expect(header).toContain('| volley cold | volley warm | volley-t1 cold | volley-t1 warm | duckdb cold | duckdb warm | polars cold |');
    expect(header).toContain('| volley threads 1 ÷ 2 | volley ÷ duckdb | volley ÷ polars |');
    for (const q of JOIN_QUESTIONS) {
      // the question, 8 times (cold and warm of four runs), then 3 ratios
      expect(markdown).toMatch(new RegExp(`^\\| ${q.id} ${q.title} (\\| \\d+\\.\\d{3} ){8}(\\| (\\d+\\.\\d{2}x|-) ){3}\\|$`, 'm'));
    }
    expect(markdown).toMatch(/^\| load of the 4 tables \|/m);
    expect(markdown).toMatch(/^\| peak RSS \(MiB\) \|/m);
    expect(markdown).toContain("Every answer agrees with DuckDB's");
  });

  it('draws the join chart, linked from the report', () => {
    const svg = readFileSync(join(out, 'joins.svg'), 'utf8');
    expect(svgProblems(svg)).toEqual([]);
    expect(svg).toMatch(/<path|<rect/);
    expect(svg).toContain('H2O join questions');
    expect(markdown).toContain('![Volley vs peers per join question](joins.svg)');
  });
});
