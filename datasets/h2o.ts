/** Seeded, byte-for-byte reproducible generator for the H2O.ai db-benchmark groupby data sets (G1_<rows>_<K>_<nas>_<sorted>). */
import { existsSync, statSync } from 'node:fs';
import { mkdir, open, rename, rm, type FileHandle } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { packageRoot } from './package-root.js';

/** Seed used when none is given; 108 is the seed of the original `groupby-datagen.R`. */
export const DEFAULT_SEED = 108;

/** Column names of the groupby layout, in file order. */
export const H2O_COLUMNS = ['id1', 'id2', 'id3', 'id4', 'id5', 'id6', 'v1', 'v2', 'v3'] as const;

/** What to generate. Only `rows` is required. */
export interface H2OOptions {
  /** Number of data rows (1e7 in the classic benchmark). */
  rows: number;
  /** Group cardinality K (default 100): id1/id2/id4/id5 take K values, id3/id6 take rows/K. */
  k?: number;
  /** Percent of values in every column left empty, 0..100 (default 0). */
  nas?: number;
  /** Sort rows by id1..id6, nulls first (default false). */
  sorted?: boolean | 0 | 1;
  /** PRNG seed, an integer taken modulo 2^32 (default {@link DEFAULT_SEED}). */
  seed?: number;
}

/** Where and how {@link generateH2O} writes. */
export interface GenerateH2OOptions extends H2OOptions {
  /** Output file; default `<dir>/<h2oName>.csv`. */
  out?: string;
  /** Output folder when `out` is not given; default `datasets/out/` in the package root. */
  dir?: string;
  /** Bytes per write (default 8 MiB). The bytes written do not depend on it. */
  blockSize?: number;
}

interface Resolved {
  rows: number;
  k: number;
  /** rows / K, the cardinality of id3 and id6. */
  nk: number;
  /** Exact number of empty fields per column. */
  nullsPerColumn: number;
  sorted: boolean;
  seed: number;
}

const DEFAULT_BLOCK_SIZE = 8 << 20;
/** Rows generated per pass when streaming; keeps the working set in cache without affecting the output. */
const CHUNK_ROWS = 1 << 16;
/** Largest row the serializer can emit: nine fields of at most 12 digits plus prefixes and separators. */
const MAX_ROW_BYTES = 9 * 16;
/** Above this a JS string gets unwieldy; larger sets should go to a file. */
const MAX_CSV_TEXT_ROWS = 2_000_000;

const HEADER = Buffer.from(`${H2O_COLUMNS.join(',')}\n`, 'latin1');
const COMMA = 44;
const NEWLINE = 10;
const DOT = 46;
const ZERO = 48;
const LETTER_I = 105;
const LETTER_D = 100;

/**
 * Parses a row or group count written as `1e7`, `1E6`, `2e0`, `1000000` or `1_000_000`.
 *
 * @example
 * parseCount('1e7');      // 10000000
 * parseCount('100');      // 100
 * parseCount('1.5e3');    // 1500
 */
export function parseCount(text: string): number {
  const clean = text.trim().replace(/_/g, '');
  const n = /^[0-9]+(\.[0-9]+)?([eE]\+?[0-9]+)?$/.test(clean) ? Number(clean) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new RangeError(`expected a positive whole count like 1e6 or 1000000, got "${text}"`);
  return n;
}

/** `1e7`, `2e0`, `1.5e6`: the way the benchmark spells sizes in file names. */
function sci(n: number): string {
  return n.toExponential().replace('e+', 'e');
}

/**
 * The benchmark's data set name, `G1_<rows>_<K>_<nas>_<sorted>`; the seed is not part of it.
 *
 * @example
 * h2oName({ rows: 1e7, k: 100 });                    // 'G1_1e7_1e2_0_0'
 * h2oName({ rows: 1e6, k: 2, nas: 5, sorted: true }); // 'G1_1e6_2e0_5_1'
 */
export function h2oName(options: H2OOptions): string {
  const o = resolveOptions(options);
  return `G1_${sci(o.rows)}_${sci(o.k)}_${options.nas ?? 0}_${o.sorted ? 1 : 0}`;
}

