/** Tests for the peer benchmark: runners answer every question, the orchestrator records failures, and answers agree. */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkAnswers, sumsAgree, type PeerResult } from '../../bench/peers/check.js';
import type { QuestionResult, RunnerOutput } from '../../bench/peers/protocol.js';
import { QUESTIONS } from '../../bench/peers/questions.js';
import { failureLabel } from '../../bench/peers/child.js';
import { resetPeak } from '../../bench/peers/peak-memory.js';
import { defaultScriptDir, runPeers } from '../../bench/peers/run.js';
import { median } from '../../bench/peers/runner.js';
import { peersMarkdown } from '../../bench/report/peers-markdown.js';

/** A small seeded CSV in the H2O groupby layout: K groups for id1/id2/id4/id5, rows/K for id3/id6. */
function h2oCsv(rows: number, k: number, seed: number): string {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const pick = (n: number): number => 1 + Math.floor(next() * n);
  const small = (n: number): string => `id${String(pick(n)).padStart(3, '0')}`;
  const nk = Math.max(1, Math.floor(rows / k));
  const lines = ['id1,id2,id3,id4,id5,id6,v1,v2,v3'];
  for (let i = 0; i < rows; i++) {
    const id3 = `id${String(pick(nk)).padStart(10, '0')}`;
    const v3 = (next() * 100).toFixed(6);
    lines.push(`${small(k)},${small(k)},${id3},${pick(k)},${pick(k)},${pick(nk)},${pick(5)},${pick(15)},${v3}`);
  }
  return `${lines.join('\n')}\n`;
}

function question(id: QuestionResult['id'], rows: number, sums: Record<string, number>, error?: string): QuestionResult {
  const base = { id, seconds: 0.1, firstSeconds: 0.1, times: [0.1], rows, sums };
  return error === undefined ? base : { ...base, error };
}

function result(engine: string, questions: QuestionResult[]): PeerResult {
  const output: RunnerOutput = { engine, version: '0', rows: 10, threads: 1, load: { seconds: 0 }, questions, peakRssBytes: 1 };
  return { engine, output, wallSeconds: 0 };
}

describe('checkAnswers', () => {
  const reference = result('duckdb', [
    question('q1', 10, { v1: 100 }),
    question('q3', 20, { v1: 100, v3: 1234.5678 }),
    question('q9', 5, { r2: 0.5 }),
  ]);

  it('agrees within the float tolerance and reports exact differences otherwise', () => {
    const other = result('x', [
      question('q1', 10, { v1: 101 }),
      question('q3', 20, { v1: 100, v3: 1234.5678 * (1 + 1e-9) }),
      question('q9', 4, {}),
    ]);
    const [, verdict] = checkAnswers([reference, other]);
    expect(verdict?.questions).toEqual([
      { id: 'q1', verdict: 'mismatch', details: ['sum(v1): expected 100, got 101'] },
      { id: 'q3', verdict: 'agree', details: [] },
      { id: 'q9', verdict: 'mismatch', details: ['rows: expected 5, got 4', 'sum(r2): expected 0.5, column missing or not numeric'] },
    ]);
  });

  it('keeps engine failures and question errors as verdicts rather than throwing', () => {
    const crashed: PeerResult = { engine: 'y', error: 'exited with SIGKILL', wallSeconds: 1 };
    const partial = result('z', [question('q1', 0, {}, 'z does not support q1')]);
    const verdicts = checkAnswers([reference, crashed, partial]);
    expect(verdicts[0]?.questions.every((q) => q.verdict === 'reference')).toBe(true);
    expect(verdicts[1]).toEqual({ engine: 'y', error: 'exited with SIGKILL', questions: [] });
    expect(verdicts[2]?.questions).toEqual([{ id: 'q1', verdict: 'error', details: ['z does not support q1'] }]);
  });

  it('compares safe integers exactly and other numbers relatively', () => {
    expect(sumsAgree(6035, 6036)).toBe(false);
    expect(sumsAgree(101897.850427, 101897.85042700003)).toBe(true);
    expect(sumsAgree(1, 1.00001)).toBe(false);
  });
});

