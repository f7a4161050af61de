/** Renders the join task as Markdown: each engine's cold and warm time per question, Volley's threads 1 ÷ N ratio, the loads of the four tables and peak memory. */

import { JOIN_TABLES } from '../../datasets/h2o-join.js';
import type { EngineVerdict, PeerResult } from '../peers/check.js';
import { VOLLEY_ONE_THREAD } from '../peers/join-run.js';
import { JOIN_QUESTIONS } from '../peers/join-questions.js';
import type { JoinRunnerOutput } from '../peers/join-runner.js';
import type { QuestionResult } from '../peers/protocol.js';
import { count, ratio, seconds, table } from './format.js';
import type { JoinRun } from './model.js';

function answer(result: PeerResult | undefined, id: string): QuestionResult | undefined {
  return result?.output?.questions.find((q) => q.id === id);
}

/** A question's warm median, or null when it failed. */
function warm(result: PeerResult | undefined, id: string): number | null {
  const q = answer(result, id);
  return q === undefined || q.error !== undefined ? null : q.seconds;
}

function verdictOf(verdicts: readonly EngineVerdict[], engine: string, id: string): string | undefined {
  return verdicts.find((v) => v.engine === engine)?.questions.find((q) => q.id === id)?.verdict;
}

/**
 * The per-question table: for each run, the first run of the question in that fresh process
 * (cold) and the median of the timed runs after it (warm); then Volley's one-thread time ÷ its
 * N-thread time (above 1x, N threads are faster), and Volley's N-thread time ÷ each peer's
 * (above 1x, Volley is slower). Rows below the questions: the load of the four tables and the
 * peak RSS of each process.
 */
function questionTable(run: JoinRun): string {
  const ok = run.results.filter((r) => r.output !== undefined);
  const volley = ok.find((r) => r.engine === 'volley');
  const single = ok.find((r) => r.engine === VOLLEY_ONE_THREAD);
  const peers = ok.filter((r) => r.engine !== 'volley' && r.engine !== VOLLEY_ONE_THREAD);
  const header = [
    'question',
    ...ok.flatMap((r) => [`${r.engine} cold`, `${r.engine} warm`]),
    ...(volley !== undefined && single !== undefined ? [`volley threads 1 ÷ ${run.threads}`] : []),
    ...(volley === undefined ? [] : peers.map((p) => `volley ÷ ${p.engine}`)),
  ];
  const cell = (r: PeerResult, id: string, pick: 'firstSeconds' | 'seconds'): string => {
    const q = answer(r, id);
    if (q === undefined) return '-';
    if (q.error !== undefined) return 'error';
    return `${seconds(q[pick])}${verdictOf(run.verdicts, r.engine, id) === 'mismatch' ? ' !' : ''}`;
  };
  // the same ratios for every row: Volley's one thread over N, then Volley over each peer
  const ratios = (value: (r: PeerResult | undefined) => number | null): string[] => [
    ...(volley !== undefined && single !== undefined ? [ratio(value(single), value(volley))] : []),
    ...(volley === undefined ? [] : peers.map((p) => ratio(value(volley), value(p)))),
  ];
  const rows = JOIN_QUESTIONS.map((q) => [
    `${q.id} ${q.title}`,
    ...ok.flatMap((r) => [cell(r, q.id, 'firstSeconds'), cell(r, q.id, 'seconds')]),
    ...ratios((r) => warm(r, q.id)),
  ]);
  const load = (r: PeerResult | undefined): number | null => r?.output?.load.seconds ?? null;
  rows.push(['load of the 4 tables', ...ok.flatMap((r) => ['', seconds(load(r))]), ...ratios(load)]);
  const rss = (r: PeerResult | undefined): number | null => (r?.output === undefined ? null : r.output.peakRssBytes / 2 ** 20);
  rows.push(['peak RSS (MiB)', ...ok.flatMap((r) => ['', (rss(r) ?? 0).toFixed(0)]), ...ratios(rss)]);
  return table(header, rows);
}

/** Each run's load of each table, apart from the questions. */
function loadTable(run: JoinRun): string {
  const header = ['engine', 'version', 'threads', ...JOIN_TABLES.map((t) => `load ${t} (s)`), 'total (s)', 'peak RSS (MiB)'];
  const rows = run.results.map((r) => {
    const out = r.output as JoinRunnerOutput | undefined;
    if (out === undefined) return [r.engine, '', '', ...JOIN_TABLES.map(() => ''), 'failed', ''];
    return [
      r.engine,
      out.version,
      String(out.threads),
      ...JOIN_TABLES.map((t) => seconds(out.tables?.[t]?.seconds)),
      seconds(out.load.seconds),
      (out.peakRssBytes / 2 ** 20).toFixed(0),
    ];
  });
  return table(header, rows);
}

/** One line per answer's shape (from the reference), then every problem: failed runs, errors, mismatches. */
function checks(run: JoinRun): string[] {
  const reference = run.results.find((r) => r.engine === 'duckdb');
  const shapes = JOIN_QUESTIONS.map((q) => {
    const a = answer(reference, q.id);
    return `${q.id} ${a?.rows === null || a?.rows === undefined ? '?' : count(a.rows)} rows`;
  });
  const problems: string[] = [];
  for (const r of run.results) if (r.output === undefined) problems.push(`- ${r.engine}: ${r.error ?? 'no output'}`);
  for (const v of run.verdicts) {
    for (const q of v.questions) {
      if (q.verdict === 'mismatch' || q.verdict === 'error' || q.verdict === 'no-reference')
        problems.push(`- ${v.engine} ${q.id} ${q.verdict}${q.details.length > 0 ? `: ${q.details.join('; ')}` : ''}`);
    }
  }
  const agree =
    problems.length === 0
      ? "Every answer agrees with DuckDB's: row count and the sum of every numeric column (v1, v2 and the integer keys)."
      : 'Answers checked against DuckDB (row count, sums of the numeric columns); problems:';
  return [`Answers (DuckDB's): ${shapes.join(', ')}. ${agree}`, ...problems];
}

/**
 * The join section: the data, the per-question table (cold, warm, threads ratio, Volley ÷ each
 * peer, load and peak RSS), each table's load, and the answer checks.
 *
 * @example
 * joinMarkdown(report.join!); // '| question | volley (2 threads) cold | ...'
 */
export function joinMarkdown(run: JoinRun): string {
  const files = JOIN_TABLES.map((t) => `${t} ${run.files[t].name} (${(run.files[t].bytes / 1e6).toFixed(1)} MB)`);
  return [
    `Data: ${files.join(', ')}; ${count(run.rows)} rows in x.`,
    '',
    questionTable(run),
    '',
    'Seconds. Cold: the first run of the question in a fresh process (after the load); warm: the median of the timed runs after it. ' +
      `Volley threads 1 ÷ ${run.threads}: its one-thread warm time over its ${run.threads}-thread one (above 1x, more threads are faster); ` +
      'volley ÷ peer: above 1x, Volley is slower. `!` marks an answer that disagrees with DuckDB.',
    '',
    loadTable(run),
    '',
    ...checks(run),
  ].join('\n');
}
