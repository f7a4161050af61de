/** The report's charts as Vega-Lite specs, rendered to SVG in Node (no DOM needed) with vega's headless view. */

import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { QUESTIONS } from '../peers/questions.js';
import type { PeerRun, ScalingResult, SuiteRow } from './model.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';
const QUESTION_ORDER = QUESTIONS.map((q) => q.id);

/**
 * Renders a Vega-Lite spec to an SVG string.
 *
 * @example
 * const svg = await renderSvg(scalingChart(report.scaling!, 2)); // '<svg xmlns=...'
 */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Speed-up over one thread against the thread count, one line per question, with the ideal
 * (linear up to the core count, flat beyond, where threads only share cores) dashed behind.
 *
 * @example
 * scalingChart(report.scaling!, report.machine.cores);
 */
export function scalingChart(scaling: ScalingResult, cores: number): TopLevelSpec {
  const points = scaling.questions.flatMap((q) => {
    const base = q.cells.find((c) => c.threads === 1)?.seconds ?? null;
    return q.cells.flatMap((c) =>
      base === null || c.seconds === null || !(c.seconds > 0) ? [] : [{ question: q.id, threads: c.threads, speedup: base / c.seconds }],
    );
  });
  const ideal = scaling.threads.map((t) => ({ threads: t, speedup: Math.min(t, cores) }));
  const x = {
    field: 'threads',
    type: 'quantitative',
    title: 'threads',
    scale: { type: 'log', base: 2 },
    axis: { values: scaling.threads, format: 'd' },
  } as const;
  return {
    $schema: SCHEMA,
    title: {
      text: 'Volley: speed-up over one thread, H2O groupby questions',
      subtitle: `${scaling.rows.toLocaleString('en-US')} rows, ${cores} cores`,
    },
    width: 480,
    height: 300,
    layer: [
      {
        data: { values: ideal },
        mark: { type: 'line', strokeDash: [4, 4], color: '#999' },
        encoding: { x, y: { field: 'speedup', type: 'quantitative' } },
      },
      {
        data: { values: points },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y: { field: 'speedup', type: 'quantitative', title: 'speed-up vs threads=1' },
          color: { field: 'question', type: 'nominal', sort: QUESTION_ORDER },
        },
      },
    ],
  };
}

/** Which questions a peers chart shows, and its title; the groupby questions by default. */
export interface PeersChartSubject {
  questions: readonly { readonly id: string }[];
  title: string;
}

const GROUPBY_SUBJECT: PeersChartSubject = { questions: QUESTIONS, title: 'H2O groupby questions: Volley vs peers' };

/**
 * Seconds per question for every engine on a log scale (lower is better). A question an engine
 * did not answer is drawn as an ✗ on the axis instead of a bar, so the gap stays visible. The
 * join questions use it too, with their own `subject`.
 *
 * @example
 * peersChart(report.peers!);
 * peersChart(report.join!, { questions: JOIN_QUESTIONS, title: 'H2O join questions' });
 */
export function peersChart(peers: Pick<PeerRun, 'threads' | 'results'>, subject: PeersChartSubject = GROUPBY_SUBJECT): TopLevelSpec {
  const order = subject.questions.map((q) => q.id);
  const rows = peers.results.flatMap((r) =>
    subject.questions.map((q) => {
      const a = r.output?.questions.find((x) => x.id === q.id);
      const seconds = a === undefined || a.error !== undefined ? null : a.seconds;
      return { engine: r.engine, question: q.id, seconds };
    }),
  );
  const answeredTimes = rows.flatMap((r) => (r.seconds !== null && r.seconds > 0 ? [r.seconds] : []));
  const floor = answeredTimes.length === 0 ? 1e-3 : Math.min(...answeredTimes) / 2;
  const answered = rows.filter((r) => r.seconds !== null && r.seconds > 0);
  const missing = rows.filter((r) => !(r.seconds !== null && r.seconds > 0)).map((r) => ({ ...r, seconds: floor }));
  // Engines keep the run's order (Volley first) in the legend and within each group of bars.
  const engines = peers.results.map((r) => r.engine);
  const x = { field: 'question', type: 'nominal', sort: order, title: null, axis: { labelAngle: 0 } } as const;
  const xOffset = { field: 'engine', type: 'nominal', sort: engines } as const;
  const color = { field: 'engine', type: 'nominal', title: 'engine', sort: engines } as const;
  // Unstacked, bars grow from the bottom of the log axis; stacked, they would start at zero,
  // which a log scale cannot show.
  const y = {
    field: 'seconds',
    type: 'quantitative',
    stack: null,
    scale: { type: 'log', domainMin: floor },
    title: 'seconds (log scale, lower is better)',
  } as const;
  return {
    $schema: SCHEMA,
    title: { text: subject.title, subtitle: `${peers.threads} threads; ✗ = not answered` },
    width: 640,
    height: 300,
    layer: [
      { data: { values: answered }, mark: 'bar', encoding: { x, xOffset, y, color } },
      {
        data: { values: missing },
        mark: { type: 'text', text: '✗', baseline: 'bottom', fontSize: 12 },
        encoding: { x, xOffset, y, color },
      },
    ],
  };
}

/**
 * Median milliseconds per operation for the naive loop, one thread and N threads, on a log scale.
 *
 * @example
 * suitesChart(report.suites);
 */
export function suitesChart(rows: readonly SuiteRow[]): TopLevelSpec {
  const values = rows.flatMap((r) =>
    (
      [
        ['naive loop', r.naiveMs],
        ['threads: 1', r.oneThreadMs],
        [`threads: ${r.threads}`, r.nThreadsMs],
      ] as const
    ).flatMap(([variant, time]) =>
      time === null || !(time > 0) ? [] : [{ operation: `${r.operation} @ ${r.rows.toLocaleString('en-US')}`, variant, ms: time }],
    ),
  );
  return {
    $schema: SCHEMA,
    title: 'Per-operation median times',
    width: 640,
    height: 300,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'operation', type: 'nominal', title: null, sort: null, axis: { labelAngle: -30 } },
      xOffset: { field: 'variant', type: 'nominal' },
      y: { field: 'ms', type: 'quantitative', stack: null, scale: { type: 'log' }, title: 'milliseconds (log scale, lower is better)' },
      color: { field: 'variant', type: 'nominal', title: null },
    },
  };
}
