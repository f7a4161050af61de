/** Writes a benchmark run to a folder: report.json (the data), report.md (the tables) and one SVG per chart. */

import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TopLevelSpec } from 'vega-lite';
import { peersChart, renderSvg, scalingChart, suitesChart } from './charts.js';
import { JOIN_QUESTIONS } from '../peers/join-questions.js';
import { QUESTIONS } from '../peers/questions.js';
import { count } from './format.js';
import { peersChartKey, reportMarkdown } from './markdown.js';
import type { BenchReport } from './model.js';

/** The files one report consists of, as absolute paths. */
export interface WrittenReport {
  json: string;
  markdown: string;
  /** Chart name (`suites`, `scaling`, `peers` or `peers-1e6`... one per size, `joins`) → SVG path; only charts with data are drawn. */
  charts: Record<string, string>;
  /** The Markdown as written, for printing. */
  text: string;
}

function chartSpecs(report: BenchReport): Record<string, TopLevelSpec> {
  const specs: Record<string, TopLevelSpec> = {};
  if (report.suites.length > 0) specs.suites = suitesChart(report.suites);
  if (report.scaling !== null) specs.scaling = scalingChart(report.scaling, report.machine.cores);
  report.peers.forEach((run, i) => {
    if (run.results.length === 0) return;
    const title = `H2O groupby questions, ${count(run.dataset.rows)} rows: Volley vs peers (warm)`;
    specs[peersChartKey(report, i)] = peersChart(run, { questions: QUESTIONS, title });
  });
  if (report.join !== undefined && report.join !== null)
    specs.joins = peersChart(report.join, { questions: JOIN_QUESTIONS, title: 'H2O join questions: Volley (N threads and 1) vs peers' });
  return specs;
}

/**
 * Writes the report into `dir` (created when missing), overwriting a previous run's files.
 * The Markdown links the charts by file name, so the folder can be moved or committed whole.
 *
 * @example
 * const files = await writeReport(report, 'bench/results');
 * files.markdown; // '/path/to/volley/bench/results/report.md'
 */
export async function writeReport(report: BenchReport, dir: string): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true });
  const charts: Record<string, string> = {};
  const names: Record<string, string> = {};
  for (const [name, spec] of Object.entries(chartSpecs(report))) {
    const file = `${name}.svg`;
    charts[name] = join(dir, file);
    names[name] = file;
    await writeFile(charts[name], await renderSvg(spec));
  }
  const json = join(dir, 'report.json');
  const markdown = join(dir, 'report.md');
  await writeFile(json, `${JSON.stringify(report, null, 2)}\n`);
  const text = reportMarkdown(report, names);
  await writeFile(markdown, text);
  return { json, markdown, charts, text };
}
