/** Seeded generator for the H2O.ai db-benchmark join data sets: the left table J1_<N>_NA_0_0 and its small, medium and big right tables. */
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { DEFAULT_SEED, defaultOutDir } from './h2o.js';

/** The four tables of one join data set: the left table `x` and the three right tables. */
export type JoinTableName = 'x' | 'small' | 'medium' | 'big';

/** The tables in the order the benchmark lists them. */
export const JOIN_TABLES: readonly JoinTableName[] = ['x', 'small', 'medium', 'big'];

/** Column names per table, in file order (keys, their string forms, then the value column). */
export const JOIN_COLUMNS: Readonly<Record<JoinTableName, readonly string[]>> = {
  x: ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1'],
  small: ['id1', 'id4', 'v2'],
  medium: ['id1', 'id2', 'id4', 'id5', 'v2'],
  big: ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v2'],
};

/** How the right tables' row counts divide the left's: small N/1e6, medium N/1e3, big N. */
const RIGHT_DIVISORS: Readonly<Record<Exclude<JoinTableName, 'x'>, number>> = { small: 1e6, medium: 1e3, big: 1 };

/** What to generate: `rows` is N, the left table's row count. */
export interface H2OJoinOptions {
  rows: number;
  /** PRNG seed (default {@link DEFAULT_SEED}, as the benchmark's `set.seed(108)`). */
  seed?: number;
}

/** One generated table: integer key columns (1-based key numbers) and the value column. */
export interface JoinTable {
  readonly name: JoinTableName;
  readonly rows: number;
  /** id1, id2, id3 as present in this table (the string columns id4..id6 are derived from them). */
  readonly keys: Readonly<Partial<Record<'id1' | 'id2' | 'id3', Uint32Array>>>;
  /** The value column in micro-units (v = micros / 1e6), so printing is exact to 6 decimals. */
  readonly micros: Uint32Array;
}

/**
 * Number of distinct keys at one level: N / divisor, at least one so that small N still yields
 * every table (the benchmark itself requires N >= 1e7, where these divisions are exact).
 */
function levelSize(rows: number, divisor: number): number {
  return Math.max(1, Math.round(rows / divisor));
}

/** `1e7`, `1e0`, `1e-2`: the benchmark's spelling of sizes in file names. */
function sci(n: number): string {
  return n.toExponential().replace('e+', 'e');
}

/**
 * The benchmark's data set names: the left `J1_<N>_NA_0_0` and each right table with NA replaced
 * by its own size.
 *
 * @example
 * h2oJoinNames(1e7); // { x: 'J1_1e7_NA_0_0', small: 'J1_1e7_1e1_0_0', medium: 'J1_1e7_1e4_0_0', big: 'J1_1e7_1e7_0_0' }
 */
export function h2oJoinNames(rows: number): Record<JoinTableName, string> {
  const n = sci(rows);
  return {
    x: `J1_${n}_NA_0_0`,
    small: `J1_${n}_${sci(rows / 1e6)}_0_0`,
    medium: `J1_${n}_${sci(rows / 1e3)}_0_0`,
    big: `J1_${n}_${sci(rows)}_0_0`,
  };
}

/**
 * A counter-based generator (splitmix32 steps): one independent stream per purpose, so each
 * column's draws do not depend on how many values another column took.
 */
class Stream {
  private state: number;

  constructor(seed: number, stream: number) {
    this.state = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) | 0;
  }

  /** A uniform uint32 as a non-negative number. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    let z = this.state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** Uniform in 0..n-1 by multiply-and-floor (bias below n / 2^32). */
  below(n: number): number {
    return Math.floor((this.next() * n) / 4294967296);
  }
}

function shuffle(a: Uint32Array, rng: Stream): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.below(i + 1);
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

/** One key level split as the benchmark's `split_xlr`: 90% of keys on both sides, 10% only left, 10% only right. */
interface KeySplit {
  /** Keys of the left table (shared then left-only). */
  readonly left: Uint32Array;
  /** Keys of the right tables (shared then right-only). */
  readonly right: Uint32Array;
}

function splitKeys(n: number, rng: Stream): KeySplit {
  const shared = Math.round(n * 0.9);
  const only = n - shared;
  const all = new Uint32Array(n + only);
  for (let i = 0; i < all.length; i++) all[i] = i + 1;
  shuffle(all, rng);
  const right = new Uint32Array(n);
  right.set(all.subarray(0, shared));
  right.set(all.subarray(n, n + only), shared);
  return { left: all.slice(0, n), right };
}

/** `sample_all`: every key at least once, the rest drawn with replacement, then shuffled. */
function sampleAll(keys: Uint32Array, size: number, rng: Stream): Uint32Array {
  if (keys.length > size) throw new RangeError(`cannot place ${keys.length} keys in ${size} rows`);
  const out = new Uint32Array(size);
  out.set(keys);
  for (let i = keys.length; i < size; i++) out[i] = keys[rng.below(keys.length)]!;
  shuffle(out, rng);
  return out;
}

/** round(runif(n, max = 100), 6) as micro-units. */
function values(size: number, rng: Stream): Uint32Array {
  const out = new Uint32Array(size);
  for (let i = 0; i < size; i++) out[i] = rng.below(1e8);
  return out;
}

