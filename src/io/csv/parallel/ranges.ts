/** Byte ranges of a parallel parse: a fixed size, so the split never depends on the thread count. */

/**
 * Default bytes per range: several ranges per core on files of a few hundred MB, and few enough
 * that the per-range dictionaries stay cheap to unify.
 */
export const DEFAULT_RANGE_SIZE = 16 << 20;

/** One byte range [start, end) of the file. */
export interface ByteRange {
  readonly start: number;
  readonly end: number;
}

/**
 * Cut the file's bytes [from, size) into ranges of `rangeSize` bytes (the last one shorter).
 * A range owns the records that start in it; where those are is worked out by the range's task.
 *
 * @example
 * planRanges(10, 100, 40); // [{ start: 10, end: 50 }, { start: 50, end: 90 }, { start: 90, end: 100 }]
 */
export function planRanges(from: number, size: number, rangeSize: number): ByteRange[] {
  if (!(Number.isInteger(rangeSize) && rangeSize >= 1)) throw new RangeError(`rangeSize must be a whole number >= 1, got ${rangeSize}`);
  const out: ByteRange[] = [];
  for (let start = from; start < size; start += rangeSize) out.push({ start, end: Math.min(size, start + rangeSize) });
  return out;
}

/**
 * Whether each range boundary lies inside a quoted field, from the quote counts of the ranges
 * before it: the parity of their prefix sums. Entry i is the start of range i; the last entry is
 * the end of the last range counted. The first range starts at a record start, outside quotes.
 *
 * @example
 * quoteParity([3, 1, 2]); // [false, true, false, false]
 */
export function quoteParity(counts: readonly number[]): boolean[] {
  const out: boolean[] = [false];
  let sum = 0;
  for (const n of counts) {
    sum += n;
    out.push(sum % 2 === 1);
  }
  return out;
}
