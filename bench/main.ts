/** `npm start`: makes sure a seeded H2O groupby data set exists, loads it with readCsv and shows what came back. */
import { ensureH2O, h2oName, parseCount, type H2OOptions } from '../datasets/h2o.js';
import { readCsv } from '../src/io/csv/read.js';

/**
 * Data set size from the environment, so a bigger run needs no code change:
 * `VOLLEY_ROWS=1e7 VOLLEY_K=100 npm start`.
 *
 * @example
 * datasetFromEnv({ VOLLEY_ROWS: '1e6' }); // { rows: 1000000, k: 100 }
 */
export function datasetFromEnv(env: NodeJS.ProcessEnv = process.env): H2OOptions {
  return {
    rows: parseCount(env.VOLLEY_ROWS ?? '1e5'),
    k: parseCount(env.VOLLEY_K ?? '1e2'),
  };
}

async function main(): Promise<void> {
  const dataset = datasetFromEnv();
  const genStart = performance.now();
  const { path, generated, bytes } = await ensureH2O(dataset);
  const genMs = performance.now() - genStart;
  console.log(`data set  ${h2oName(dataset)}: ${path}`);
  console.log(`          ${(bytes / 1e6).toFixed(1)} MB, ${generated ? `generated in ${genMs.toFixed(0)} ms` : 'already on disk'}`);

  const loadStart = performance.now();
  const df = await readCsv(path);
  const loadMs = performance.now() - loadStart;
  console.log(`readCsv   ${df.height.toLocaleString('en-US')} rows in ${loadMs.toFixed(0)} ms (${(bytes / 1e3 / loadMs).toFixed(0)} MB/s)`);
  console.log('schema');
  for (const field of df.schema.fields) console.log(`  ${field.name.padEnd(4)} ${field.dtype}`);
  console.log(df.head(5).toString());
}

await main();
