/** Small real CSV files that the npm package vega-datasets (a dev dependency) ships, found through the package itself. */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** The npm package the real-world files come from. */
export const REAL_WORLD_PACKAGE = 'vega-datasets';

/** What is known about one shipped CSV, checked by the tests against the file itself. */
export interface RealWorldCsvInfo {
  /** File name inside the package's `data/` folder. */
  readonly file: string;
  /** Data rows (the header not counted). */
  readonly rows: number;
  /** Field texts that mean "missing"; pass them as `readCsv`'s `nullValues`. Empty fields are null anyway. */
  readonly nullValues: readonly string[];
  /** What the file holds and what makes it a useful test of a CSV reader. */
  readonly description: string;
}

/** The CSV files this project uses from {@link REAL_WORLD_PACKAGE}. */
export const REAL_WORLD_CSVS = {
  airports: {
    file: 'airports.csv',
    rows: 3376,
    nullValues: ['NA'],
    description:
      'FAA airports (iata, name, city, state, country, latitude, longitude); "NA" marks 12 missing cities and states; ' +
      'quoted fields with commas and doubled quotes',
  },
  birdstrikes: {
    file: 'birdstrikes.csv',
    rows: 10_000,
    nullValues: [],
    description:
      'FAA wildlife strikes 1990-2002: 14 columns whose names hold spaces and "$", ISO dates, integer costs, ' +
      'empty speeds; CRLF line ends and no newline after the last row',
  },
} as const satisfies Record<string, RealWorldCsvInfo>;

/** The name of a real-world CSV: `'airports'` or `'birdstrikes'`. */
export type RealWorldName = keyof typeof REAL_WORLD_CSVS;

function notInstalled(name: string, why: string): Error {
  return new Error(
    `the npm package "${name}" is not installed (${why}); it is a dev dependency of Volley: run \`npm ci\` in the project root`,
  );
}

/**
 * The root folder of an installed npm package, found with Node's own module resolution from
 * `from` (by default this module), so it works from `datasets/` and `dist/datasets/` and wherever
 * npm placed the package. The package's main entry is resolved and its folders walked up to the
 * `package.json` that names the package (vega-datasets does not export `./package.json`).
 * Throws an error naming the package and `npm ci` when it is missing.
 *
 * @example
 * packageRoot('vega-datasets');        // '/path/to/volley/node_modules/vega-datasets'
 * packageRoot('no-such-package');      // throws: the npm package "no-such-package" is not installed (...): run `npm ci` ...
 */
export function packageRoot(name: string, from: string | URL = import.meta.url): string {
  let entry: string;
  try {
    entry = createRequire(from).resolve(name);
  } catch (err) {
    throw notInstalled(name, err instanceof Error && 'code' in err ? String(err.code) : 'cannot be resolved');
  }
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === name) return dir;
    if (dirname(dir) === dir) throw notInstalled(name, `no package.json above ${entry}`);
  }
}

/**
 * The absolute path of a real-world CSV shipped by vega-datasets. Throws an error that names the
 * package and `npm ci` when the package or the file is missing. Read it with the options the
 * file needs: `nullValues: REAL_WORLD_CSVS.airports.nullValues`.
 *
 * @example
 * const path = realWorldCsv('airports');  // '.../node_modules/vega-datasets/data/airports.csv'
 * const df = await readCsv(path, { nullValues: [...REAL_WORLD_CSVS.airports.nullValues] });
 * df.height;                              // 3376
 */
export function realWorldCsv(name: RealWorldName): string {
  const info: RealWorldCsvInfo | undefined = REAL_WORLD_CSVS[name];
  if (info === undefined) {
    throw new RangeError(`unknown real-world CSV "${String(name)}"; known: ${Object.keys(REAL_WORLD_CSVS).join(', ')}`);
  }
  const root = packageRoot(REAL_WORLD_PACKAGE);
  const path = join(root, 'data', info.file);
  if (!existsSync(path)) {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version?: string };
    throw new Error(
      `${REAL_WORLD_PACKAGE}@${version ?? '?'} in ${root} has no data/${info.file}; ` +
        'run `npm ci` in the project root to install the version package-lock.json pins',
    );
  }
  return path;
}
