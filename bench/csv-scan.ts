/**
 * The CSV scan benchmark: readCsv on 1 and 2 threads, 2 of 9 columns against all 9, nodejs-polars
 * readCSV and DuckDB read_csv on the same file in the same run, and where Volley's time goes.
 * `npm run build && node dist/bench/csv-scan.js [--rows 1e7] [--csv path] [--threads 2] [--runs 3]`
 *
 * Every configuration runs `--runs` times, each time in a fresh process that reads the file once
 * untimed (warm-up: the JIT, the page cache) and once timed; the rounds go through all the
 * configurations in turn, so a slow minute on this shared machine falls on all of them rather
 * than on whichever ran then. The table gives the median of the timed reads.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { ensureH2O } from '../datasets/h2o.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';
import { countRangeQuotes, parseFileRange, type RangeParseOk } from '../kernels/csv/file-range.js';
import type { CsvParseSpec } from '../kernels/csv/spec.js';
import { RangeFrames } from '../src/io/csv/parallel/assemble.js';
import { withFile } from '../src/io/csv/parallel/file.js';
import { planCsvRead } from '../src/io/csv/parallel/read.js';
import { quoteParity } from '../src/io/csv/parallel/ranges.js';
import type { LoadResult } from './csv-scan-peer.js';

/** One configuration to time. */
interface Config {
  readonly engine: 'volley' | 'polars' | 'duckdb';
  readonly threads: number;
  readonly columns: readonly string[] | null;
}

const TWO_COLUMNS = ['id1', 'v1'];

