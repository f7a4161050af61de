/** A hand-made benchmark report with known figures, for testing the Markdown and the charts without running anything. */

import type { PeerResult } from '../../bench/peers/check.js';
import { checkAnswers } from '../../bench/peers/check.js';
import type { QuestionResult } from '../../bench/peers/protocol.js';
import { QUESTIONS } from '../../bench/peers/questions.js';
import type { BenchReport, PeerRun } from '../../bench/report/model.js';

/** Figures of one question run, the same for every question unless `failing` names it. */
interface Figures {
  cold: number;
  warm: number;
  /** Peak RSS of each question, MiB. */
  peakMiB: number;
}

function answers(f: Figures, failing: Readonly<Record<string, string>> = {}): QuestionResult[] {
  return QUESTIONS.map((q) => {
    const base = {
      id: q.id,
      seconds: f.warm,
      firstSeconds: f.cold,
      times: [f.warm],
      rows: 10,
      sums: { v1: 100 },
      peakRssBytes: f.peakMiB * 2 ** 20,
    };
    const error = failing[q.id];
    return error === undefined ? base : { ...base, seconds: null, firstSeconds: null, times: [], error };
  });
}

/** One engine's result: `load` seconds, `loadMiB` the load's peak and `peakMiB` the process's. */
function peer(engine: string, load: number, questions: QuestionResult[], loadMiB = 100, peakMiB = 200): PeerResult {
  return {
    engine,
    wallSeconds: 1,
    output: {
      engine,
      version: '1.0',
      rows: 1000,
      threads: 2,
      load: { seconds: load, peakRssBytes: loadMiB * 2 ** 20 },
      questions,
      peakRssBytes: peakMiB * 2 ** 20,
      peakMethod: 'vmhwm',
    },
  };
}

/**
 * The peer run at 1e6 rows, a process per question. Volley: cold 0.3 s, warm 0.1 s, 300 MiB
 * per question, load 1 s at 250 MiB, process peak 320 MiB. DuckDB: cold 0.1 s, warm 0.05 s (so
 * Volley is 3x and 2x behind), 150 MiB, load 0.5 s at 120 MiB, peak 200 MiB. Arquero: 0.4 s cold
 * and warm, 500 MiB, fails q8.
 */
export function samplePeers(): PeerRun {
  const results = [
    peer('volley', 1, answers({ cold: 0.3, warm: 0.1, peakMiB: 300 }), 250, 320),
    peer('duckdb', 0.5, answers({ cold: 0.1, warm: 0.05, peakMiB: 150 }), 120, 200),
    peer('arquero', 2, answers({ cold: 0.4, warm: 0.4, peakMiB: 500 }, { q8: 'cannot do q8' }), 400, 600),
  ];
  return {
    threads: 2,
    cold: 'process',
    dataset: { name: 'G1_1e6_1e2_0_0', path: '/data/G1_1e6_1e2_0_0.csv', bytes: 50_000_000, rows: 1_000_000 },
    results,
    verdicts: checkAnswers(results),
  };
}

/**
 * The 1e6 run with queries on the file beside the loaded engines: volley-scan cold 0.4 s, warm
 * 0.2 s, 200 MiB (peak 220); volley-stream cold 0.6 s, warm 0.3 s, 150 MiB (peak 160);
 * duckdb-file cold 0.2 s, warm 0.1 s, 100 MiB (peak 110). Their load is 0 s: nothing is loaded.
 */
export function samplePeersOnFile(): PeerRun {
  const base = samplePeers();
  const results = [
    ...base.results.filter((r) => r.engine !== 'arquero'),
    peer('volley-scan', 0, answers({ cold: 0.4, warm: 0.2, peakMiB: 200 }), 50, 220),
    peer('volley-stream', 0, answers({ cold: 0.6, warm: 0.3, peakMiB: 150 }), 50, 160),
    peer('duckdb-file', 0, answers({ cold: 0.2, warm: 0.1, peakMiB: 100 }), 50, 110),
  ];
  return { ...base, results, verdicts: checkAnswers(results) };
}

/**
 * The peer run at 1e8 rows, one process per engine (cold = first run). Volley ran out of V8's
 * heap on q10 (its process died there: q1-q9 kept); DuckDB answered everything; Polars was
 * killed by SIGKILL during its load (no figures at all).
 */
export function samplePeers1e8(): PeerRun {
  const oom = 'out of memory (SIGABRT): FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory';
  const results: PeerResult[] = [
    { ...peer('volley', 60, answers({ cold: 4, warm: 2, peakMiB: 9000 }, { q10: oom }), 8000, 9000), error: oom },
    peer('duckdb', 50, answers({ cold: 2, warm: 1, peakMiB: 6000 }), 5000, 7000),
    { engine: 'polars', error: "killed by SIGKILL (no message: most likely the kernel's out-of-memory killer)", wallSeconds: 90 },
  ];
  return {
    threads: 2,
    cold: 'first',
    dataset: { name: 'G1_1e8_1e2_0_0', path: '/data/G1_1e8_1e2_0_0.csv', bytes: 5_000_000_000, rows: 100_000_000 },
    results,
    verdicts: checkAnswers(results),
  };
}

/** A whole report with the 1e6 peer run above. Scaling: q1 halves its time at 2 threads, q2 fails at 2 threads. */
export function sampleReport(): BenchReport {
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
    peers: [samplePeers()],
    notes: ['a note'],
  };
}
