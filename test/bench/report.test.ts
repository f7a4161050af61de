/** The benchmark report: Markdown tables from known figures, number formatting, and charts that render to SVG. */

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { peersChart, renderSvg, scalingChart, suitesChart } from '../../bench/report/charts.js';
import { count, ms, ratio, seconds } from '../../bench/report/format.js';
import { peersMarkdown, reportMarkdown, scalingMarkdown, suitesMarkdown } from '../../bench/report/markdown.js';
import { writeReport } from '../../bench/report/write.js';
import { samplePeers, samplePeers1e8, samplePeersOnFile, sampleReport } from './sample-report.js';
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

  it('gives each question every engine’s cold and warm time and peak RSS, and Volley ÷ DuckDB cold and warm', () => {
    const text = peersMarkdown(report.peers[0]!);
    expect(text).toContain(
      '| question | volley cold | volley warm | volley MiB | duckdb cold | duckdb warm | duckdb MiB | arquero cold | arquero warm | arquero MiB | volley ÷ duckdb cold | volley ÷ duckdb warm |',
    );
    expect(text).toContain('| q1 | 0.300 | 0.100 | 300 | 0.100 | 0.050 | 150 | 0.400 | 0.400 | 500 | 3.00x | 2.00x |');
    expect(text).toContain('| q8 | 0.300 | 0.100 | 300 | 0.100 | 0.050 | 150 | error | error | 500 | 3.00x | 2.00x |');
    // the load: seconds in the cold column, its own peak in MiB; then each process's peak
    expect(text).toContain('| load (s) | 1.000 |  | 250 | 0.500 |  | 120 | 2.000 |  | 400 | 2.00x |  |');
    expect(text).toContain('| peak RSS (MiB) |  |  | 320 |  |  | 200 |  |  | 600 | 1.60x |  |');
    expect(text).toContain('Engines: volley 1.0 (2 threads), duckdb 1.0 (2 threads), arquero 1.0 (2 threads).');
    expect(text).toContain('Cold: the question’s first run in a fresh process of its own');
    expect(text).toContain('read from VmHWM after resetting it by writing 5 to /proc/self/clear_refs');
    expect(text).toContain('- behind duckdb warm on q1 2.00x, q2 2.00x');
    expect(text).toContain('; cold on q1 3.00x, q2 3.00x');
    expect(text).toContain('- behind arquero warm on no question; cold on no question');
    expect(text).toContain('- arquero q8 error: cannot do q8');
  });

  it('puts the queries on the file in a table of their own, with Volley’s two against DuckDB’s and streaming against not', () => {
    const text = peersMarkdown(samplePeersOnFile());
    // the loaded engines' table is as before, without the file engines
    expect(text).toContain(
      '| question | volley cold | volley warm | volley MiB | duckdb cold | duckdb warm | duckdb MiB | volley ÷ duckdb cold | volley ÷ duckdb warm |',
    );
    expect(text).toContain(
      '| question on the file | volley-scan cold | volley-scan warm | volley-scan MiB | volley-stream cold | volley-stream warm | volley-stream MiB | duckdb-file cold | duckdb-file warm | duckdb-file MiB | volley-scan ÷ duckdb-file cold | volley-stream ÷ duckdb-file cold | volley-stream ÷ volley-scan cold |',
    );
    expect(text).toContain('| q3 | 0.400 | 0.200 | 200 | 0.600 | 0.300 | 150 | 0.200 | 0.100 | 100 | 2.00x | 3.00x | 1.50x |');
    expect(text).toContain('| peak RSS (MiB) |  |  | 220 |  |  | 160 |  |  | 110 | 2.00x | 1.45x | 0.73x |');
    expect(text).toContain('- volley-stream behind duckdb-file warm on q1 3.00x');
    expect(text).toContain('Engines: volley 1.0 (2 threads), duckdb 1.0 (2 threads), volley-scan 1.0 (2 threads)');
    expect(text).not.toContain('| load (s) | 1.000 |  | 250 | 0.500 |  | 120 | 0.000');
  });

  it('names an engine that ran out of memory or was killed in its cells and in the notes', () => {
    const text = peersMarkdown(samplePeers1e8());
    // Volley's process died in q10: the nine questions before it keep their figures
    expect(text).toContain(
      '| q9 | 4.000 | 2.000 | 9000 | 2.000 | 1.000 | 6000 | killed by SIGKILL | killed by SIGKILL |  | 2.00x | 2.00x |',
    );
    expect(text).toContain(
      '| q10 | out of memory | out of memory | 9000 | 2.000 | 1.000 | 6000 | killed by SIGKILL | killed by SIGKILL |  | - | - |',
    );
    expect(text).toContain('| load (s) | 60.000 |  | 8000 | 50.000 |  | 5000 | killed by SIGKILL | killed by SIGKILL |  | 1.20x |  |');
    expect(text).toContain('Engines: volley 1.0 (2 threads), duckdb 1.0 (2 threads), polars (failed).');
    expect(text).toContain("- polars: killed by SIGKILL (no message: most likely the kernel's out-of-memory killer)");
    expect(text).toContain('- volley q10 error: out of memory (SIGABRT): FATAL ERROR: Reached heap limit');
    expect(text).toContain(
      'Cold: each question’s first run in one process per engine, after the load and after the questions before it (at 1e8 rows',
    );
  });

  it('says when the peaks are the process’s peak so far, where clear_refs could not be written', () => {
    const run = samplePeers();
    for (const r of run.results) if (r.output !== undefined) r.output.peakMethod = 'maxrss';
    const text = peersMarkdown(run);
    expect(text).toContain('MiB: the process’s peak RSS so far (getrusage maxRSS, /proc/self/clear_refs not writable)');
    expect(text).not.toContain('VmHWM');
  });

  it('gives each size its own table and chart, in the order of --rows', () => {
    const text = reportMarkdown(
      { ...report, peers: [samplePeers(), samplePeers1e8()] },
      { 'peers-1e6': 'peers-1e6.svg', 'peers-1e8': 'peers-1e8.svg' },
    );
    const at1e6 = text.indexOf('### 1e6 rows: G1_1e6_1e2_0_0 (50.0 MB), a fresh process per question');
    const at1e8 = text.indexOf('### 1e8 rows: G1_1e8_1e2_0_0 (5000.0 MB), one process per engine');
    expect(at1e6).toBeGreaterThan(text.indexOf('## Peers: H2O groupby questions, 2 threads'));
    expect(at1e8).toBeGreaterThan(at1e6);
    expect(text.indexOf('![Volley vs peers per question, 1e6 rows](peers-1e6.svg)')).toBeGreaterThan(at1e6);
    expect(text.indexOf('![Volley vs peers per question, 1e8 rows](peers-1e8.svg)')).toBeGreaterThan(at1e8);
    expect(text.match(/^\| question \| volley cold \|/gm)).toHaveLength(2);
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
    for (const spec of [scalingChart(report.scaling!, 2), peersChart(report.peers[0]!), suitesChart(report.suites)]) {
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
    const peers = peersChart(report.peers[0]!) as { layer: { data: { values: { engine: string; question: string }[] } }[] };
    expect(peers.layer[1]?.data.values.map((v) => [v.engine, v.question])).toEqual([['arquero', 'q8']]);
  });

  it('are written beside the Markdown and the JSON', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'volley-report-'));
    try {
      const written = await writeReport(report, dir);
      expect(Object.keys(written.charts).sort()).toEqual(['peers', 'scaling', 'suites']);
      expect(JSON.parse(readFileSync(written.json, 'utf8'))).toEqual(report);
      expect(readFileSync(written.markdown, 'utf8')).toBe(written.text);
      expect(written.text).toContain('![Volley vs peers per question, 1e6 rows](peers.svg)');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('are one peers chart per size when there are several', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'volley-report-'));
    try {
      const written = await writeReport({ ...report, peers: [samplePeers(), samplePeers1e8()] }, dir);
      expect(Object.keys(written.charts).sort()).toEqual(['peers-1e6', 'peers-1e8', 'scaling', 'suites']);
      expect(svgProblems(readFileSync(written.charts['peers-1e8']!, 'utf8'))).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