/** Runs one configuration in a child process and reads back its JSON line. */
function runConfig(csv: string, c: Config, runs: number): LoadResult | string {
  const script = join(fileURLToPath(new URL('.', import.meta.url)), 'csv-scan-peer.js');
  const args = [script, '--engine', c.engine, '--csv', csv, '--threads', String(c.threads), '--runs', String(runs)];
  if (c.columns !== null) args.push('--columns', c.columns.join(','));
  const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  const line = r.stdout.trim().split('\n').pop() ?? '';
  if (r.status !== 0 || !line.startsWith('{')) return `failed (${r.status}): ${r.stderr.trim().split('\n').slice(-3).join(' ')}`;
  return JSON.parse(line) as LoadResult;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const fmt = (s: number): string => s.toFixed(2).padStart(6);

/** Seconds `fn` takes. */
function time<T>(fn: () => T): [T, number] {
  const t0 = performance.now();
  const out = fn();
  return [out, (performance.now() - t0) / 1000];
}

/**
 * Where a single-threaded read spends its time: sampling and planning, the quote-count pass, and
 * the parse split into tokenizing alone (every column skipped), numbers (strings skipped) and
 * the whole parse, then assembling the frame on the calling thread.
 */
async function breakdown(csv: string): Promise<string[]> {
  const [plan, planS] = time(() => planCsvRead(csv, {}));
  const { ranges, size, spec, survey } = plan;
  return withFile(csv, async (file) => {
    const [counts, quoteS] = time(() =>
      ranges.slice(0, -1).map((r) => countRangeQuotes(file.read, { start: r.start, end: r.end, quote: spec.dialect.quote ?? 34 })),
    );
    const parity = quoteParity(counts);
    let pass = 0;
    const parseAll = (s: CsvParseSpec): RangeParseOk[] => {
      // one thread keeps its dictionaries across ranges, as a real read does
      const scan = `breakdown-${pass++}-${Math.random()}`;
      return ranges.map((r, i) => {
        const out = parseFileRange(file.read, {
          start: r.start,
          end: r.end,
          size,
          startsRecord: i === 0,
          inQuotesAtStart: parity[i]!,
          inQuotesAtEnd: parity[i + 1] ?? false,
          spec: s,
          scan,
        });
        if (!out.ok) throw new Error(out.error.detail);
        return out;
      });
    };
    const skipped = (keep: (kind: string) => boolean): CsvParseSpec => ({
      ...spec,
      columns: spec.columns.map((c) => (keep(c.kind) ? c : { kind: 'skip' as const })),
    });
    const [, tokenS] = time(() => parseAll(skipped(() => false)));
    const [, numbersS] = time(() => parseAll(skipped((k) => k !== 'utf8')));
    const [parsed, parseS] = time(() => parseAll(spec));
    const t0 = performance.now();
    const frames = new RangeFrames(survey.slots.map((slot, k) => ({ name: slot.name, dtype: survey.dtypes[k]! })));
    const added = [];
    for (const r of parsed) added.push(await frames.add(r.columns, r.owner));
    frames.concat(added);
    const assembleS = (performance.now() - t0) / 1000;
    const mbps = (s: number): string => `${(size / 1e6 / s).toFixed(0)} MB/s`;
    return [
      `  sample + plan (dialect, header, schema)  ${fmt(planS)} s`,
      `  quote-count pass over the file           ${fmt(quoteS)} s  (${mbps(quoteS)})`,
      `  tokenize only (every column skipped)     ${fmt(tokenS)} s  (${mbps(tokenS)})`,
      `  + numbers (strings skipped)              ${fmt(numbersS)} s  (+${fmt(numbersS - tokenS)} s for 6 number columns)`,
      `  + strings: the whole parse               ${fmt(parseS)} s  (+${fmt(parseS - numbersS)} s for 3 dictionary-encoded columns; ${mbps(parseS)})`,
      `  assemble ${ranges.length} ranges (dictionaries, codes) ${fmt(assembleS)} s  (calling thread)`,
    ];
  });
}

const USAGE = `usage: node dist/bench/csv-scan.js [--rows 1e7] [--csv path] [--threads 2] [--runs 3]

  --rows     rows of the generated H2O groupby table (default 1e7; generated when missing)
  --csv      a CSV of your own to read instead
  --threads  the thread count set beside one thread (default 2)
  --runs     rounds through every configuration, each process reading once untimed and once timed (default 3)
`;

function readOptions(argv: string[]): { rows: number; csv: string | undefined; threads: number; runs: number } {
  const { values } = parseArgs({
    args: argv,
    options: {
      rows: { type: 'string', default: '1e7' },
      csv: { type: 'string' },
      threads: { type: 'string', default: '2' },
      runs: { type: 'string', default: '3' },
    },
  });
  return {
    rows: wholeOption('rows', values.rows),
    csv: values.csv,
    threads: wholeOption('threads', values.threads),
    runs: wholeOption('runs', values.runs),
  };
}

async function main(): Promise<void> {
  const options = parseScriptArgs('csv-scan', USAGE, readOptions);
  const { threads, runs } = options;
  const csv = options.csv ?? (await ensureH2O({ rows: options.rows, k: 100 })).path;
  const configs: Config[] = [
    { engine: 'volley', threads: 1, columns: null },
    { engine: 'volley', threads, columns: null },
    { engine: 'volley', threads: 1, columns: TWO_COLUMNS },
    { engine: 'volley', threads, columns: TWO_COLUMNS },
    { engine: 'polars', threads, columns: null },
    { engine: 'duckdb', threads, columns: null },
  ];
  console.log(`csv ${csv}`);
  // rounds through every configuration; each process reads the file twice and reports both
  const warm = new Map<string, number[]>();
  const cold = new Map<string, number>();
  const peak = new Map<string, LoadResult>();
  const failed = new Map<string, string>();
  const key = (c: Config): string => `${c.engine}:${c.threads}:${c.columns === null ? 'all' : '2'}`;
  for (let r = 0; r < runs; r++) {
    for (const c of configs) {
      if (failed.has(key(c))) continue;
      const res = runConfig(csv, c, 2);
      if (typeof res === 'string') {
        failed.set(key(c), res);
        continue;
      }
      if (!cold.has(key(c))) cold.set(key(c), res.seconds[0]!);
      warm.set(key(c), [...(warm.get(key(c)) ?? []), res.seconds[1]!]);
      const before = peak.get(key(c));
      peak.set(key(c), {
        ...res,
        peakRssMb: Math.max(res.peakRssMb, before?.peakRssMb ?? 0),
        maxDelayMs: Math.max(res.maxDelayMs, before?.maxDelayMs ?? 0),
      });
    }
  }
  console.log(`engine   threads  columns   cold (s)  median of ${runs} (s)  MB/s   peak RSS   max event-loop delay`);
  const results = new Map<string, number>();
  for (const c of configs) {
    const cols = c.columns === null ? 'all 9' : `${c.columns.length} of 9`;
    const why = failed.get(key(c));
    const r = peak.get(key(c));
    if (why !== undefined || r === undefined) {
      console.log(`${c.engine.padEnd(8)} ${String(c.threads).padStart(7)}  ${cols.padEnd(8)}  ${why ?? 'no result'}`);
      continue;
    }
    const t = median(warm.get(key(c))!);
    results.set(key(c), t);
    const mbps = (r.bytes / 1e6 / t).toFixed(0);
    console.log(
      `${c.engine.padEnd(8)} ${String(c.threads).padStart(7)}  ${cols.padEnd(8)}  ${fmt(cold.get(key(c))!)}     ${fmt(t)}           ${mbps.padStart(5)}  ${String(r.peakRssMb).padStart(5)} MB   ${String(r.maxDelayMs).padStart(5)} ms   (${r.rows.toLocaleString('en-US')} rows)`,
    );
  }
  const ratio = (a: string, b: string): string => {
    const x = results.get(a);
    const y = results.get(b);
    return x && y ? `${(x / y).toFixed(2)}x` : 'n/a';
  };
  console.log('ratios (medians)');
  console.log(`  volley ${threads} threads vs 1 thread (speed-up)        ${ratio(`volley:1:all`, `volley:${threads}:all`)}`);
  console.log(`  volley all 9 vs 2 of 9 columns, ${threads} threads        ${ratio(`volley:${threads}:all`, `volley:${threads}:2`)}`);
  console.log(`  volley / polars readCSV (${threads} threads, >1 = slower) ${ratio(`volley:${threads}:all`, `polars:${threads}:all`)}`);
  console.log(`  volley / duckdb read_csv (${threads} threads)           ${ratio(`volley:${threads}:all`, `duckdb:${threads}:all`)}`);
  console.log('where the time goes (one thread, warm, this process)');
  await breakdown(csv); // warm-up pass: the figures below are for compiled code
  for (const line of await breakdown(csv)) console.log(line);
}

await main();
