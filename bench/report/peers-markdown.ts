/** Renders one size's peer comparison as Markdown: per question each engine's cold and warm time and peak RSS, Volley ÷ DuckDB, the load and the process peaks, and every failure by name. */

import type { PeerResult } from '../peers/check.js';
import { failureLabel } from '../peers/child.js';
import { FILE_ENGINES } from '../peers/run.js';
import type { QuestionResult } from '../peers/protocol.js';
import { QUESTIONS } from '../peers/questions.js';
import { count, ratio, seconds, table } from './format.js';
import type { PeerRun } from './model.js';

/** The engine every ratio is taken against. */
const REFERENCE = 'duckdb';

const mib = (bytes: number | null | undefined): string => (bytes === null || bytes === undefined ? '-' : (bytes / 2 ** 20).toFixed(0));

function answer(result: PeerResult | undefined, id: string): QuestionResult | undefined {
  return result?.output?.questions.find((q) => q.id === id);
}

/** A question's cold (first run) or warm (median) time, or null when it failed. */
function time(result: PeerResult | undefined, id: string, pick: 'firstSeconds' | 'seconds'): number | null {
  const q = answer(result, id);
  return q === undefined || q.error !== undefined ? null : q[pick];
}

function verdictOf(run: PeerRun, engine: string, id: string): string | undefined {
  return run.verdicts.find((v) => v.engine === engine)?.questions.find((q) => q.id === id)?.verdict;
}

/** The three cells of one engine on one question: cold, warm, MiB; a failure's name in place of the times. */
function engineCells(run: PeerRun, result: PeerResult, id: string): string[] {
  if (result.output === undefined) {
    const label = failureLabel(result.error ?? 'no output');
    return [label, label, ''];
  }
  const q = answer(result, id);
  if (q === undefined) return ['-', '-', '-'];
  if (q.error !== undefined) return [failureLabel(q.error), failureLabel(q.error), mib(q.peakRssBytes)];
  const mark = verdictOf(run, result.engine, id) === 'mismatch' ? ' !' : '';
  return [`${seconds(q.firstSeconds)}${mark}`, `${seconds(q.seconds)}${mark}`, mib(q.peakRssBytes)];
}

/** Where Volley (`volley`, or one of its file engines) is slower than `peer`, warm and cold, as `q1 2.00x` lists. */
function behind(volley: PeerResult, peer: PeerResult): string {
  const slower = (pick: 'firstSeconds' | 'seconds'): string => {
    const list = QUESTIONS.flatMap((q) => {
      const mine = time(volley, q.id, pick);
      const theirs = time(peer, q.id, pick);
      return mine !== null && theirs !== null && mine > theirs ? [`${q.id} ${ratio(mine, theirs)}`] : [];
    });
    return list.length === 0 ? 'no question' : list.join(', ');
  };
  const who = volley.engine === 'volley' ? '' : `${volley.engine} `;
  return `- ${who}behind ${peer.engine} warm on ${slower('seconds')}; cold on ${slower('firstSeconds')}`;
}

/** How the cold figure was taken, and how the load row reads, in this run's mode. */
function coldText(run: PeerRun): string {
  if (run.cold === 'process')
    return (
      'Cold: the question’s first run in a fresh process of its own (start, load, then this question), as a user meets it; ' +
      'warm: the median of the timed runs after it, in that process. Load: the median of the load in each of those processes.'
    );
  return (
    `Cold: each question’s first run in one process per engine, after the load and after the questions before it (at ${count(run.dataset.rows)} rows ` +
    'a fresh process per question would reload the table ten times per engine), so the questions before it may have warmed it; ' +
    'warm: the median of the timed runs after it.'
  );
}

