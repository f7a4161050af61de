/** A runner's progress as JSON lines on stdout, so that a process killed part-way (out of memory, a timeout) still leaves what it measured. */

import type { PeakMethod } from './peak-memory.js';
import type { QuestionResult, RunnerOutput } from './protocol.js';

/** Printed once the table is loaded: who the engine is, and the load's figures. */
export interface LoadEvent {
  event: 'load';
  engine: string;
  version: string;
  threads: number;
  rows: number;
  load: RunnerOutput['load'];
  peakMethod: PeakMethod;
}

/** Printed after each question. */
export interface QuestionEvent {
  event: 'question';
  question: QuestionResult;
}

/**
 * The line a runner prints after its load; stdout to a pipe is written synchronously on Linux,
 * so the line survives a SIGKILL that comes after it.
 *
 * @example
 * process.stdout.write(eventLine({ event: 'question', question: result }));
 */
export function eventLine(event: LoadEvent | QuestionEvent): string {
  return `${JSON.stringify(event)}\n`;
}

function parseLine(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/**
 * Rebuilds what a runner that never printed its report had measured: the load, and every
 * question it finished. Undefined when it did not finish loading. The process's peak is the
 * highest peak seen in its lines (a lower bound: the peak of the stretch that killed it is lost).
 *
 * @example
 * recoverOutput(outcome.stdout)?.questions.map((q) => q.id); // ['q1', 'q2'] when q3 ran out of memory
 */
export function recoverOutput(stdout: string): RunnerOutput | undefined {
  let load: LoadEvent | undefined;
  const questions: QuestionResult[] = [];
  for (const line of stdout.split('\n')) {
    const value = parseLine(line) as { event?: unknown; question?: QuestionResult } | null | undefined;
    if (typeof value !== 'object' || value === null) continue;
    if (value.event === 'load') load = value as LoadEvent;
    else if (value.event === 'question' && value.question !== undefined) questions.push(value.question);
  }
  if (load === undefined) return undefined;
  const peaks = [load.load.peakRssBytes ?? 0, ...questions.map((q) => q.peakRssBytes ?? 0)];
  return {
    engine: load.engine,
    version: load.version,
    rows: load.rows,
    threads: load.threads,
    load: load.load,
    questions,
    peakRssBytes: Math.max(...peaks),
    peakMethod: load.peakMethod,
  };
}
