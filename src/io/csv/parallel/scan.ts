/** The range scan: byte ranges parsed on a runner and handed out in file order as frames, with a pushed-down filter, nRows and a limit. */
import type { RangeFilter } from '../../../../kernels/csv/filter.js';
import type { RangeParseOutcome } from '../../../../kernels/csv/file-range.js';
import type { CsvParseSpec } from '../../../../kernels/csv/spec.js';
import { forgetThreadDictionaries } from '../../../../kernels/csv/thread-dictionaries.js';
import type { Table } from '../../../table/table.js';
import type { ScanProgress } from '../options.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';
import { RangeFrames } from './assemble.js';
import { kernelError } from './errors.js';
import { withFile } from './file.js';
import { quoteParity, type ByteRange } from './ranges.js';
import { runAll, type CsvRunner, type CsvTask } from './tasks.js';

/** A file read as byte ranges: what planCsvRead decided. */
export interface RangePlan {
  readonly kind: 'ranges';
  readonly options: ResolvedOptions;
  readonly survey: Survey;
  readonly spec: CsvParseSpec;
  readonly size: number;
  readonly ranges: readonly ByteRange[];
}

/**
 * Thrown by a range scan when the tokenizer refuses a quote that the string reader reads as data
 * (a quote inside an unquoted field); the caller reads the file with the string reader instead.
 */
export class NeedsStringReader extends Error {
  constructor() {
    super('the byte tokenizer cannot split this file: a quote inside an unquoted field');
    this.name = 'NeedsStringReader';
  }
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
 * stops asking. The first error in file order is thrown as the string reader would throw it
 * (or as NeedsStringReader), whichever range finished first.
 *
 * @example
 * for await (const batch of scanRanges(path, plan, runner, frames)) rows += batch.frame.height;
 */
export async function* scanRanges(path: string, plan: RangePlan, runner: CsvRunner, frames: RangeFrames, scan: RangeScanOptions = {}): AsyncGenerator<RangeBatch> {
  const { ranges, spec, size, options: o } = plan;
  const quote = spec.dialect.quote;
  // only the starts of ranges after the first need the quote parity
  const counts =
    quote === null || ranges.length < 2
      ? []
      : await runAll<number>(runner, ranges.length - 1, (i) => ({ type: 'csvQuotes', path, params: { start: ranges[i]!.start, end: ranges[i]!.end, quote } }));
  const inQuotes = quoteParity(counts);
  const limit = scan.limit ?? Infinity;
  // without a filter, a limit also bounds the records each range needs to parse
  const maxRows = Math.min(o.nRows, scan.filter === undefined ? limit : Infinity);
  // each thread keeps its dictionaries across the ranges it parses for this scan, seeded with the
  // values of the file's first records when the scan parses every record
  const id = `scan-${crypto.randomUUID()}`;
  const first = ranges[0];
  const seed = first === undefined || Number.isFinite(maxRows) ? undefined : { start: first.start, end: Math.min(first.end, first.start + SEED_BYTES) };
  const task = (i: number, rows = maxRows, shared = true): CsvTask => ({
    type: 'csvRange',
    path,
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
  let parsed = 0;
  let kept = 0;
  let bytes = ranges[0]?.start ?? 0;
  let index = 0;
  try {
    for await (let r of runner<RangeParseOutcome>(ranges.length, (i) => task(i))) {
      const i = index++;
      const cut = !r.ok || parsed + r.parsed > o.nRows;
      // nRows ends inside this range: parse just the records wanted, with dictionaries of the
      // range's own, so a later error does not count and the dictionaries hold only kept values
      if (cut && Number.isFinite(o.nRows)) r = (await runAll<RangeParseOutcome>(runner, 1, () => task(i, o.nRows - parsed, false)))[0]!;
      if (!r.ok) throw failure(path, plan, r.error);
      parsed += r.parsed;
      bytes += r.bytes;
      let frame = await frames.add(r.columns, r.owner);
      if (kept + frame.height > limit) frame = frame.slice(0, limit - kept);
      kept += frame.height;
      yield { frame, progress: { bytes, totalBytes: size, rows: parsed, columns: frames.shapes.map((c) => c.name) } };
      if (cut || parsed >= o.nRows || kept >= limit) return;
    }
  } finally {
    // ranges parsed on this thread (one thread, or a runner that ran some here) kept dictionaries here
    forgetThreadDictionaries(id);
  }
}

/** The error a failed range reports: the string reader's CsvError, or NeedsStringReader. */
function failure(path: string, plan: RangePlan, info: Parameters<typeof kernelError>[0]): Error {
  const e = withFile(path, (file) => kernelError(info, file, plan.options, plan.survey, plan.spec));
  return e === 'fallback' ? new NeedsStringReader() : e;
}
