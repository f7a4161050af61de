/** The join questions' data (db-benchmark's SQL, output names), the run list, and how the report and the exit code treat a wrong or failed join answer. */

import { describe, expect, it } from 'vitest';
import { volleyProblems } from '../../bench/command.js';
import { checkAnswers, type PeerResult } from '../../bench/peers/check.js';
import { canonicalSums, JOIN_QUESTIONS } from '../../bench/peers/join-questions.js';
import { joinRunSpecs } from '../../bench/peers/join-run.js';
import type { QuestionResult } from '../../bench/peers/protocol.js';
import { joinMarkdown } from '../../bench/report/join-markdown.js';
import type { JoinRun } from '../../bench/report/model.js';
import { sampleReport } from './sample-report.js';

describe('JOIN_QUESTIONS', () => {
  it("is db-benchmark's DuckDB SQL, question for question", () => {
    expect(JOIN_QUESTIONS.map((q) => [q.id, q.title, q.sql])).toEqual([
      ['q1', 'small inner on int', 'SELECT x.*, small.id4 AS small_id4, v2 FROM x JOIN small USING (id1)'],
      [
        'q2',
        'medium inner on int',
        'SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x JOIN medium USING (id2)',
      ],
      [
        'q3',
        'medium outer on int',
        'SELECT x.*, medium.id1 AS medium_id1, medium.id4 AS medium_id4, medium.id5 AS medium_id5, v2 FROM x LEFT JOIN medium USING (id2)',
      ],
      [
        'q4',
        'medium inner on factor',
        'SELECT x.*, medium.id1 AS medium_id1, medium.id2 AS medium_id2, medium.id4 AS medium_id4, v2 FROM x JOIN medium USING (id5)',
      ],
      [
        'q5',
        'big inner on int',
        'SELECT x.*, big.id1 AS big_id1, big.id2 AS big_id2, big.id4 AS big_id4, big.id5 AS big_id5, big.id6 AS big_id6, v2 FROM x JOIN big USING (id3)',
      ],
    ]);
    expect(JOIN_QUESTIONS[0]?.columns).toEqual(['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'small_id4', 'v2']);
  });

  it('renames an answer’s sums to the SQL’s names by position, and refuses another column count', () => {
    const q2 = JOIN_QUESTIONS[1]!;
    const names = ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'id1_right', 'id4_right', 'id5_right', 'v2'];
    expect(canonicalSums(q2, names, { id1: 1, v1: 2, id1_right: 3, v2: 4 })).toEqual({ id1: 1, v1: 2, medium_id1: 3, v2: 4 });
    expect(() => canonicalSums(q2, names.slice(1), {})).toThrow('q2: the answer has 10 columns');
  });
});

describe('joinRunSpecs', () => {
  it('runs Volley at N threads and at one, then DuckDB (always: the reference) and the other peers at N', () => {
    expect(joinRunSpecs(['polars'], 2)).toEqual([
      { label: 'volley', engine: 'volley', threads: 2 },
      { label: 'volley-t1', engine: 'volley', threads: 1 },
      { label: 'duckdb', engine: 'duckdb', threads: 2 },
      { label: 'polars', engine: 'polars', threads: 2 },
    ]);
    expect(joinRunSpecs(['volley', 'duckdb'], 1).map((s) => s.label)).toEqual(['volley', 'duckdb']);
  });
});

function run(engine: string, threads: number, seconds: number, v1: number, failing?: string): PeerResult {
  const questions: QuestionResult[] = JOIN_QUESTIONS.map((q) => {
    const base = { id: q.id, seconds, firstSeconds: seconds * 3, times: [seconds], rows: 10, sums: { v1, v2: 2 } };
    return q.id === failing ? { ...base, seconds: null, error: `${engine} cannot ${q.id}` } : base;
  });
  return {
    engine,
    wallSeconds: 1,
    output: { engine, version: '1', rows: 1000, threads, load: { seconds: 1 }, questions, peakRssBytes: 100 * 2 ** 20 },
  };
}

function joinRun(results: PeerResult[]): JoinRun {
  const file = (name: string) => ({ name, path: `/d/${name}.csv`, bytes: 1e6 });
  return {
    rows: 1000,
    threads: 2,
    files: { x: file('J1_1e3_NA_0_0'), small: file('s'), medium: file('m'), big: file('b') },
    results,
    verdicts: checkAnswers(results),
  };
}

describe('the join section of the report', () => {
  it('gives cold and warm per run, threads 1 ÷ N and Volley ÷ each peer', () => {
    const md = joinMarkdown(joinRun([run('volley', 2, 0.1, 5), run('volley-t1', 1, 0.18, 5), run('duckdb', 2, 0.2, 5)]));
    expect(md).toContain('| q1 small inner on int | 0.300 | 0.100 | 0.540 | 0.180 | 0.600 | 0.200 | 1.80x | 0.50x |');
    expect(md).toContain("Every answer agrees with DuckDB's");
  });

  it('marks a wrong answer, names it, and fails the run for a wrong or failed Volley answer', () => {
    const join = joinRun([run('volley', 2, 0.1, 6), run('volley-t1', 1, 0.18, 5, 'q4'), run('duckdb', 2, 0.2, 5)]);
    const md = joinMarkdown(join);
    expect(md).toMatch(/^\| q1 small inner on int \| 0\.300 ! \| 0\.100 ! \|/m);
    expect(md).toContain('- volley q1 mismatch: sum(v1): expected 5, got 6');
    expect(md).toContain('- volley-t1 q4 error: volley-t1 cannot q4');
    const problems = volleyProblems({ ...sampleReport(), scaling: null, peers: [], join });
    expect(problems).toContain('join volley q1 mismatch: sum(v1): expected 5, got 6');
    expect(problems).toContain('join volley-t1 q4 error: volley-t1 cannot q4');
  });
});