describe('runPeers', () => {
  let dir = '';
  let csv = '';

  beforeAll(() => {
    if (!existsSync(join(defaultScriptDir(), 'duckdb.js'))) {
      throw new Error(`runner scripts not built in ${defaultScriptDir()}: run \`npm run build\` first`);
    }
    dir = mkdtempSync(join(tmpdir(), 'volley-peers-'));
    csv = join(dir, 'groupby.csv');
    writeFileSync(csv, h2oCsv(2000, 10, 7));
  });

  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('answers every question with duckdb and agrees across polars and arquero', async () => {
    const results = await runPeers({ csv, engines: ['duckdb', 'arquero', 'polars'], runs: 1, threads: 2 });
    expect(results.map((r) => [r.engine, r.error])).toEqual([
      ['duckdb', undefined],
      ['arquero', undefined],
      ['polars', undefined],
    ]);
    const duckdb = results[0]?.output;
    expect(duckdb?.rows).toBe(2000);
    expect(duckdb?.questions.map((q) => q.id)).toEqual(QUESTIONS.map((q) => q.id));
    for (const q of duckdb?.questions ?? []) {
      expect(q.error, q.id).toBeUndefined();
      expect(q.rows, q.id).toBeGreaterThan(0);
      expect(q.seconds, q.id).toBeGreaterThanOrEqual(0);
    }
    const problems = checkAnswers(results).flatMap((v) =>
      v.questions.filter((q) => q.verdict !== 'agree' && q.verdict !== 'reference').map((q) => ({ engine: v.engine, ...q })),
    );
    expect(problems).toEqual([]);
  });

  it('answers every question straight on the file with volley-scan, volley-stream, duckdb-file and polars-file, as duckdb does', async () => {
    const engines = ['duckdb', 'volley-scan', 'volley-stream', 'duckdb-file', 'polars-file'];
    const results = await runPeers({ csv, engines, runs: 1, threads: 2 });
    expect(results.map((r) => [r.engine, r.error])).toEqual(engines.map((e) => [e, undefined]));
    for (const r of results.slice(1)) {
      // nothing is loaded before the questions: each reads the file itself
      expect(r.output?.rows, r.engine).toBe(0);
      expect(
        r.output?.questions.map((q) => [q.id, q.error]),
        r.engine,
      ).toEqual(QUESTIONS.map((q) => [q.id, undefined]));
    }
    const problems = checkAnswers(results).flatMap((v) =>
      v.questions.filter((q) => q.verdict !== 'agree' && q.verdict !== 'reference').map((q) => ({ engine: v.engine, ...q })),
    );
    expect(problems).toEqual([]);
  });

  it('records a runner crash or an unknown engine as that engine’s error', async () => {
    const results = await runPeers({ csv: join(dir, 'missing.csv'), engines: ['duckdb', 'nope'], runs: 1, threads: 1 });
    expect(results[0]?.output).toBeUndefined();
    expect(results[0]?.error).toMatch(/exited with code 1: runner failed: .*No files found/);
    expect(results[1]?.error).toBe("unknown engine 'nope'");
  });

  it('runs each question in a fresh process of its own: cold first run, warm median, and the peak of each', async () => {
    const asked = ['q1', 'q3', 'q8'] as const;
    const results = await runPeers({ csv, engines: ['volley', 'duckdb'], runs: 2, threads: 2, cold: 'process', questions: asked });
    expect(results.map((r) => [r.engine, r.error])).toEqual([
      ['volley', undefined],
      ['duckdb', undefined],
    ]);
    const method = resetPeak();
    for (const r of results) {
      const out = r.output!;
      expect(out.rows, r.engine).toBe(2000);
      expect(out.peakMethod, r.engine).toBe(method);
      expect(out.questions.map((q) => q.id)).toEqual([...asked]);
      // one load per process, the median reported
      expect(out.load.times, r.engine).toHaveLength(3);
      expect(out.load.seconds).toBe(median(out.load.times!));
      for (const q of out.questions) {
        expect(q.error, `${r.engine} ${q.id}`).toBeUndefined();
        expect(q.firstSeconds, `${r.engine} ${q.id}`).toBeGreaterThan(0);
        expect(q.times).toHaveLength(2);
        expect(q.seconds).toBe(median(q.times));
        // a Node process holding a table: more than an empty one's 16 MiB, never above the process's peak
        expect(q.peakRssBytes, `${r.engine} ${q.id}`).toBeGreaterThan(16 * 2 ** 20);
        expect(q.peakRssBytes!).toBeLessThanOrEqual(out.peakRssBytes);
      }
      expect(out.load.peakRssBytes).toBeGreaterThan(16 * 2 ** 20);
      if (method === 'vmhwm') {
        const peaks = [out.load.peakRssBytes!, ...out.questions.map((q) => q.peakRssBytes!)];
        expect(out.peakRssBytes).toBe(Math.max(...peaks));
      }
    }
    const volley = checkAnswers(results).find((v) => v.engine === 'volley');
    expect(volley?.questions.map((q) => [q.id, q.verdict])).toEqual(asked.map((id) => [id, 'agree']));
  });

  it('answers the questions asked in one process with --cold first, the load timed once', async () => {
    const [duckdb] = await runPeers({ csv, engines: ['duckdb'], runs: 1, threads: 1, cold: 'first', questions: ['q2', 'q5'] });
    expect(duckdb?.error).toBeUndefined();
    expect(duckdb?.output?.questions.map((q) => [q.id, q.rows])).toEqual([
      ['q2', 100],
      ['q5', expect.any(Number)],
    ]);
    expect(duckdb?.output?.load.times).toBeUndefined();
    expect(duckdb?.output?.load.seconds).toBeGreaterThan(0);
  });
});

