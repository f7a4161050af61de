/** Dictionaries one thread keeps across the ranges it parses for one scan, so each range adds only values new to the thread. */
import { ByteDictionary } from './dictionary.js';
import type { CsvParseSpec } from './spec.js';

/** Scans whose dictionaries a thread keeps at once; older ones are dropped (a scan abandoned midway never says it is over). */
const KEPT_SCANS = 8;

/**
 * Identifies this thread's dictionaries: one module instance per thread, so a random id drawn at
 * load tells threads apart, and a thread that died and was replaced comes back with a new one.
 */
export const DICTIONARY_OWNER = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;

const scans = new Map<string, (ByteDictionary | null)[]>();
/** Dictionaries seeded (see threadDictionaries) whose entries no range has reported yet. */
const unreported = new WeakSet<object>();

/**
 * This thread's dictionaries for scan `scan`: one per utf8 column of `spec` (null elsewhere),
 * created on the scan's first range here, and then filled by `seed` (when given) before any range
 * uses them. A range parsed with them reports, for each utf8 column, only the entries it added
 * (EncodedDictionary.base is where they start), and its codes are this thread's codes: the caller
 * maps them, owner by owner, in file order.
 *
 * @example
 * const r = parseCsvRange(bytes, 0, bytes.length, spec, threadDictionaries('scan-1', spec));
 */
export function threadDictionaries(scan: string, spec: CsvParseSpec, seed?: () => void): (ByteDictionary | null)[] {
  let dicts = scans.get(scan);
  if (dicts === undefined) {
    // a plain column gets a dictionary per range (see CsvColumnSpec.plain)
    dicts = spec.columns.map((c) => (c.kind === 'utf8' && c.plain !== true ? new ByteDictionary() : null));
    scans.set(scan, dicts);
    if (scans.size > KEPT_SCANS) scans.delete(scans.keys().next().value!);
    if (seed !== undefined) {
      // registered first: the seed parses with these very dictionaries
      seed();
      unreported.add(dicts);
    }
  }
  return dicts;
}

/**
 * The code from which a range parsed with `dicts` reports their entries: 0 for the first range
 * after a seed (the seed's own parse reported nothing), else undefined (the entries the range
 * adds). Asking counts as reporting.
 *
 * @example
 * parseCsvRange(bytes, start, end, spec, dicts, reportFrom(dicts));
 */
export function reportFrom(dicts: object): number | undefined {
  return unreported.delete(dicts) ? 0 : undefined;
}

/** What a thread has parsed into one scan's dictionaries so far. */
interface Parsed {
  /** Rows and bytes, the seed included: the rate of rows per byte. */
  rows: number;
  bytes: number;
  /** Bytes of the file's ranges this thread parsed, the seed excluded: its share of the file so far. */
  rangeBytes: number;
}

const parsedInto = new WeakMap<object, Parsed>();

/**
 * Below this share of rows that brought a new value, a column's dictionary grows as it fills: a
 * key of bounded cardinality (the H2O id5's 1,000 values show 52% new in the seed's 1,500 rows)
 * would otherwise get a table sized for every row of the range.
 */
const PRESIZE_NEW_SHARE = 0.75;

/**
 * Size the tables of `dicts` before the range of `bytes` bytes at `start` of a file of `size`
 * bytes is parsed. Each column whose values have so far been mostly new (a high-cardinality
 * column, where nearly every row brings one) gets room for as many more as this thread should
 * still meet at that rate: the rest of the file times the share of it the thread has parsed so far
 * (ranges are handed out in file order), from its second range on. Its table is then rebuilt
 * once or twice per scan instead of at every doubling: the rehashes took a third of the parse of
 * a million-value column. A guess that falls short only means growing as before; one too large
 * costs table slots the column's doubling would have reached anyway on a thread that parses most
 * of the file.
 *
 * @example
 * presizeDictionaries(dicts, p.end - p.start, p.start, p.size);
 */
export function presizeDictionaries(dicts: readonly (ByteDictionary | null)[], bytes: number, start: number, size: number): void {
  const seen = parsedInto.get(dicts);
  // Not before a thread's first range: the seed's 1,300 rows cannot tell a unique column from
  // one of 10,000 values (the H2O id3: 94% new there), and a table sized for a 16 MiB range's
  // 330,000 rows made every lookup of the latter miss the cache (G1 read 20% slower). A range's
  // worth of rows tells them apart.
  if (seen === undefined || seen.rangeBytes === 0 || seen.rows === 0) return;
  const share = start > 0 ? Math.min(1, seen.rangeBytes / start) : 0;
  const rows = (Math.max(bytes, share * (size - start)) * seen.rows) / seen.bytes;
  for (const d of dicts) {
    if (d === null) continue;
    const fresh = d.size / seen.rows;
    if (fresh >= PRESIZE_NEW_SHARE) d.reserve(d.size + Math.ceil(fresh * rows));
  }
}

/**
 * Count a parse of `rows` rows over `bytes` bytes into `dicts` (see presizeDictionaries); `seed`
 * when it was the seed, which is no share of the file's ranges.
 *
 * @example
 * noteParsed(dicts, r.rows, r.end - first, false);
 */
export function noteParsed(dicts: object, rows: number, bytes: number, seed: boolean): void {
  let seen = parsedInto.get(dicts);
  if (seen === undefined) {
    seen = { rows: 0, bytes: 0, rangeBytes: 0 };
    parsedInto.set(dicts, seen);
  }
  seen.rows += rows;
  seen.bytes += bytes;
  if (!seed) seen.rangeBytes += bytes;
}

/**
 * Drop this thread's dictionaries for `scan` (done on the calling thread when a scan ends; worker
 * threads drop theirs when newer scans push them out).
 *
 * @example
 * forgetThreadDictionaries('scan-1');
 */
export function forgetThreadDictionaries(scan: string): void {
  scans.delete(scan);
}
