/** The range scan: byte ranges parsed on a runner and handed out in file order as frames, with a pushed-down filter, nRows and a limit. */
import type { RangeFilter } from '../../../../kernels/csv/filter.js';
import type { CsvSourceRef, RangeParseOk, RangeParseOutcome } from '../../../../kernels/csv/file-range.js';
import type { CsvParseSpec } from '../../../../kernels/csv/spec.js';
import { forgetThreadDictionaries } from '../../../../kernels/csv/thread-dictionaries.js';
import type { Table } from '../../../table/table.js';
import type { ScanProgress } from '../options.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';
import type { RangeFrames } from './assemble.js';
import { withSource } from '../source.js';
import { kernelError, strayQuote } from './errors.js';
import { quoteParity, type ByteRange } from './ranges.js';
import { runAll, type CsvRunner, type CsvTask } from './tasks.js';

/** An input read as byte ranges: what planCsvRead decided. */
export interface RangePlan {
  readonly kind: 'ranges';
  /** The file's path, or the input's bytes in shared memory. */
  readonly source: CsvSourceRef;
  readonly options: ResolvedOptions;
  readonly survey: Survey;
  readonly spec: CsvParseSpec;
  readonly size: number;
  /** Bytes per range (the last ranges are smaller, see planRanges). */
  readonly rangeSize: number;
  readonly ranges: readonly ByteRange[];
}

/**
 * Bytes at the start of the file whose records seed every thread's dictionaries (see
 * RangeParseParams.seed): about 1,300 rows of the H2O files, where each of the 100 values of id1
 * and id2 turns up, so their codes from every thread need no rewriting.
 */
const SEED_BYTES = 64 << 10;

/** One range's rows as they come out of a scan. */
export interface RangeBatch {
  /** The range's rows that pass the filter, within nRows and the limit. */
  readonly frame: Table;
  /** How far the scan has come, this range included. */
  readonly progress: ScanProgress;
  /** Set on the batch parsed in one piece from this offset on, after a stray quote; else null. */
  readonly onePieceFrom: number | null;
}

/** What a scan does besides parsing. */
export interface RangeScanOptions {
  /** Applied in the task that parses each range. */
  readonly filter?: RangeFilter;
  /** Stop once this many rows have passed the filter. */
  readonly limit?: number;
}

/**
 * Parse the plan's ranges on `runner` and yield each range's rows in file order, as a frame
 * whose Utf8 columns share one growing dictionary per column (`frames.dictionaries`). Stops at
 * `nRows` parsed records and at `limit` rows kept; stops handing out tasks when the consumer
 * stops asking. The first error in file order is thrown as a CsvError, whichever range finished
 * first.
 *
 * A range split relies on every quote byte toggling the quoted state. A quote inside an unquoted
 * field (or an odd number in a comment line) is data, which breaks that: the first range that
 * meets one fails, every record before it is right (their quotes paired up), and the bytes from
 * that range's first record on are parsed one piece of `rangeSize` after another, each from where
 * the one before ended, with stray quotes read as data. So such an input gives the same result,
 * only without parallelism after the stray quote.
 *
 * @example
 * for await (const batch of scanRanges(plan, runner, frames)) rows += batch.frame.height;
 */
