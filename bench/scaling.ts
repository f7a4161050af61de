/** The scaling run: every H2O question at threads 1, 2, 4, ... up to the core count and one step beyond, in one process. */

import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { DataFrame } from '../src/index.js';
import { VOLLEY_QUESTIONS } from './h2o/questions.js';
import { summarizeFrame } from './h2o/summary.js';
import { median, type AnswerSummary } from './peers/runner.js';
import { QUESTIONS, type QuestionId } from './peers/questions.js';
import type { Progress } from './progress.js';
import type { EventLoopDelay, ScalingCell, ScalingQuestion, ScalingResult } from './report/model.js';

/** What the scaling run needs: a loaded H2O table and the thread counts to try. */
export interface ScalingOptions {
  df: DataFrame;
  threads: readonly number[];
  /** Timed runs per question and thread count; the median is reported. */
  runs: number;
  /** Seconds the table took to load, carried into the report. */
  loadSeconds: number;
  /** Seconds one query may run; past it the query is aborted and the cell records the failure. */
  timeoutSeconds: number;
  progress: Progress;
  /** A subset of the questions; all ten by default. */
  questions?: readonly QuestionId[];
}

function sameAnswer(a: AnswerSummary, b: AnswerSummary): boolean {
  const keys = Object.keys(a.sums);
  return (
    a.rows === b.rows &&
    keys.length === Object.keys(b.sums).length &&
    keys.every((k) => b.sums[k] !== undefined && Object.is(a.sums[k], b.sums[k]))
  );
}

/**
 * Runs each question `runs` times at each thread count. Thread counts form the outer loop so
 * that the pool is resized once per count, not once per question. The longest event-loop stall
 * per count is recorded: at one thread the queries run on the main thread and stall it by
 * design, above one the main thread should stay free. Answers are compared across counts,
 * where they must be identical to the last bit.
 *
 * @example
 * const result = await runScaling({ df, threads: [1, 2, 4], runs: 3, loadSeconds: 1.2, timeoutSeconds: 300, progress: SILENT_PROGRESS });
 * result.questions[0]?.cells.map((c) => c.seconds); // [0.061, 0.033, 0.034]
 */
export async function runScaling(options: ScalingOptions): Promise<ScalingResult> {
  const { df, threads, runs, progress } = options;
  const wanted = options.questions ?? QUESTIONS.map((q) => q.id);
  const questions: ScalingQuestion[] = QUESTIONS.filter((q) => wanted.includes(q.id)).map((q) => ({ id: q.id, title: q.title, cells: [] }));
  const answers = new Map<QuestionId, { threads: number; summary: AnswerSummary }>();
  const determinism: string[] = [];
  const eventLoop: EventLoopDelay[] = [];
  progress.begin('scaling', threads.length * questions.length);
  for (const t of threads) {
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    for (const question of questions) {
      progress.step(`${question.id} threads=${t}`);
      const cell: ScalingCell = { threads: t, seconds: null, firstSeconds: null, times: [] };
      try {
        // one untimed run first, as the peer runs do: a thread count's first run compiles its code
        for (let run = -1; run < runs; run++) {
          const start = performance.now();
          const signal = AbortSignal.timeout(options.timeoutSeconds * 1000);
          const answer = await VOLLEY_QUESTIONS[question.id](df)
            .collect({ threads: t, signal })
            .catch((err: unknown) => {
              throw signal.aborted ? new Error(`timed out after ${options.timeoutSeconds} s`, { cause: err }) : err;
            });
          const seconds = (performance.now() - start) / 1000;
          if (run < 0) cell.firstSeconds = seconds;
          else cell.times.push(seconds);
          // Let the loop reach its timers phase: a query that never yields to the loop would
          // otherwise leave the delay monitor no chance to record the stall it caused.
          await new Promise((resolve) => setTimeout(resolve, 1));
          if (run !== 0) continue;
          const summary = summarizeFrame(answer);
          const first = answers.get(question.id);
          if (first === undefined) answers.set(question.id, { threads: t, summary });
          else if (!sameAnswer(first.summary, summary)) {
            determinism.push(
              `${question.id}: threads=${t} gave ${JSON.stringify(summary)}, threads=${first.threads} gave ${JSON.stringify(first.summary)}`,
            );
          }
        }
        cell.seconds = median(cell.times);
      } catch (err) {
        cell.error = err instanceof Error ? err.message : String(err);
        progress.log(`${question.id} threads=${t} failed: ${cell.error}`);
      }
      question.cells.push(cell);
    }
    delay.disable();
    eventLoop.push({ threads: t, maxMs: delay.max / 1e6 });
  }
  progress.end();
  return { rows: df.height, threads: [...threads], loadSeconds: options.loadSeconds, questions, eventLoop, determinism };
}
