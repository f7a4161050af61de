/** Writing a loaded table as CSV: Volley's writeCsv against DuckDB's COPY ... TO and Polars' writeCSV, each engine in this one run. */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { isEntryScript } from '../datasets/entry.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { readCsv, shutdownPool } from '../src/index.js';

const USAGE = `usage: node dist/bench/csv-write.js --csv path [--runs 3] [--threads 2]

  --csv      the CSV file each engine loads, then writes back out (timed: the write alone)
  --runs     timed writes per engine, after one untimed (default 3); the median is reported
  --threads  threads the engines may use (default 2)
`;

interface WriteOptions {
  readonly csv: string;
  readonly runs: number;
  readonly threads: number;
}

function readOptions(argv: string[]): WriteOptions {
  const { values } = parseArgs({
    args: argv,
    options: { csv: { type: 'string' }, runs: { type: 'string' }, threads: { type: 'string' } },
    strict: true,
  });
  if (values.csv === undefined) throw new Error('--csv is required');
  return {
    csv: values.csv,
    runs: values.runs === undefined ? 3 : wholeOption('runs', values.runs),
    threads: values.threads === undefined ? 2 : wholeOption('threads', values.threads),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Seconds per write: one untimed, then `runs` timed. */
async function timeWrites(runs: number, write: () => Promise<void>): Promise<number> {
  await write();
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    await write();
    times.push((performance.now() - t0) / 1000);
  }
  return median(times);
}

async function main(o: WriteOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'volley-csv-write-'));
  const rows: string[] = [];
  try {
    const out = join(dir, 'out.csv');
    const df = await readCsv(o.csv, { threads: o.threads });
    const single = await timeWrites(o.runs, () => df.writeCsv(out, { threads: 1 }));
    rows.push(`| volley writeCsv, 1 thread | ${single.toFixed(3)} | ${(statSync(out).size / 1e6).toFixed(1)} |`);
    const volley = await timeWrites(o.runs, () => df.writeCsv(out, { threads: o.threads }));
    rows.push(`| volley writeCsv, ${o.threads} threads | ${volley.toFixed(3)} | ${(statSync(out).size / 1e6).toFixed(1)} |`);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const instance = await DuckDBInstance.create(':memory:');
    const conn = await instance.connect();
    await conn.run(`SET threads = ${o.threads}`);
    await conn.run(`CREATE TABLE x AS SELECT * FROM read_csv('${o.csv.replace(/'/g, "''")}')`);
    const duck = await timeWrites(o.runs, async () => {
      await conn.run(`COPY x TO '${out.replace(/'/g, "''")}' (HEADER)`);
    });
    rows.push(`| duckdb COPY TO | ${duck.toFixed(3)} | ${(statSync(out).size / 1e6).toFixed(1)} |`);
    instance.closeSync();
    const pl = (await import('nodejs-polars')).default;
    const frame = pl.readCSV(o.csv, { rechunk: true });
    const polars = await timeWrites(o.runs, async () => {
      frame.writeCSV(out);
    });
    rows.push(`| polars writeCSV | ${polars.toFixed(3)} | ${(statSync(out).size / 1e6).toFixed(1)} |`);
    console.log(`CSV write of ${o.csv} (${df.height} rows), ${o.threads} threads, median of ${o.runs}\n`);
    console.log('| writer | seconds | MB written |\n|---|---|---|');
    for (const r of rows) console.log(r);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await shutdownPool();
  }
}

if (isEntryScript(import.meta.url)) await main(parseScriptArgs('csv-write', USAGE, readOptions));