/**
 * Default output folder for generated data sets: `datasets/out/` in the package root (git-ignored).
 *
 * @example
 * defaultOutDir(); // '/path/to/volley/datasets/out'
 */
export function defaultOutDir(): string {
  return join(packageRoot(), 'datasets', 'out');
}

/**
 * The file {@link generateH2O} writes by default. A non-default seed is appended to the name
 * so that differently seeded files never pass for one another in the cache.
 *
 * @example
 * h2oPath({ rows: 1e6 });          // '<root>/datasets/out/G1_1e6_1e2_0_0.csv'
 * h2oPath({ rows: 1e6, seed: 7 }); // '<root>/datasets/out/G1_1e6_1e2_0_0_seed7.csv'
 */
export function h2oPath(options: H2OOptions, dir: string = defaultOutDir()): string {
  const o = resolveOptions(options);
  const suffix = o.seed === DEFAULT_SEED ? '' : `_seed${o.seed}`;
  return resolve(dir, `${h2oName(options)}${suffix}.csv`);
}

function resolveOptions(options: H2OOptions): Resolved {
  const { rows, k = 100, nas = 0, sorted = false, seed = DEFAULT_SEED } = options;
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isSafeInteger(k) || k < 1 || k > 0xffffffff) throw new RangeError(`k must be a positive integer, got ${k}`);
  if (!(nas >= 0 && nas <= 100)) throw new RangeError(`nas is a percentage in 0..100, got ${nas}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  // R's sample(N/K) draws from 1:floor(N/K); never fewer than one value.
  const nk = Math.max(1, Math.floor(rows / k));
  if (nk > 0xffffffff) throw new RangeError(`rows / k = ${nk} is too many distinct values`);
  return {
    rows,
    k,
    nk,
    // as.integer(N * nas / 100) in the original: an exact count, not a per-cell coin flip.
    nullsPerColumn: Math.floor((rows * nas) / 100),
    sorted: sorted === true || sorted === 1,
    seed: seed >>> 0,
  };
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Counting generator): passes PractRand, needs only
 * 32-bit adds, xors and shifts, so V8 keeps it in registers. Math.random cannot be seeded.
 */
class Sfc32 {
  private a: number;
  private b: number;
  private c: number;
  private d = 1;

  /** Separate streams per column keep each column's values independent of the others and of chunking. */
  constructor(seed: number, stream: number) {
    const mix = splitmix32((seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0);
    this.a = mix();
    this.b = mix();
    this.c = mix();
    // The first outputs of a freshly seeded sfc32 are poorly mixed; the reference code discards them.
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A uniform uint32, as a non-negative number. */
  next(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }
}

function splitmix32(state: number): () => number {
  let s = state;
  return () => {
    s = (s + 0x9e3779b9) | 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

type Store = Uint8Array | Uint16Array | Uint32Array;

/** The narrowest unsigned array for values 0..max, so a sorted 1e7-row set stays around 250 MB. */
function storeFor(max: number, length: number): Store {
  return max <= 0xff ? new Uint8Array(length) : max <= 0xffff ? new Uint16Array(length) : new Uint32Array(length);
}

/**
 * One column's generator. Values are stored as 1..n and 0 means null, so nulls sort first
 * (as R's setkey does) with no separate validity array; v3 is stored as micro-units + 1.
 */
class ColumnSource {
  private readonly values: Sfc32;
  private readonly nulls: Sfc32;
  private nullsLeft: number;
  private rowsLeft: number;
  /** n / 2^32: maps a uint32 onto 0..n-1 by multiply-and-floor, the bias is below n / 2^32. */
  private readonly scale: number;

  constructor(
    readonly n: number,
    o: Resolved,
    column: number,
  ) {
    this.values = new Sfc32(o.seed, column);
    // Nulls come from their own stream so that a file with nas > 0 is the nas = 0 file with fields blanked.
    this.nulls = new Sfc32(o.seed, column + 64);
    this.nullsLeft = o.nullsPerColumn;
    this.rowsLeft = o.rows;
    this.scale = n / 4294967296;
  }

  fill(out: Store, from: number, count: number): void {
    const rng = this.values;
    const scale = this.scale;
    for (let i = from; i < from + count; i++) out[i] = 1 + Math.floor(rng.next() * scale);
    if (this.nullsLeft > 0) this.blank(out, from, count);
  }

  /**
   * Knuth's selection sampling (Algorithm S): row i is chosen with probability needed / remaining,
   * which picks exactly `nullsPerColumn` rows, uniformly, in one streaming pass and no memory.
   */
  private blank(out: Store, from: number, count: number): void {
    const rng = this.nulls;
    for (let i = from; i < from + count; i++) {
      if (rng.next() * this.rowsLeft < this.nullsLeft * 4294967296) {
        out[i] = 0;
        this.nullsLeft--;
      }
      this.rowsLeft--;
    }
  }
}

interface Columns {
  id1: Store;
  id2: Store;
  id3: Store;
  id4: Store;
  id5: Store;
  id6: Store;
  v1: Store;
  v2: Store;
  v3: Store;
}

/** Cardinalities in column order; v3 draws micro-units 0..1e8-1, i.e. [0, 100) with 6 decimals. */
function cardinalities(o: Resolved): number[] {
  return [o.k, o.k, o.nk, o.k, o.k, o.nk, 5, 15, 1e8];
}

function makeColumns(o: Resolved, length: number): Columns {
  const [c1, c2, c3, c4, c5, c6, c7, c8, c9] = cardinalities(o) as [number, number, number, number, number, number, number, number, number];
  return {
    id1: storeFor(c1, length),
    id2: storeFor(c2, length),
    id3: storeFor(c3, length),
    id4: storeFor(c4, length),
    id5: storeFor(c5, length),
    id6: storeFor(c6, length),
    v1: storeFor(c7, length),
    v2: storeFor(c8, length),
    v3: storeFor(c9, length),
  };
}

function fillColumns(sources: ColumnSource[], cols: Columns, from: number, count: number): void {
  const arrays = [cols.id1, cols.id2, cols.id3, cols.id4, cols.id5, cols.id6, cols.v1, cols.v2, cols.v3];
  sources.forEach((s, j) => s.fill(arrays[j]!, from, count));
}

/**
 * Row order for `sorted`: LSD radix sort, one stable counting-sort pass per key from id6 up to id1.
 * Every key is a small integer, so six O(n + range) passes beat a comparison sort by a wide margin.
 */
function sortedOrder(cols: Columns, rows: number): Uint32Array {
  let order = new Uint32Array(rows);
  let scratch = new Uint32Array(rows);
  for (let i = 0; i < rows; i++) order[i] = i;
  for (const key of [cols.id6, cols.id5, cols.id4, cols.id3, cols.id2, cols.id1]) {
    let max = 0;
    for (let i = 0; i < rows; i++) if (key[i]! > max) max = key[i]!;
    const starts = new Uint32Array(max + 2);
    for (let i = 0; i < rows; i++) starts[key[i]! + 1]!++;
    for (let v = 1; v <= max + 1; v++) starts[v]! += starts[v - 1]!;
    for (let i = 0; i < rows; i++) {
      const r = order[i]!;
      scratch[starts[key[r]!]!++] = r;
    }
    [order, scratch] = [scratch, order];
  }
  return order;
}

/** All rows, generated in the same chunks as the streaming path (so the same values), then sorted. */
function sortedColumns(sources: ColumnSource[], o: Resolved): Columns {
  const cols = makeColumns(o, o.rows);
  for (let from = 0; from < o.rows; from += CHUNK_ROWS) fillColumns(sources, cols, from, Math.min(CHUNK_ROWS, o.rows - from));
  // Returning only the permuted copy lets the unsorted arrays and the order be collected while serializing.
  return permute(cols, sortedOrder(cols, o.rows));
}

/**
 * Reorders every column by `order` up front. A tight gather loop per column lets the CPU overlap
 * its cache misses; reading nine columns through `order` row by row while formatting was about 5x slower.
 */
function permute(cols: Columns, order: Uint32Array): Columns {
  const gather = (src: Store): Store => {
    const out = new (src.constructor as new (length: number) => Store)(src.length);
    for (let i = 0; i < order.length; i++) out[i] = src[order[i]!]!;
    return out;
  };
  return {
    id1: gather(cols.id1),
    id2: gather(cols.id2),
    id3: gather(cols.id3),
    id4: gather(cols.id4),
    id5: gather(cols.id5),
    id6: gather(cols.id6),
    v1: gather(cols.v1),
    v2: gather(cols.v2),
    v3: gather(cols.v3),
  };
}

function digitCount(n: number): number {
  let d = 1;
  while (n >= 10) {
    n = Math.floor(n / 10);
    d++;
  }
  return d;
}

/** Writes n in decimal at pos and returns the new position. */
function putUint(buf: Uint8Array, pos: number, n: number): number {
  const end = pos + digitCount(n);
  let p = end;
  do {
    const q = Math.floor(n / 10);
    buf[--p] = ZERO + n - q * 10;
    n = q;
  } while (n > 0);
  return end;
}

/** `id` followed by n zero-padded to `width` digits, like sprintf("id%0*d"); wider numbers keep all digits. */
function putId(buf: Uint8Array, pos: number, n: number, width: number): number {
  buf[pos] = LETTER_I;
  buf[pos + 1] = LETTER_D;
  const end = pos + 2 + Math.max(width, digitCount(n));
  for (let p = end - 1; p >= pos + 2; p--) {
    const q = Math.floor(n / 10);
    buf[p] = ZERO + n - q * 10;
    n = q;
  }
  return end;
}

/**
 * v3 from micro-units: the shortest decimal with at most 6 places, as R's fwrite prints
 * `round(x, 6)` (`7.743712`, `23.5749`, `12`). Integer arithmetic keeps it exact and fast.
 */
function putMicros(buf: Uint8Array, pos: number, micros: number): number {
  const whole = Math.floor(micros / 1e6);
  let frac = micros - whole * 1e6;
  pos = putUint(buf, pos, whole);
  if (frac === 0) return pos;
  buf[pos] = DOT;
  let end = pos + 7;
  for (let p = end - 1; p > pos; p--) {
    const q = Math.floor(frac / 10);
    buf[p] = ZERO + frac - q * 10;
    frac = q;
  }
  while (buf[end - 1] === ZERO) end--;
  return end;
}

/**
 * Serializes rows [from, to) of `cols` into blocks of about
 * `blockSize` bytes, yielding each full block; returns the unfinished one for the caller to continue.
 */
function* serialize(
  cols: Columns,
  from: number,
  to: number,
  block: { buf: Uint8Array; pos: number },
  blockSize: number,
): Generator<Uint8Array, void, undefined> {
  const { id1, id2, id3, id4, id5, id6, v1, v2, v3 } = cols;
  let buf = block.buf;
  let pos = block.pos;
  for (let i = from; i < to; i++) {
    if (pos >= blockSize) {
      yield buf.subarray(0, pos);
      buf = Buffer.allocUnsafe(blockSize + MAX_ROW_BYTES);
      pos = 0;
    }
    let x = id1[i]!;
    if (x !== 0) pos = putId(buf, pos, x, 3);
    buf[pos++] = COMMA;
    x = id2[i]!;
    if (x !== 0) pos = putId(buf, pos, x, 3);
    buf[pos++] = COMMA;
    x = id3[i]!;
    if (x !== 0) pos = putId(buf, pos, x, 10);
    buf[pos++] = COMMA;
    x = id4[i]!;
    if (x !== 0) pos = putUint(buf, pos, x);
    buf[pos++] = COMMA;
    x = id5[i]!;
    if (x !== 0) pos = putUint(buf, pos, x);
    buf[pos++] = COMMA;
    x = id6[i]!;
    if (x !== 0) pos = putUint(buf, pos, x);
    buf[pos++] = COMMA;
    x = v1[i]!;
    if (x !== 0) pos = putUint(buf, pos, x);
    buf[pos++] = COMMA;
    x = v2[i]!;
    if (x !== 0) pos = putUint(buf, pos, x);
    buf[pos++] = COMMA;
    x = v3[i]!;
    if (x !== 0) pos = putMicros(buf, pos, x - 1);
    buf[pos++] = NEWLINE;
  }
  block.buf = buf;
  block.pos = pos;
}

/**
 * The CSV bytes of a data set (header first, LF line ends) as a sequence of blocks of about
 * `blockSize` bytes. Each yielded block is a fresh buffer the caller may keep or hand to I/O.
 * Unsorted sets stream in constant memory; sorted ones are materialized to be ordered.
 *
 * @example
 * for (const block of h2oBlocks({ rows: 1e6, k: 100 })) process.stdout.write(block);
 */
export function* h2oBlocks(options: H2OOptions, blockSize: number = DEFAULT_BLOCK_SIZE): Generator<Uint8Array, void, undefined> {
  const o = resolveOptions(options);
  const size = Math.max(1, Math.floor(blockSize));
  const sources = cardinalities(o).map((n, j) => new ColumnSource(n, o, j));
  const block = { buf: Buffer.allocUnsafe(size + MAX_ROW_BYTES + HEADER.length) as Uint8Array, pos: 0 };
  block.buf.set(HEADER, 0);
  block.pos = HEADER.length;
  if (o.sorted) {
    yield* serialize(sortedColumns(sources, o), 0, o.rows, block, size);
  } else {
    const cols = makeColumns(o, Math.min(CHUNK_ROWS, o.rows));
    for (let from = 0; from < o.rows; from += CHUNK_ROWS) {
      const count = Math.min(CHUNK_ROWS, o.rows - from);
      fillColumns(sources, cols, 0, count);
      yield* serialize(cols, 0, count, block, size);
    }
  }
  if (block.pos > 0) yield block.buf.subarray(0, block.pos);
}

/**
 * The whole data set as CSV text, for tests and examples; at most 2e6 rows (use {@link generateH2O} beyond).
 *
 * @example
 * h2oCsv({ rows: 2, k: 10, seed: 1 });
 * // 'id1,id2,id3,id4,id5,id6,v1,v2,v3\nid001,id008,id0000000001,2,10,1,1,11,1.46302\nid003,id004,...'
 */
export function h2oCsv(options: H2OOptions): string {
  if (options.rows > MAX_CSV_TEXT_ROWS)
    throw new RangeError(`h2oCsv builds one string; ${options.rows} rows is too many, use generateH2O to write a file`);
  return Buffer.concat([...h2oBlocks(options)]).toString('latin1');
}

/**
 * Writes a data set as CSV and resolves to its path. The file appears under its final name only
 * once complete (written to `<path>.tmp`, then renamed), so a crashed run never leaves a file
 * that looks finished. While one block is being written the next one is generated.
 *
 * @example
 * const path = await generateH2O({ rows: 1e7, k: 100, nas: 0, sorted: false, seed: 108 });
 * // '<root>/datasets/out/G1_1e7_1e2_0_0.csv', about 500 MB
 */
export async function generateH2O(options: GenerateH2OOptions): Promise<string> {
  const path = options.out !== undefined ? resolve(options.out) : h2oPath(options, options.dir);
  const tmp = `${path}.tmp`;
  await mkdir(dirname(path), { recursive: true });
  const file = await open(tmp, 'w');
  let pending: Promise<void> = Promise.resolve();
  try {
    for (const block of h2oBlocks(options, options.blockSize)) {
      await pending;
      pending = writeAll(file, block);
    }
    await pending;
  } catch (err) {
    await pending.catch(() => undefined);
    await file.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await file.close();
  await rename(tmp, path);
  return path;
}

async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  let offset = 0;
  // A write may be short (full disk, signals); loop until every byte is down.
  while (offset < bytes.length) {
    const { bytesWritten } = await file.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
}

/**
 * The path of a data set, generating it first if the file does not exist yet.
 *
 * @example
 * const path = await ensureH2O({ rows: 1e5, k: 100 }); // generated once, reused afterwards
 */
export async function ensureH2O(options: GenerateH2OOptions): Promise<{ path: string; generated: boolean; bytes: number }> {
  const path = options.out !== undefined ? resolve(options.out) : h2oPath(options, options.dir);
  if (existsSync(path)) return { path, generated: false, bytes: statSync(path).size };
  await generateH2O({ ...options, out: path });
  return { path, generated: true, bytes: statSync(path).size };
}
