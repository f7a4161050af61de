/** Command line for the H2O generators: groupby `npm run gen -- 1e7 --k 100 --nas 0 --sorted 0 --seed 108 --out path`, join `npm run gen -- join 1e7`. */
import { isEntryScript } from './entry.js';
import { parseScriptArgs } from './script-args.js';
import { statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_SEED, generateH2O, parseCount, type GenerateH2OOptions } from './h2o.js';
import { generateH2OJoin, JOIN_TABLES, type GenerateH2OJoinOptions } from './h2o-join.js';

const USAGE = `usage: npm run gen -- <rows> [--k 100] [--nas 0] [--sorted 0|1] [--seed ${DEFAULT_SEED}] [--out path]

  rows      number of rows: 1e6, 1e7, 1000000
  --k       group cardinality K (default 100, also 1e2)
  --nas     percent of empty fields per column, 0..100 (default 0)
  --sorted  1 to sort rows by id1..id6 (default 0)
  --seed    integer seed (default ${DEFAULT_SEED}); the same seed gives the same bytes
  --out     output file (default datasets/out/G1_<rows>_<K>_<nas>_<sorted>.csv)

       npm run gen -- join <rows> [--seed ${DEFAULT_SEED}] [--dir path]

  writes the join set J1_<rows>_NA_0_0.csv and its right tables (rows/1e6, rows/1e3, rows)
  --dir     output folder (default datasets/out/)`;

/**
 * Parses `join <rows> [--seed n] [--dir path]` into join generator options; throws with the usage text on bad input.
 *
 * @example
 * parseJoinArgs(['1e6', '--seed', '7']); // { rows: 1000000, seed: 7 }
 */
export function parseJoinArgs(argv: string[]): GenerateH2OJoinOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { seed: { type: 'string' }, dir: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) throw new Error(USAGE);
  if (positionals.length !== 1) throw new Error(`expected exactly one row count\n\n${USAGE}`);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed takes an integer, got "${values.seed}"`);
  const options: GenerateH2OJoinOptions = { rows: parseCount(positionals[0]!), seed };
  if (values.dir !== undefined) options.dir = values.dir;
  return options;
}

async function mainJoin(argv: string[]): Promise<void> {
  const options = parseScriptArgs('gen join', USAGE, parseJoinArgs, argv);
  const start = performance.now();
  const paths = await generateH2OJoin(options);
  const seconds = (performance.now() - start) / 1000;
  for (const t of JOIN_TABLES) console.log(`${paths[t]} (${(statSync(paths[t]).size / 1e6).toFixed(1)} MB)`);
  console.log(`${options.rows.toLocaleString('en-US')} rows on the left in ${seconds.toFixed(2)} s`);
}

/**
 * Parses the command line into generator options; throws with the usage text on bad input.
 *
 * @example
 * parseGenerateArgs(['1e6', '--k', '10', '--sorted', '1']); // { rows: 1000000, k: 10, sorted: true, ... }
 */
export function parseGenerateArgs(argv: string[]): GenerateH2OOptions {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      k: { type: 'string' },
      nas: { type: 'string' },
      sorted: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) throw new Error(USAGE);
  if (positionals.length !== 1) throw new Error(`expected exactly one row count\n\n${USAGE}`);
  const nas = values.nas === undefined ? 0 : Number(values.nas);
  const seed = values.seed === undefined ? DEFAULT_SEED : Number(values.seed);
  if (values.sorted !== undefined && values.sorted !== '0' && values.sorted !== '1')
    throw new Error(`--sorted takes 0 or 1, got "${values.sorted}"`);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed takes an integer, got "${values.seed}"`);
  if (!(nas >= 0 && nas <= 100)) throw new Error(`--nas takes a percentage in 0..100, got "${values.nas}"`);
  const options: GenerateH2OOptions = {
    rows: parseCount(positionals[0]!),
    k: values.k === undefined ? 100 : parseCount(values.k),
    nas,
    sorted: values.sorted === '1',
    seed,
  };
  if (values.out !== undefined) options.out = values.out;
  return options;
}

async function main(): Promise<void> {
  if (process.argv[2] === 'join') return mainJoin(process.argv.slice(3));
  const options = parseScriptArgs('gen', USAGE, parseGenerateArgs);
  const start = performance.now();
  const path = await generateH2O(options);
  const seconds = (performance.now() - start) / 1000;
  const mb = statSync(path).size / 1e6;
  console.log(path);
  console.log(
    `${options.rows.toLocaleString('en-US')} rows, ${mb.toFixed(1)} MB in ${seconds.toFixed(2)} s (${(mb / seconds).toFixed(0)} MB/s)`,
  );
}

if (isEntryScript(import.meta.url)) await main();