describe('runPeers with a runner that fails', () => {
  const scriptDir = fileURLToPath(new URL('../fixtures/peers/', import.meta.url));
  const fake = (mode: string, cold: 'process' | 'first', extra: { timeoutMs?: number; nodeArgs?: string[] } = {}) =>
    runPeers({
      csv: mode,
      engines: ['fake'],
      runners: { fake: 'fake-runner.mjs' },
      scriptDir,
      runs: 1,
      cold,
      questions: ['q1', 'q2', 'q3'],
      ...extra,
    });
  const errors = (r: PeerResult | undefined) =>
    r?.output?.questions.map((q) => [q.id, q.error === undefined ? q.rows : failureLabel(q.error)]);

  it('keeps what a process killed by SIGKILL had measured and names the kill in the question it died in', async () => {
    const [r] = await fake('kill-in-q2', 'first');
    expect(r?.error).toBe("killed by SIGKILL (no message: most likely the kernel's out-of-memory killer)");
    expect(errors(r)).toEqual([
      ['q1', 1],
      ['q2', 'killed by SIGKILL'],
      ['q3', 'not run'],
    ]);
    expect(r?.output?.questions[2]?.error).toBe(`not run: the process ended at q2: ${r?.error}`);
    expect(r?.output?.rows).toBe(7);
    const run = {
      threads: 1,
      cold: 'first' as const,
      dataset: { name: 'x', path: 'x', bytes: 1, rows: 7 },
      results: [r!],
      verdicts: checkAnswers([r!]),
    };
    const text = peersMarkdown(run);
    expect(text).toContain('| q2 | killed by SIGKILL | killed by SIGKILL | - |');
    expect(text).toContain('| q3 | not run | not run | - |');
    expect(text).toContain("- fake: killed by SIGKILL (no message: most likely the kernel's out-of-memory killer)");
  });

  it('reports a question that ran out of memory as such, and the other questions from their own processes', async () => {
    const [r] = await fake('oom-in-q2', 'process', { nodeArgs: ['--max-old-space-size=32'] });
    expect(errors(r)).toEqual([
      ['q1', 1],
      ['q2', 'out of memory'],
      ['q3', 1],
    ]);
    expect(r?.output?.questions[1]?.error).toMatch(/^out of memory \(SIGABRT\): FATAL ERROR: .*JavaScript heap out of memory$/);
    expect(r?.error).toMatch(/^q2: out of memory \(SIGABRT\)/);
    expect(r?.output?.load.times).toHaveLength(3);
  });

  it('stops starting processes once one dies in its load, and says so for each question', async () => {
    const [r] = await fake('oom-on-load', 'process', { nodeArgs: ['--max-old-space-size=32'] });
    expect(r?.output).toBeUndefined();
    expect(r?.error).toMatch(/^q1: out of memory \(SIGABRT\): FATAL ERROR: /);
    const run = {
      threads: 1,
      cold: 'process' as const,
      dataset: { name: 'x', path: 'x', bytes: 1, rows: 7 },
      results: [r!],
      verdicts: checkAnswers([r!]),
    };
    expect(peersMarkdown(run)).toContain('| q3 | out of memory | out of memory |  |');
  });

  it('kills a runner that hangs past its time limit and reports the question as timed out', async () => {
    const [r] = await fake('hang-in-q2', 'first', { timeoutMs: 3000 });
    expect(errors(r)).toEqual([
      ['q1', 1],
      ['q2', 'timed out'],
      ['q3', 'not run'],
    ]);
    expect(r?.error).toBe('timed out after 3 s');
  });
});
