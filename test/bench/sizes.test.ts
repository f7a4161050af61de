/** `volley bench --rows a,b`: the peer comparison at each size, one table each, with cold, warm and peak RSS per engine. */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../bench/peers/questions.js';
import type { BenchReport } from '../../bench/report/model.js';
import { type BenchRun, runBench } from './bench-run.js';

describe('volley bench --rows 1000,2000 --cold first', () => {
  let out = '';
  let run: BenchRun['run'];
  let report: BenchReport;
  let markdown = '';

  beforeAll(() => {
    ({ run, out, report, markdown } = runBench('volley-sizes-', [
      ...['--quick', '--rows', '1000,2000', '--task', 'groupby', '--only', 'peers', '--peers', 'duckdb', '--cold', 'first'],
    ]));
  }, 300_000);

  afterAll(() => {
    if (out !== '') rmSync(out, { recursive: true, force: true });
  });

  it('runs the peers at each size, in order, each engine loading that size', () => {
    expect(run.status, String(run.stderr)).toBe(0);
    expect(report.peers.map((p) => [p.dataset.rows, p.cold, p.results.map((r) => [r.engine, r.output?.rows])])).toEqual([
      [
        1000,
        'first',
        [
          ['volley', 1000],
          ['duckdb', 1000],
        ],
      ],
      [
        2000,
        'first',
        [
          ['volley', 2000],
          ['duckdb', 2000],
        ],
      ],
    ]);
    for (const p of report.peers) {
      expect(p.verdicts.find((v) => v.engine === 'volley')?.questions.map((q) => q.verdict)).toEqual(QUESTIONS.map(() => 'agree'));
    }
  });

  it('gives each size its own table with cold, warm and MiB per engine, and a chart each', () => {
    expect(markdown).toMatch(/^### 1,000 rows: G1_1e3_1e2_0_0 \(\d+\.\d MB\), one process per engine$/m);
    expect(markdown).toMatch(/^### 2,000 rows: G1_2e3_1e2_0_0 \(\d+\.\d MB\), one process per engine$/m);
    const header =
      '| question | volley cold | volley warm | volley MiB | duckdb cold | duckdb warm | duckdb MiB | volley ÷ duckdb cold | volley ÷ duckdb warm |';
    expect(markdown.split(header)).toHaveLength(3);
    // every question's row: three figures per engine, then two ratios
    const figures = String.raw`\d+\.\d{3} \| \d+\.\d{3} \| \d+`;
    for (const q of QUESTIONS) {
      expect(
        markdown.match(new RegExp(`^\\| ${q.id} \\| ${figures} \\| ${figures} \\| \\d+\\.\\d{2}x \\| \\d+\\.\\d{2}x \\|$`, 'gm')),
        q.id,
      ).toHaveLength(2);
    }
    expect(markdown).toContain('![Volley vs peers per question, 1,000 rows](peers-1000.svg)');
    expect(markdown).toContain('![Volley vs peers per question, 2,000 rows](peers-2000.svg)');
  });
});