/** How the MiB columns were measured, from the methods the runners reported. */
function memoryText(run: PeerRun): string {
  const methods = new Set(run.results.flatMap((r) => (r.output?.peakMethod === undefined ? [] : [r.output.peakMethod])));
  const parts: string[] = [];
  if (methods.has('vmhwm'))
    parts.push(
      'MiB: peak RSS while the question ran (its cold and warm runs), read from VmHWM after resetting it by writing 5 to /proc/self/clear_refs; it includes the loaded table.',
    );
  if (methods.has('maxrss'))
    parts.push(
      `MiB${methods.size > 1 ? ' (where /proc/self/clear_refs was not writable)' : ''}: the process’s peak RSS so far (getrusage maxRSS, /proc/self/clear_refs not writable), so within one process it never falls from one question to the next.`,
    );
  if (parts.length === 0) parts.push('MiB: not measured per question by these runners.');
  return `${parts.join(' ')} Peak RSS row: the whole process’s peak${run.cold === 'process' ? ', the largest of its processes' : ''}.`;
}

/** Every failure and disagreement, one line each, or one line saying there were none. */
function problems(run: PeerRun): string[] {
  const lines: string[] = [];
  // The message starts with what the cells show (`out of memory`, `killed by SIGKILL`, ...).
  for (const r of run.results) if (r.error !== undefined) lines.push(`- ${r.engine}: ${r.error}`);
  for (const v of run.verdicts) {
    for (const q of v.questions) {
      if (q.verdict === 'mismatch' || q.verdict === 'error' || q.verdict === 'no-reference')
        lines.push(`- ${v.engine} ${q.id} ${q.verdict}${q.details.length > 0 ? `: ${q.details.join('; ')}` : ''}`);
    }
  }
  return lines.length === 0 ? ["All answers agree with DuckDB's (row count and the sum of every numeric column)."] : lines;
}

/**
 * One size's peer table: a row per question with each engine's cold time, warm time and peak
 * RSS (MiB), then Volley's time ÷ DuckDB's, cold and warm (above 1x Volley is slower); a load row
 * (seconds in the cold column, the load's peak in MiB) and a peak-RSS row (each process's peak).
 * A question an engine could not answer shows why (`out of memory`, `killed by SIGKILL`, `timed
 * out`, `not run`, `error`), and the notes under the table give the whole message.
 *
 * @example
 * peersMarkdown(report.peers[0]!); // 'Engines: volley 0.1.0 (2 threads), ...\n\n| question | volley cold | ...'
 */
export function peersMarkdown(run: PeerRun): string {
  if (run.error !== undefined) return `No figures: ${run.error}`;
  const loaded = run.results.filter((r) => !FILE_ENGINES.includes(r.engine));
  const onFile = run.results.filter((r) => FILE_ENGINES.includes(r.engine));
  const volley = loaded.find((r) => r.engine === 'volley');
  const reference = loaded.find((r) => r.engine === REFERENCE);
  const ratios = volley !== undefined && reference !== undefined && volley !== reference;
  const header = [
    'question',
    ...loaded.flatMap((r) => [`${r.engine} cold`, `${r.engine} warm`, `${r.engine} MiB`]),
    ...(ratios ? [`volley ÷ ${REFERENCE} cold`, `volley ÷ ${REFERENCE} warm`] : []),
  ];
  const rows = QUESTIONS.map((q) => [
    q.id,
    ...loaded.flatMap((r) => engineCells(run, r, q.id)),
    ...(ratios
      ? [
          ratio(time(volley, q.id, 'firstSeconds'), time(reference, q.id, 'firstSeconds')),
          ratio(time(volley, q.id, 'seconds'), time(reference, q.id, 'seconds')),
        ]
      : []),
  ]);
  const load = (r: PeerResult | undefined): number | null => r?.output?.load.seconds ?? null;
  rows.push([
    'load (s)',
    ...loaded.flatMap((r) =>
      r.output === undefined ? [failed(r), failed(r), ''] : [seconds(load(r)), '', mib(r.output.load.peakRssBytes)],
    ),
    ...(ratios ? [ratio(load(volley), load(reference)), ''] : []),
  ]);
  rows.push(peakRow(loaded, ratios ? [ratio(peak(volley), peak(reference)), ''] : []));
  const engines = run.results.map((r) =>
    r.output === undefined
      ? `${r.engine} (failed)`
      : `${r.engine} ${r.output.version} (${r.output.threads} thread${r.output.threads === 1 ? '' : 's'})`,
  );
  const others = loaded.filter((r) => r.engine !== 'volley' && r.output !== undefined);
  return [
    `Engines: ${engines.join(', ')}.`,
    '',
    table(header, rows),
    '',
    `Seconds. ${coldText(run)} ${memoryText(run)} volley ÷ ${REFERENCE}: above 1x Volley is slower (the load and peak-RSS rows give their ratio in the cold column). \`!\` marks an answer that disagrees with DuckDB's.`,
    ...(volley?.output === undefined || others.length === 0 ? [] : ['', ...others.map((o) => behind(volley, o))]),
    ...(onFile.length === 0 ? [] : ['', ...fileMarkdown(run, onFile)]),
    '',
    ...problems(run),
  ].join('\n');
}

