/**
 * Parquet write and read: Volley's writeParquet/readParquet against DuckDB's COPY ... TO and
 * read_parquet and Polars' writeParquet/readParquet, each engine and phase in a process of its
 * own so its peak memory is its own; medians of a few runs, file sizes, peak RSS.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { isEntryScript } from '../datasets/entry.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { readCsv, readParquet, shutdownPool, type ParquetCompression } from '../src/index.js';

const USAGE = `usage: node dist/bench/parquet.js --csv path [--runs 3] [--threads 2] [--compression snappy]

  --csv          the CSV file each engine loads (untimed), writes as Parquet, then reads back
  --runs         timed runs per engine and phase, after one untimed (default 3); the median is reported
  --threads      threads the engines may use (default 2)
  --compression  snappy, zstd or uncompressed, for every engine (default snappy)
`;

const ENGINES = ['volley', 'duckdb', 'polars'] as const;
type Engine = (typeof ENGINES)[number];
type Phase = 'write' | 'read';

interface BenchOptions {
  readonly csv: string;
  readonly runs: number;
  readonly threads: number;
  readonly compression: ParquetCompression;
  /** Set in the child processes: the one engine and phase to run, and the folder of the files. */
  readonly engine: Engine | null;
  readonly phase: Phase | null;
  readonly dir: string | null;
}

/** What a child prints as its last line. */
interface PhaseResult {
  readonly seconds: number;
  readonly rows: number;
  readonly bytes: number;
  readonly peakMB: number;
}

function readOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      csv: { type: 'string' },
      runs: { type: 'string' },
      threads: { type: 'string' },
      compression: { type: 'string' },
      engine: { type: 'string' },
      phase: { type: 'string' },
      dir: { type: 'string' },
    },
    strict: true,
  });
  if (values.csv === undefined) throw new Error('--csv is required');
  const compression = values.compression ?? 'snappy';
  if (compression !== 'snappy' && compression !== 'zstd' && compression !== 'uncompressed')
    throw new Error(`--compression must be snappy, zstd or uncompressed, got ${compression}`);
  const engine = values.engine ?? null;
  if (engine !== null && !(ENGINES as readonly string[]).includes(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  const phase = values.phase ?? null;
  if (phase !== null && phase !== 'write' && phase !== 'read') throw new Error('--phase must be write or read');
  return {
    csv: values.csv,
    runs: values.runs === undefined ? 3 : wholeOption('runs', values.runs),
    threads: values.threads === undefined ? 2 : wholeOption('threads', values.threads),
    compression,
    engine: engine as Engine | null,
    phase,
    dir: values.dir ?? null,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Seconds per run: one untimed, then `runs` timed. */
async function timeRuns(runs: number, once: () => Promise<void>): Promise<number> {
  await once();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await once();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

/** One engine, one phase, in this process: the result as one JSON line. */
async function runPhase(o: BenchOptions, engine: Engine, phase: Phase, dir: string): Promise<PhaseResult> {
  const file = join(dir, `${engine}.parquet`);
  let seconds: number;
  let rows = 0;
  if (engine === 'volley') {
    if (phase === 'write') {
      const df = await readCsv(o.csv, { threads: o.threads });
      rows = df.height;
      seconds = await timeRuns(o.runs, () => df.writeParquet(file, { compression: o.compression }));
    } else {
      seconds = await timeRuns(o.runs, async () => {
        rows = (await readParquet(file)).height;
      });
    }
    await shutdownPool();
  } else if (engine === 'duckdb') {
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`SET threads = ${o.threads}`);
    if (phase === 'write') {
      await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv(${quote(o.csv)})`);
      seconds = await timeRuns(o.runs, async () => {
        await conn.run(`COPY x TO ${quote(file)} (FORMAT parquet, COMPRESSION ${o.compression})`);
      });
    } else {
      seconds = await timeRuns(o.runs, async () => {
        await conn.run(`CREATE OR REPLACE TABLE y AS SELECT * FROM read_parquet(${quote(file)})`);
      });
    }
    const count = await conn.runAndReadAll(phase === 'write' ? 'SELECT count(*) AS n FROM x' : 'SELECT count(*) AS n FROM y');
    rows = Number(count.getRowObjectsJS()[0]!.n);
    instance.closeSync();
  } else {
    const pl = (await import('nodejs-polars')).default;
    if (phase === 'write') {
      const frame = pl.readCSV(o.csv, { rechunk: true });
      rows = frame.height;
      seconds = await timeRuns(o.runs, async () => {
        frame.writeParquet(file, { compression: o.compression });
      });
    } else {
      seconds = await timeRuns(o.runs, async () => {
        rows = pl.readParquet(file).height;
      });
    }
  }
  return { seconds, rows, bytes: statSync(file).size, peakMB: process.resourceUsage().maxRSS / 1024 };
}

/** Runs one engine's phase in a child process (this script with --engine and --phase) and reads its JSON line. */
function child(o: BenchOptions, engine: Engine, phase: Phase, dir: string): Promise<PhaseResult> {
  const script = fileURLToPath(import.meta.url);
  const args = [script, '--csv', o.csv, '--runs', String(o.runs), '--threads', String(o.threads)];
  args.push('--compression', o.compression, '--engine', engine, '--phase', phase, '--dir', dir);
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const last = out.trim().split('\n').pop() ?? '';
      if (code !== 0) reject(new Error(`${engine} ${phase} exited with code ${code}`));
      else resolve(JSON.parse(last) as PhaseResult);
    });
  });
}

async function main(o: BenchOptions): Promise<void> {
  if (o.engine !== null && o.phase !== null && o.dir !== null) {
    console.log(JSON.stringify(await runPhase(o, o.engine, o.phase, o.dir)));
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'volley-parquet-bench-'));
  try {
    const lines: string[] = [];
    let rows = 0;
    for (const engine of ENGINES) {
      const w = await child(o, engine, 'write', dir);
      const r = await child(o, engine, 'read', dir);
      rows = w.rows;
      if (r.rows !== w.rows) throw new Error(`${engine} read ${r.rows} rows of ${w.rows}`);
      lines.push(
        `| ${engine} | ${w.seconds.toFixed(2)} | ${r.seconds.toFixed(2)} | ${(w.bytes / 1e6).toFixed(1)} | ${w.peakMB.toFixed(0)} | ${r.peakMB.toFixed(0)} |`,
      );
    }
    console.log(`Parquet (${o.compression}) of ${o.csv} (${rows} rows), ${o.threads} threads, median of ${o.runs}\n`);
    console.log('| engine | write s | read s | file MB | write peak RSS MB | read peak RSS MB |\n|---|---|---|---|---|---|');
    for (const l of lines) console.log(l);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (isEntryScript(import.meta.url)) await main(parseScriptArgs('parquet', USAGE, readOptions));
