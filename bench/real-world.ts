/**
 * `npm run example`: a real CSV (airports.csv from the vega-datasets package) loaded with
 * `readCsv` and queried with `scanCsv`, on one thread and on every core, with the answers printed
 * and checked to be identical.
 */
import { availableParallelism } from 'node:os';
import { REAL_WORLD_CSVS, realWorldCsv } from '../datasets/real-world.js';
import { readCsv, scanCsv, shutdownPool, type DataFrame, type LazyFrame } from '../src/index.js';
import { frameDifference } from './frame-difference.js';
import { AIRPORT_QUERIES } from './real-world-queries.js';

const ms = (start: number): string => `${(performance.now() - start).toFixed(1)} ms`;

/** Collects `lf` with each thread count; returns the answers and a line of timings. */
async function collectAll(lf: LazyFrame, threads: readonly number[]): Promise<{ answers: DataFrame[]; times: string }> {
  const answers: DataFrame[] = [];
  const times: string[] = [];
  for (const t of threads) {
    const start = performance.now();
    answers.push(await lf.collect({ threads: t }));
    times.push(`threads=${t} ${ms(start)}`);
  }
  return { answers, times: times.join(', ') };
}

async function main(): Promise<number> {
  const info = REAL_WORLD_CSVS.airports;
  const path = realWorldCsv('airports');
  const options = { nullValues: [...info.nullValues] };
  const threads = [...new Set([1, availableParallelism()])];
  const problems: string[] = [];
  const check = (what: string, answers: readonly DataFrame[]): void => {
    for (const other of answers.slice(1)) {
      const diff = frameDifference(answers[0]!, other);
      if (diff !== null) problems.push(`${what}: ${diff}`);
    }
  };

  console.log(`${path}\n${info.description}\n`);
  const loads: DataFrame[] = [];
  for (const t of threads) {
    const start = performance.now();
    loads.push(await readCsv(path, { ...options, threads: t }));
    console.log(`readCsv threads=${t}: ${loads.at(-1)!.height} rows in ${ms(start)}`);
  }
  check('readCsv', loads);
  const df = loads[0]!;
  console.log(`\n${df.toString()}\n`);

  for (const q of AIRPORT_QUERIES) {
    const eager = await collectAll(q.query(df.lazy()), threads);
    const scanned = await collectAll(q.query(scanCsv(path, options)), threads);
    check(q.title, [...eager.answers, ...scanned.answers]);
    console.log(`${q.title}\n  in memory: ${eager.times}\n  scanCsv:   ${scanned.times}`);
    console.log(`${eager.answers[0]!.toString({ maxRows: 20 })}\n`);
  }

  const international = AIRPORT_QUERIES.find((q) => q.id === 'international')!;
  console.log(`the plan of "${international.title}" over scanCsv:\n${international.query(scanCsv(path, options)).explain()}\n`);

  if (problems.length > 0) {
    for (const p of problems) console.log(`DIFFERENT: ${p}`);
    return 1;
  }
  console.log(`every answer is identical with threads ${threads.join(' and ')}, from readCsv and from scanCsv`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (err) {
  process.stderr.write(`example: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
} finally {
  await shutdownPool();
}