const peak = (r: PeerResult | undefined): number | null => r?.output?.peakRssBytes ?? null;
const failed = (r: PeerResult): string => failureLabel(r.error ?? 'no output');

/** The peak-RSS row of a table over `results`: each process's peak, then `tail` (its ratio cells). */
function peakRow(results: readonly PeerResult[], tail: readonly string[]): string[] {
  return ['peak RSS (MiB)', ...results.flatMap((r) => (r.output === undefined ? ['', '', failed(r)] : ['', '', mib(peak(r))])), ...tail];
}

/** Cold-time ratios of the file engines: each of Volley's two against DuckDB's, and streaming against not. */
const FILE_RATIOS: readonly (readonly [string, string])[] = [
  ['volley-scan', 'duckdb-file'],
  ['volley-stream', 'duckdb-file'],
  ['volley-stream', 'volley-scan'],
];

/**
 * The queries straight on the file: each engine's cold and warm time and peak RSS per question,
 * where nothing was loaded before the question (its time includes reading the file), and the
 * cold ratios of FILE_RATIOS among the engines that ran.
 */
function fileMarkdown(run: PeerRun, results: readonly PeerResult[]): string[] {
  const by = (name: string): PeerResult | undefined => results.find((r) => r.engine === name);
  const pairs = FILE_RATIOS.filter(([a, b]) => by(a) !== undefined && by(b) !== undefined);
  const header = [
    'question on the file',
    ...results.flatMap((r) => [`${r.engine} cold`, `${r.engine} warm`, `${r.engine} MiB`]),
    ...pairs.map(([a, b]) => `${a} ÷ ${b} cold`),
  ];
  const rows = QUESTIONS.map((q) => [
    q.id,
    ...results.flatMap((r) => engineCells(run, r, q.id)),
    ...pairs.map(([a, b]) => ratio(time(by(a), q.id, 'firstSeconds'), time(by(b), q.id, 'firstSeconds'))),
  ]);
  rows.push(
    peakRow(
      results,
      pairs.map(([a, b]) => ratio(peak(by(a)), peak(by(b)))),
    ),
  );
  const stream = by('volley-stream');
  const peers = results.filter((r) => !r.engine.startsWith('volley') && r.output !== undefined);
  return [
    table(header, rows),
    '',
    'Each question straight on the CSV file: no table is loaded first, so its time includes reading the file (only the columns it needs, ' +
      'where the engine can). volley-scan: `scanCsv(path)` then the question, `collect()`; volley-stream: the same with `collect({ streaming: true })`; ' +
      'duckdb-file: the SQL over a view of `read_csv(path)`; polars-file: the lazy query over `pl.scanCSV(path)`. Cold and MiB as above; a ratio above 1x means the first engine is slower.',
    ...(stream?.output === undefined || peers.length === 0 ? [] : ['', ...peers.map((o) => behind(stream, o))]),
  ];
}