function resolveRows(options: H2OJoinOptions): { rows: number; seed: number } {
  const { rows, seed = DEFAULT_SEED } = options;
  if (!Number.isSafeInteger(rows) || rows < 1 || rows > 0x7fffffff)
    throw new RangeError(`rows must be a positive 32-bit integer, got ${rows}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  return { rows, seed: seed >>> 0 };
}

/**
 * All four tables of a join data set, in memory. Keys of level k (id1, id2, id3) number
 * N/1e6, N/1e3 and N; each table holds every key of its side at least once.
 *
 * @example
 * const t = h2oJoinTables({ rows: 1e4 });
 * t.big.rows; // 10000
 * t.x.keys.id3!.length; // 10000
 */
export function h2oJoinTables(options: H2OJoinOptions): Record<JoinTableName, JoinTable> {
  const { rows, seed } = resolveRows(options);
  const sizes = [levelSize(rows, 1e6), levelSize(rows, 1e3), rows];
  // fixed stream numbers per purpose keep each table's draws independent of the others
  const splits = sizes.map((n, level) => splitKeys(n, new Stream(seed, level)));
  const key = (level: number, side: 'left' | 'right', size: number, stream: number): Uint32Array =>
    sampleAll(splits[level]![side], size, new Stream(seed, stream));
  const x: JoinTable = {
    name: 'x',
    rows,
    keys: { id1: key(0, 'left', rows, 10), id2: key(1, 'left', rows, 11), id3: key(2, 'left', rows, 12) },
    micros: values(rows, new Stream(seed, 13)),
  };
  const nSmall = levelSize(rows, RIGHT_DIVISORS.small);
  const small: JoinTable = {
    name: 'small',
    rows: nSmall,
    keys: { id1: key(0, 'right', nSmall, 20) },
    micros: values(nSmall, new Stream(seed, 23)),
  };
  const nMedium = levelSize(rows, RIGHT_DIVISORS.medium);
  const medium: JoinTable = {
    name: 'medium',
    rows: nMedium,
    keys: { id1: key(0, 'right', nMedium, 30), id2: key(1, 'right', nMedium, 31) },
    micros: values(nMedium, new Stream(seed, 33)),
  };
  const big: JoinTable = {
    name: 'big',
    rows,
    keys: { id1: key(0, 'right', rows, 40), id2: key(1, 'right', rows, 41), id3: key(2, 'right', rows, 42) },
    micros: values(rows, new Stream(seed, 43)),
  };
  return { x, small, medium, big };
}

/** v from micro-units: the shortest decimal of round(v, 6), as R's fwrite prints it. */
function formatMicros(m: number): string {
  const whole = Math.floor(m / 1e6);
  const frac = m - whole * 1e6;
  if (frac === 0) return String(whole);
  return `${whole}.${String(frac).padStart(6, '0').replace(/0+$/, '')}`;
}

/** CSV text of rows [from, to) of a table, without the header. */
function csvRows(t: JoinTable, from: number, to: number): string {
  const { id1, id2, id3 } = t.keys;
  const ints = [id1, id2, id3].filter((k): k is Uint32Array => k !== undefined);
  const parts: string[] = [];
  for (let i = from; i < to; i++) {
    let line = '';
    for (const k of ints) line += `${k[i]!},`;
    for (const k of ints) line += `id${k[i]!},`;
    parts.push(`${line}${formatMicros(t.micros[i]!)}\n`);
  }
  return parts.join('');
}

/**
 * One table as CSV text (header first, LF line ends); for tests and small sets.
 *
 * @example
 * h2oJoinCsv(h2oJoinTables({ rows: 1e4 }).small); // 'id1,id4,v2\n1,id1,37.120391\n'
 */
export function h2oJoinCsv(t: JoinTable): string {
  return `${JOIN_COLUMNS[t.name].join(',')}\n${csvRows(t, 0, t.rows)}`;
}

/** Where and how {@link generateH2OJoin} writes. */
export interface GenerateH2OJoinOptions extends H2OJoinOptions {
  /** Output folder; default `datasets/out/` in the package root. */
  dir?: string;
}

/** Rows per write: large enough to amortize the call, small enough to keep strings short. */
const WRITE_ROWS = 1 << 16;

/**
 * Writes the four CSV files (the left table and the small, medium and big right tables) and
 * resolves to their paths. Each file appears under its final name only once complete. A
 * non-default seed is appended to the names so differently seeded files never pass for one another.
 *
 * @example
 * const paths = await generateH2OJoin({ rows: 1e6 });
 * paths.x; // '<root>/datasets/out/J1_1e6_NA_0_0.csv'
 */
export async function generateH2OJoin(options: GenerateH2OJoinOptions): Promise<Record<JoinTableName, string>> {
  const { seed } = resolveRows(options);
  const tables = h2oJoinTables(options);
  const names = h2oJoinNames(options.rows);
  const dir = options.dir ?? defaultOutDir();
  const suffix = seed === DEFAULT_SEED ? '' : `_seed${seed}`;
  const paths = {} as Record<JoinTableName, string>;
  for (const name of JOIN_TABLES) {
    const path = resolve(dir, `${names[name]}${suffix}.csv`);
    await writeTable(tables[name], path);
    paths[name] = path;
  }
  return paths;
}

async function writeTable(t: JoinTable, path: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp`;
  const file = await open(tmp, 'w');
  try {
    await writeAll(file, Buffer.from(`${JOIN_COLUMNS[t.name].join(',')}\n`, 'latin1'));
    for (let from = 0; from < t.rows; from += WRITE_ROWS)
      await writeAll(file, Buffer.from(csvRows(t, from, Math.min(t.rows, from + WRITE_ROWS)), 'latin1'));
  } catch (err) {
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  await rename(tmp, path);
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  // a write may be short (full disk, signals): loop until every byte is down
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}
