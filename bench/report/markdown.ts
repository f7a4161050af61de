/** Renders a benchmark run as Markdown: the machine and command, then one section per part that ran. */

import { count, ms, ratio, seconds, table } from './format.js';
import { joinMarkdown } from './join-markdown.js';
import type { BenchReport, PeerRun, ScalingResult, SuiteRow } from './model.js';
import { peersMarkdown } from './peers-markdown.js';

export { peersMarkdown } from './peers-markdown.js';

/**
 * Per-operation table: median milliseconds of the naive loop, one thread and N threads, the
 * speed-up of N threads over one, and how the engine at N threads compares with the naive loop
 * (above 1x the engine is faster).
 *
 * @example
 * suitesMarkdown(report.suites); // '| operation | rows | naive loop (ms) | ...'
 */
export function suitesMarkdown(rows: readonly SuiteRow[]): string {
  const header = [
    'operation',
    'rows',
    'naive loop (ms)',
    'threads: 1 (ms)',
    'threads: N (ms)',
    'N',
    'speed-up N vs 1',
    'naive ÷ N threads',
  ];
  const body = rows.map((r) => [
    r.operation,
    count(r.rows),
    r.naiveMs === null && r.errors.length === 0 ? 'n/a' : ms(r.naiveMs),
    ms(r.oneThreadMs),
    ms(r.nThreadsMs),
    String(r.threads),
    ratio(r.oneThreadMs, r.nThreadsMs),
    ratio(r.naiveMs, r.nThreadsMs),
  ]);
  const queries = rows
    .filter((r, i) => rows.findIndex((x) => x.operation === r.operation) === i)
    .map((r) => `- ${r.operation}: \`${r.query}\``);
  const errors = rows.flatMap((r) => r.errors.map((e) => `- ${r.operation} (${count(r.rows)} rows) failed: ${e}`));
  return [table(header, body), '', 'Medians of the timed runs. Queries:', ...queries, ...(errors.length > 0 ? ['', ...errors] : [])].join(
    '\n',
  );
}

/**
 * Scaling table: median seconds per question at each thread count, then each count's speed-up
 * over one thread; below it the longest event-loop stall per count and any answer that changed
 * with the thread count.
 *
 * @example
 * scalingMarkdown(report.scaling!); // '| question | threads=1 (s) | threads=2 (s) | ...'
 */
export function scalingMarkdown(scaling: ScalingResult): string {
  const others = scaling.threads.filter((t) => t !== 1);
  const header = ['question', ...scaling.threads.map((t) => `threads=${t} (s)`), ...others.map((t) => `speed-up ${t}`)];
  const body = scaling.questions.map((q) => {
    const at = (t: number): number | null => q.cells.find((c) => c.threads === t)?.seconds ?? null;
    const failed = (t: number): boolean => q.cells.find((c) => c.threads === t)?.error !== undefined;
    return [
      `${q.id} ${q.title}`,
      ...scaling.threads.map((t) => (failed(t) ? 'error' : seconds(at(t)))),
      ...others.map((t) => ratio(at(1), at(t))),
    ];
  });
  const loop = table(
    ['threads', 'longest event-loop delay (ms)'],
    scaling.eventLoop.map((e) => [String(e.threads), ms(e.maxMs)]),
  );
  const failures = scaling.questions.flatMap((q) =>
    q.cells.filter((c) => c.error !== undefined).map((c) => `- ${q.id} threads=${c.threads}: ${c.error}`),
  );
  const determinism =
    scaling.determinism.length === 0
      ? 'Answers were identical at every thread count.'
      : ['Answers that changed with the thread count (they must not):', ...scaling.determinism.map((d) => `- ${d}`)].join('\n');
  return [
    table(header, body),
    '',
    `Load: ${seconds(scaling.loadSeconds)} s for ${count(scaling.rows)} rows. ${determinism}`,
    ...(failures.length > 0 ? ['', ...failures] : []),
    '',
    'With one thread the query runs on the main thread, which stalls the event loop for its whole duration; with more, the main thread only schedules and merges.',
    '',
    loop,
  ].join('\n');
}

/**
 * The chart file key of the peer run at `index`: `peers` when the report has one size,
 * `peers-1e7` and so on when it has several.
 *
 * @example
 * peersChartKey(report, 0); // 'peers'
 */
export function peersChartKey(report: BenchReport, index: number): string {
  const run = report.peers[index];
  if (report.peers.length <= 1 || run === undefined) return 'peers';
  return `peers-${count(run.dataset.rows).replaceAll(',', '')}`;
}

/** The subsection heading of one size's peer run. */
function sizeHeading(run: PeerRun): string {
  const mode = run.cold === 'process' ? 'a fresh process per question' : 'one process per engine';
  return `### ${count(run.dataset.rows)} rows: ${run.dataset.name} (${(run.dataset.bytes / 1e6).toFixed(1)} MB), ${mode}`;
}

/**
 * The whole report: header (date, machine, command, data), then the sections that ran, with the
 * charts referenced by file name so the Markdown and the SVGs can sit in one folder.
 *
 * @example
 * writeFileSync('report.md', reportMarkdown(report, { scaling: 'scaling.svg' }));
 */
export function reportMarkdown(report: BenchReport, charts: Readonly<Record<string, string>> = {}): string {
  const m = report.machine;
  const join = report.join ?? null;
  const groupbyRan = report.suites.length > 0 || report.scaling !== null || report.peers.length > 0;
  const lines = [
    '# Volley benchmark',
    '',
    `- date: ${report.date}`,
    `- machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.platform}, Node ${m.node}, load average ${m.loadAverage} at start`,
    `- command: \`${report.command}\``,
    ...(groupbyRan || join === null
      ? [`- data: ${report.dataset.name} (${count(report.dataset.rows)} rows, ${(report.dataset.bytes / 1e6).toFixed(1)} MB)`]
      : []),
    ...(join === null ? [] : [`- join data: ${join.files.x.name} (${count(join.rows)} rows) and its small, medium and big right tables`]),
    `- timed runs per measurement: ${report.runs}${report.quick ? ' (quick mode: figures are for checking the pipeline, not for reading)' : ''}`,
  ];
  const chart = (key: string, alt: string): string[] => (charts[key] === undefined ? [] : ['', `![${alt}](${charts[key]})`]);
  if (report.suites.length > 0) {
    lines.push('', '## Per-operation suites', '', suitesMarkdown(report.suites), ...chart('suites', 'per-operation times'));
  }
  if (report.scaling !== null) {
    lines.push(
      '',
      '## Scaling: H2O groupby questions by thread count',
      '',
      scalingMarkdown(report.scaling),
      ...chart('scaling', 'speed-up vs threads'),
    );
  }
  if (report.peers.length > 0) {
    const threads = [...new Set(report.peers.map((p) => p.threads))].join(', ');
    lines.push('', `## Peers: H2O groupby questions, ${threads} threads, each engine in processes of its own`);
    report.peers.forEach((run, i) => {
      lines.push(
        '',
        sizeHeading(run),
        '',
        peersMarkdown(run),
        ...chart(peersChartKey(report, i), `Volley vs peers per question, ${count(run.dataset.rows)} rows`),
      );
    });
  }
  if (join !== null) {
    lines.push(
      '',
      `## Joins: H2O join questions, ${join.threads} threads and 1, each engine in its own process`,
      '',
      joinMarkdown(join),
      ...chart('joins', 'Volley vs peers per join question'),
    );
  }
  if (report.notes.length > 0) lines.push('', '## Notes', '', ...report.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
