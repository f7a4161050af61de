/** A hand-made benchmark report with known figures, for testing the Markdown and the charts without running anything. */

import type { PeerResult } from '../../bench/peers/check.js';
import { checkAnswers } from '../../bench/peers/check.js';
import type { QuestionResult } from '../../bench/peers/protocol.js';
import { QUESTIONS } from '../../bench/peers/questions.js';
import type { BenchReport } from '../../bench/report/model.js';

function answers(seconds: (i: number) => number, failing: readonly string[] = []): QuestionResult[] {
  return QUESTIONS.map((q, i) => {
    const base = { id: q.id, seconds: seconds(i), firstSeconds: seconds(i), times: [seconds(i)], rows: 10, sums: { v1: 100 } };
    return failing.includes(q.id) ? { ...base, seconds: null, firstSeconds: null, error: `cannot do ${q.id}` } : base;
  });
}

function peer(engine: string, load: number, questions: QuestionResult[]): PeerResult {
  return {
    engine,
    wallSeconds: 1,
    output: { engine, version: '1.0', rows: 1000, threads: 2, load: { seconds: load }, questions, peakRssBytes: 200 * 2 ** 20 },
  };
}

/**
 * Volley takes 0.1 s on every question; DuckDB 0.05 s (Volley 2x behind); Arquero 0.4 s but
 * fails q8. Scaling: q1 halves its time at 2 threads, q2 fails at 2 threads.
 */
export function sampleReport(): BenchReport {
  const results = [
    peer(
      'volley',
      1,
      answers(() => 0.1),
    ),
    peer(
      'duckdb',
      0.5,
      answers(() => 0.05),
    ),
    peer(
      'arquero',
      2,
      answers(() => 0.4, ['q8']),
    ),
  ];
  return {
    date: '2025-01-01T00:00:00.000Z',
    command: 'volley bench --rows 1e6',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 8, platform: 'linux 6.0', node: 'v20.0.0', loadAverage: 0.5 },
    dataset: { name: 'G1_1e6_1e2_0_0', path: '/data/G1_1e6_1e2_0_0.csv', bytes: 50_000_000, rows: 1_000_000 },
    runs: 3,
    quick: false,
    suites: [
      {
        operation: 'CSV read',
        query: 'readCsv(path)',
        rows: 1_000_000,
        threads: 2,
        naiveMs: null,
        oneThreadMs: 800,
        nThreadsMs: 400,
        errors: [],
      },
      {
        operation: 'filter',
        query: "filter(col('v1').gt(3))",
        rows: 1_000_000,
        threads: 2,
        naiveMs: 12,
        oneThreadMs: 20,
        nThreadsMs: 8,
        errors: [],
      },
      {
        operation: 'sort',
        query: "sort('v3')",
        rows: 1_000_000,
        threads: 2,
        naiveMs: 300,
        oneThreadMs: null,
        nThreadsMs: null,
        errors: ['threads: 1: boom', 'threads: 2: boom'],
      },
    ],
    scaling: {
      rows: 1_000_000,
      threads: [1, 2, 4],
      loadSeconds: 0.9,
      questions: [
        {
          id: 'q1',
          title: 'sum v1 by id1',
          cells: [
            { threads: 1, seconds: 0.2, firstSeconds: 0.25, times: [0.2] },
            { threads: 2, seconds: 0.1, firstSeconds: 0.1, times: [0.1] },
            { threads: 4, seconds: 0.125, firstSeconds: 0.125, times: [0.125] },
          ],
        },
        {
          id: 'q2',
          title: 'sum v1 by id1:id2',
          cells: [
            { threads: 1, seconds: 0.3, firstSeconds: 0.3, times: [0.3] },
            { threads: 2, seconds: null, firstSeconds: null, times: [], error: 'worker died' },
            { threads: 4, seconds: 0.2, firstSeconds: 0.2, times: [0.2] },
          ],
        },
      ],
      eventLoop: [
        { threads: 1, maxMs: 210 },
        { threads: 2, maxMs: 4.5 },
        { threads: 4, maxMs: 6 },
      ],
      determinism: [],
    },
    peers: { threads: 2, results, verdicts: checkAnswers(results) },
    notes: ['a note'],
  };
}
