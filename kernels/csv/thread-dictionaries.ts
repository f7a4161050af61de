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
    dicts = spec.columns.map((c) => (c.kind === 'utf8' ? new ByteDictionary() : null));
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
