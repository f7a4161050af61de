/** Cross-engine answer checking: compares each engine's row counts and column sums with a reference engine's. */

import type { QuestionResult, RunnerOutput } from './protocol.js';
import type { QuestionId } from './questions.js';

/** Outcome of one engine's run as the orchestrator saw it: its report, or why there is none. */
export interface PeerResult {
  engine: string;
  /** Present when the runner exited cleanly and printed protocol JSON. */
  output?: RunnerOutput;
  /** Why the runner produced no report: spawn failure, crash, timeout, or unreadable output. */
  error?: string;
  wallSeconds: number;
}

/**
 * `agree`: same rows and sums; `mismatch`: see details; `error`: this engine failed the question;
 * `no-reference`: the reference failed it, so there is nothing to compare; `reference`: this is the reference.
 */
export type Verdict = 'agree' | 'mismatch' | 'error' | 'no-reference' | 'reference';

/** One engine's verdict on one question, with the exact differences when they disagree. */
export interface QuestionVerdict {
  id: QuestionId;
  verdict: Verdict;
  details: string[];
}

/** All verdicts for one engine; `error` is set when the whole engine run failed. */
export interface EngineVerdict {
  engine: string;
  error?: string;
  questions: QuestionVerdict[];
}

/** Relative tolerance for non-integer sums, which differ between engines only in summation order. */
export const FLOAT_TOLERANCE = 1e-6;

/** Whether two column sums agree: exactly for safe integers (larger doubles are all integers), within a relative tolerance otherwise. */
export function sumsAgree(expected: number, actual: number, tolerance = FLOAT_TOLERANCE): boolean {
  if (Number.isSafeInteger(expected) && Number.isSafeInteger(actual)) return expected === actual;
  const scale = Math.max(Math.abs(expected), Math.abs(actual), Number.MIN_VALUE);
  return Math.abs(expected - actual) / scale <= tolerance;
}

function compare(reference: QuestionResult, actual: QuestionResult, tolerance: number): string[] {
  const details: string[] = [];
  if (reference.rows !== actual.rows) details.push(`rows: expected ${reference.rows}, got ${actual.rows}`);
  const columns = new Set([...Object.keys(reference.sums), ...Object.keys(actual.sums)]);
  for (const column of columns) {
    const expected = reference.sums[column];
    const got = actual.sums[column];
    if (expected === undefined) details.push(`sum(${column}): not numeric in the reference, got ${got}`);
    else if (got === undefined) details.push(`sum(${column}): expected ${expected}, column missing or not numeric`);
    else if (!sumsAgree(expected, got, tolerance)) details.push(`sum(${column}): expected ${expected}, got ${got}`);
  }
  return details;
}

function verdictFor(ref: QuestionResult | undefined, actual: QuestionResult, tolerance: number): QuestionVerdict {
  if (actual.error !== undefined) return { id: actual.id, verdict: 'error', details: [actual.error] };
  if (ref === undefined || ref.error !== undefined) {
    return { id: actual.id, verdict: 'no-reference', details: ref?.error === undefined ? [] : [ref.error] };
  }
  const details = compare(ref, actual, tolerance);
  return { id: actual.id, verdict: details.length === 0 ? 'agree' : 'mismatch', details };
}

/**
 * Compares every engine's answers with the reference engine's. Row counts must match exactly;
 * sums within `tolerance`. Engine-level failures are reported, never thrown.
 */
export function checkAnswers(results: readonly PeerResult[], reference = 'duckdb', tolerance = FLOAT_TOLERANCE): EngineVerdict[] {
  const ref = results.find((r) => r.engine === reference)?.output;
  const refById = new Map(ref?.questions.map((q) => [q.id, q]));
  return results.map((result) => {
    if (result.output === undefined) return { engine: result.engine, error: result.error ?? 'no output', questions: [] };
    const questions = result.output.questions.map((q): QuestionVerdict => {
      if (result.engine === reference) {
        return q.error === undefined ? { id: q.id, verdict: 'reference', details: [] } : { id: q.id, verdict: 'error', details: [q.error] };
      }
      return verdictFor(refById.get(q.id), q, tolerance);
    });
    return { engine: result.engine, questions };
  });
}
