/** The benchmark report: Markdown tables from known figures, number formatting, and charts that render to SVG. */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peersChart, renderSvg, scalingChart, suitesChart } from '../../bench/report/charts.js';
import { count, ms, ratio, seconds } from '../../bench/report/format.js';
import { peersMarkdown, reportMarkdown, scalingMarkdown, suitesMarkdown } from '../../bench/report/markdown.js';
import { writeReport } from '../../bench/report/write.js';
import { sampleReport } from './sample-report.js';
import { svgProblems } from './svg.js';

describe('format', () => {
  it('prints times, ratios and sizes readably and missing values as a dash', () => {
    expect([ms(0.4567), ms(42.25), ms(1234.5), ms(null), ms(NaN)]).toEqual(['0.46', '42.3', '1235', '-', '-']);
    expect([seconds(0.01834), seconds(undefined)]).toEqual(['0.018', '-']);
    expect([ratio(2, 1), ratio(1, 4), ratio(null, 1), ratio(1, 0)]).toEqual(['2.00x', '0.25x', '-', '-']);
    expect([count(10_000_000), count(1_000_000), count(2000), count(250_000)]).toEqual(['1e7', '1e6', '2,000', '250,000']);
  });
});

describe('Markdown', () => {
  const report = sampleReport();

  it('gives each operation its times, the speed-up and the ratio to the naive loop, and lists failures', () => {
    const text = suitesMarkdown(report.suites);
    expect(text).toContain('| CSV read | 1e6 | n/a | 800 | 400 | 2 | 2.00x | - |');
    expect(text).toContain('| filter | 1e6 | 12.0 | 20.0 | 8.00 | 2 | 2.50x | 1.50x |');
    expect(text).toContain('| sort | 1e6 | 300 | - | - | 2 | - | - |');
    expect(text).toContain('- sort (1e6 rows) failed: threads: 1: boom');
    expect(text).toContain("- filter: `filter(col('v1').gt(3))`");
  });

  it('gives each question its time per thread count and speed-ups over one thread', () => {
    const text = scalingMarkdown(report.scaling!);
    expect(text).toContain('| question | threads=1 (s) | threads=2 (s) | threads=4 (s) | speed-up 2 | speed-up 4 |');
    expect(text).toContain('| q1 sum v1 by id1 | 0.200 | 0.100 | 0.125 | 2.00x | 1.60x |');
    expect(text).toContain('| q2 sum v1 by id1:id2 | 0.300 | error | 0.200 | - | 1.50x |');
    expect(text).toContain('- q2 threads=2: worker died');
    expect(text).toContain('| 2 | 4.50 |');
    expect(text).toContain('Answers were identical at every thread count.');
  });

  it('compares Volley with each peer and says where it is behind', () => {
    const text = peersMarkdown(report.peers!);
    expect(text).toContain('| question | volley (s) | duckdb (s) | volley ÷ duckdb | arquero (s) | volley ÷ arquero |');
    expect(text).toContain('| q1 | 0.100 | 0.050 | 2.00x | 0.400 | 0.25x |');
    expect(text).toContain('| q8 | 0.100 | 0.050 | 2.00x | - | - |');
    expect(text).toContain('| CSV load | 1.000 | 0.500 | 2.00x | 2.000 | 0.50x |');
    expect(text).toContain('- behind duckdb on q1 2.00x, q2 2.00x');
    expect(text).toContain('- behind arquero on no question');
    expect(text).toContain('arquero q8 error: cannot do q8');
  });

  it('opens with the date, machine, command and data, and links the charts', () => {
    const text = reportMarkdown(report, { scaling: 'scaling.svg' });
    expect(text.split('\n').slice(0, 7)).toEqual([
      '# Volley benchmark',
      '',
      '- date: 2025-01-01T00:00:00.000Z',
      '- machine: Test CPU, 2 cores, 8 GiB, linux 6.0, Node v20.0.0, load average 0.5 at start',
      '- command: `volley bench --rows 1e6`',
      '- data: G1_1e6_1e2_0_0 (1e6 rows, 50.0 MB)',
      '- timed runs per measurement: 3',
    ]);
    expect(text).toContain('![speed-up vs threads](scaling.svg)');
    expect(text).not.toContain('peers.svg');
    expect(text).toContain('## Notes\n\n- a note');
  });
});

describe('charts', () => {
  const report = sampleReport();

  it('render to well-formed SVG', async () => {
    for (const spec of [scalingChart(report.scaling!, 2), peersChart(report.peers!), suitesChart(report.suites)]) {
      const svg = await renderSvg(spec);
      expect(svgProblems(svg)).toEqual([]);
    }
  });

  it('draw speed-ups against threads and mark unanswered questions instead of dropping them', () => {
    const scaling = scalingChart(report.scaling!, 2) as { layer: { data: { values: object[] } }[] };
    expect(scaling.layer[0]?.data.values).toEqual([
      { threads: 1, speedup: 1 },
      { threads: 2, speedup: 2 },
      { threads: 4, speedup: 2 },
    ]);
    expect(scaling.layer[1]?.data.values).toContainEqual({ question: 'q1', threads: 2, speedup: 2 });
    const peers = peersChart(report.peers!) as { layer: { data: { values: { engine: string; question: string }[] } }[] };
    expect(peers.layer[1]?.data.values.map((v) => [v.engine, v.question])).toEqual([['arquero', 'q8']]);
  });

  it('are written beside the Markdown and the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'volley-report-'));
    try {
      const written = await writeReport(report, dir);
      expect(Object.keys(written.charts).sort()).toEqual(['peers', 'scaling', 'suites']);
      expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(report);
      expect(readFileSync(written.markdown, 'utf8')).toBe(written.text);
      expect(written.text).toContain('![Volley vs peers per question](peers.svg)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
