/**
 * One engine loading one CSV file, timed, in a process of its own (so its peak memory and its
 * JIT warm-up are its own): Volley's readCsv, nodejs-polars' readCSV or DuckDB's read_csv.
 * Prints one JSON line. Usage:
 * `node dist/bench/csv-scan-peer.js --engine volley --csv G1.csv --threads 2 [--columns id1,v1] [--runs 3]`
 */
import { statSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';

/** What one load run reports. */
export interface LoadResult {
  readonly engine: string;
  readonly threads: number;
  readonly columns: readonly string[] | null;
  /** Seconds per run, in run order (the first one includes warm-up). */
  readonly seconds: readonly number[];
  readonly rows: number;
  readonly bytes: number;
  readonly peakRssMb: number;
  /** Longest event-loop delay seen during the timed runs, in ms: how free the main thread stayed. */
  readonly maxDelayMs: number;
}

type Loader = () => Promise<number>;

/** Idle time before every read but the first. */
const SETTLE_MS = 200;

async function volley(csv: string, threads: number, columns: string[] | null): Promise<Loader> {
  const { readCsv } = await import('../src/index.js');
  return async () => (await readCsv(csv, { threads, ...(columns === null ? {} : { columns }) })).height;
}

async function polars(csv: string, threads: number, columns: string[] | null): Promise<Loader> {
  // Polars sizes its pool from this variable when the native module first loads
  process.env.POLARS_MAX_THREADS = String(threads);
  const pl = (await import('nodejs-polars')).default;
  return async () => pl.readCSV(csv, { rechunk: true, ...(columns === null ? {} : { columns }) }).height;
}

async function duckdb(csv: string, threads: number, columns: string[] | null): Promise<Loader> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  await conn.run(`SET threads = ${threads}`);
  const list = columns === null ? '*' : columns.map((c) => `"${c.replace(/"/g, '""')}"`).join(', ');
  const path = `'${csv.replace(/'/g, "''")}'`;
  return async () => {
    await conn.run(`CREATE OR REPLACE TABLE x AS SELECT ${list} FROM read_csv(${path})`);
    const reader = await conn.runAndReadAll('SELECT count(*) FROM x');
    return Number(reader.getRows()[0]?.[0]);
  };
}

const ENGINES: Record<string, (csv: string, threads: number, columns: string[] | null) => Promise<Loader>> = { volley, polars, duckdb };

const USAGE = `usage: node dist/bench/csv-scan-peer.js --engine ${Object.keys(ENGINES).join('|')} --csv path [--threads 1] [--columns a,b] [--runs 1]

  --engine   the engine that reads the file
  --csv      the CSV file to read
  --threads  threads the engine may use (default 1)
  --columns  columns to read (default all)
  --runs     reads in a row, the first one cold (default 1); prints one JSON line
`;

/** The options of this script, checked. */
interface PeerOptions {
  readonly engine: string;
  readonly make: (csv: string, threads: number, columns: string[] | null) => Promise<Loader>;
  readonly csv: string;
  readonly threads: number;
  readonly columns: string[] | null;
  readonly runs: number;
}

function readOptions(argv: string[]): PeerOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string' },
      csv: { type: 'string' },
      threads: { type: 'string', default: '1' },
      columns: { type: 'string' },
      runs: { type: 'string', default: '1' },
    },
  });
  const engine = values.engine ?? '';
  const make = Object.hasOwn(ENGINES, engine) ? ENGINES[engine] : undefined;
  if (make === undefined) throw new RangeError(`--engine takes one of ${Object.keys(ENGINES).join(', ')}, got "${engine}"`);
  if (values.csv === undefined) throw new RangeError('--csv is required');
  return {
    engine,
    make,
    csv: values.csv,
    threads: wholeOption('threads', values.threads),
    columns: values.columns === undefined ? null : values.columns.split(','),
    runs: wholeOption('runs', values.runs),
  };
}

async function main(): Promise<void> {
  const { engine, make, csv, threads, columns, runs } = parseScriptArgs('csv-scan-peer', USAGE, readOptions);
  const load = await make(csv, threads, columns);
  const seconds: number[] = [];
  let rows = 0;
  const delay = monitorEventLoopDelay({ resolution: 1 });
  delay.enable();
  for (let r = 0; r < runs; r++) {
    // a pause between reads: the JIT's background compiler finishes what the last one queued
    if (r > 0) await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const t0 = performance.now();
    rows = await load();
    seconds.push((performance.now() - t0) / 1000);
  }
  delay.disable();
  const result: LoadResult = {
    engine,
    threads,
    columns,
    seconds,
    rows,
    bytes: statSync(csv).size,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    maxDelayMs: Math.round(delay.max / 1e6),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