export async function* scanRanges(
  plan: RangePlan,
  runner: CsvRunner,
  frames: RangeFrames,
  scan: RangeScanOptions = {},
): AsyncGenerator<RangeBatch> {
  const { ranges, size, options: o, source } = plan;
  // one range is parsed in one piece anyway: stray quotes are data from the start
  const spec = ranges.length === 1 ? laxSpec(plan.spec) : plan.spec;
  const quote = spec.dialect.quote;
  // only the starts of ranges after the first need the quote parity
  const counts =
    quote === null || ranges.length < 2
      ? []
      : await runAll<number>(runner, ranges.length - 1, (i) => ({
          type: 'csvQuotes',
          source,
          params: { start: ranges[i]!.start, end: ranges[i]!.end, quote },
        }));
  const inQuotes = quoteParity(counts);
  const limit = scan.limit ?? Infinity;
  // without a filter, a limit also bounds the records each range needs to parse
  const maxRows = Math.min(o.nRows, scan.filter === undefined ? limit : Infinity);
  // each thread keeps its dictionaries across the ranges it parses for this scan, seeded with the
  // values of the file's first records when the scan parses every record
  const id = `scan-${crypto.randomUUID()}`;
  const first = ranges[0];
  const seed =
    first === undefined || ranges.length === 1 || Number.isFinite(maxRows)
      ? undefined
      : { start: first.start, end: Math.min(first.end, first.start + SEED_BYTES) };
  const task = (i: number, rows = maxRows, shared = true): CsvTask => ({
    type: 'csvRange',
    source,
    params: {
      start: ranges[i]!.start,
      end: ranges[i]!.end,
      size,
      startsRecord: i === 0,
      inQuotesAtStart: inQuotes[i] ?? false,
      inQuotesAtEnd: inQuotes[i + 1] ?? false,
      spec: Number.isFinite(rows) ? { ...spec, maxRows: rows } : spec,
      ...(scan.filter === undefined ? {} : { filter: scan.filter }),
      ...(shared ? { scan: id, ...(seed === undefined || Number.isFinite(rows) ? {} : { seed }) } : {}),
    },
  });
  const piece = (start: number, rows: number): CsvTask => ({
    type: 'csvRange',
    source,
    params: {
      start,
      end: Math.min(size, start + plan.rangeSize),
      size,
      startsRecord: true,
      inQuotesAtStart: false,
      inQuotesAtEnd: false,
      spec: { ...laxSpec(spec), ...(Number.isFinite(rows) ? { maxRows: rows } : {}) },
      ...(scan.filter === undefined ? {} : { filter: scan.filter }),
    },
  });
  let parsed = 0;
  let kept = 0;
  let bytes = ranges[0]?.start ?? 0;
  /** The next batch: a range's rows as a frame, cut at the limit, and the progress so far. */
  const batch = async (columns: RangeParseOk['columns'], owner: string | null, onePieceFrom: number | null): Promise<RangeBatch> => {
    let frame = await frames.add(columns, owner);
    if (kept + frame.height > limit) frame = frame.slice(0, limit - kept);
    kept += frame.height;
    return { frame, progress: { bytes, totalBytes: size, rows: parsed, columns: frames.shapes.map((c) => c.name) }, onePieceFrom };
  };
  let index = 0;
  try {
    for await (let r of runner<RangeParseOutcome>(ranges.length, (i) => task(i))) {
      const i = index++;
      const cut = !r.ok || parsed + r.parsed > o.nRows;
      // nRows ends inside this range: parse just the records wanted, with dictionaries of the
      // range's own, so a later error does not count and the dictionaries hold only kept values
      if (cut && Number.isFinite(o.nRows)) r = (await runAll<RangeParseOutcome>(runner, 1, () => task(i, o.nRows - parsed, false)))[0]!;
      if (!r.ok && strayQuote(r.error)) {
        // the rest piece by piece, stray quotes as data; no further range is handed out
        const onePieceFrom = r.recordStart;
        for (let at = onePieceFrom; at < size && parsed < o.nRows && kept < limit; ) {
          const rest = Math.min(o.nRows - parsed, scan.filter === undefined ? limit - kept : Infinity);
          const p = (await runAll<RangeParseOutcome>(runner, 1, () => piece(at, rest)))[0]!;
          if (!p.ok) throw failure(plan, p.error);
          parsed += p.parsed;
          at = p.recordEnd;
          bytes = at;
          yield await batch(p.columns, null, onePieceFrom);
        }
        return;
      }
      if (!r.ok) throw failure(plan, r.error);
      parsed += r.parsed;
      bytes += r.bytes;
      yield await batch(r.columns, r.owner, null);
      if (cut || parsed >= o.nRows || kept >= limit) return;
    }
  } finally {
    // ranges parsed on this thread (one thread, or a runner that ran some here) kept dictionaries here
    forgetThreadDictionaries(id);
  }
}

/** The spec with stray quotes read as data. */
function laxSpec(spec: CsvParseSpec): CsvParseSpec {
  return { ...spec, dialect: { ...spec.dialect, strayQuotes: true } };
}

/** The CsvError a failed range reports. */
function failure(plan: RangePlan, info: Parameters<typeof kernelError>[0]): Error {
  return withSource(plan.source, (file) => kernelError(info, file, plan.options, plan.survey, plan.spec));
}
