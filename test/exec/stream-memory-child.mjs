/** Child process of the streaming memory test: sums every column of a wide CSV file by group, with or without streaming, and reports how far resident memory rose meanwhile. */
import { col, readCsv, scanCsv, shutdownPool } from '../../dist/src/index.js';

const [path, mode, threads] = process.argv.slice(2);
const t = Number(threads);
// start the pool on a small read, so its threads do not count against the query
await readCsv(path, { threads: t, nRows: 10_000 });
const base = process.memoryUsage().rss;
let peak = base;
// the main thread stays free while the pool works, so this samples throughout the query
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
const names = Array.from({ length: 29 }, (_, i) => `c${i + 1}`);
const out = await scanCsv(path, { rangeSize: 1 << 20 })
  .groupBy('c0')
  .agg(...names.map((n) => col(n).sum().alias(n)))
  .sort('c0')
  .collect({ threads: t, streaming: mode === 'streaming' });
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
process.stdout.write(
  `${JSON.stringify({ grew: peak - base, answer: out.toRecords().map((r) => Object.values(r).map(String).join(',')) })}\n`,
);
await shutdownPool();
