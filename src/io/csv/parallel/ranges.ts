/** Byte ranges of a parallel parse: a fixed size, so the split never depends on the thread count. */
import { InternalError } from '../../../errors.js';

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

/** The end of a file is cut into ranges this many times smaller, over this many full ranges' worth of bytes. */
const TAIL_SPLIT = 4;
const TAIL_RANGES = 2;

/**
 * Cut the file's bytes [from, size) into ranges of `rangeSize` bytes, except the last
 * `TAIL_RANGES * rangeSize` bytes, which are cut into ranges a quarter that size: the threads
 * then run out of work within a small range of each other rather than a full one (at 16 MiB a
 * range takes 70-100 ms to parse, so one thread could finish that much before the others). The
 * cut depends on the file and `rangeSize` only, never on the thread count. A range owns the
 * records that start in it; where those are is worked out by the range's task.
 *
 * @example
 * planRanges(10, 200, 40); // 10-50, 50-90, 90-130, then 10-byte ranges: 130-140, ..., 190-200
 */
export function planRanges(from: number, size: number, rangeSize: number): ByteRange[] {
  if (!(Number.isInteger(rangeSize) && rangeSize >= 1)) throw new InternalError(`rangeSize must be a whole number >= 1, got ${rangeSize}`);
  const out: ByteRange[] = [];
  let start = from;
  for (; start + TAIL_RANGES * rangeSize < size; start += rangeSize) out.push({ start, end: start + rangeSize });
  const small = Math.max(1, Math.floor(rangeSize / TAIL_SPLIT));
  for (; start < size; start += small) out.push({ start, end: Math.min(size, start + small) });
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
