/** The CSV reader: sample, plan byte ranges, count quotes, parse ranges (on any runner), assemble. */
import type { CsvSourceRef } from '../../../../kernels/csv/file-range.js';
import type { Table } from '../../../table/table.js';
import type { CsvLoadOptions, CsvReadOptions } from '../options.js';
import { resolveOptions } from '../resolve.js';
import { withSource } from '../source.js';
import { RangeFrames, type ColumnShape } from './assemble.js';
import { plainSlots } from '../plain.js';
import { DEFAULT_RANGE_SIZE, planRanges } from './ranges.js';
import { sampleCsv } from './sample.js';
import { scanRanges, type RangePlan } from './scan.js';
import { parseSpec } from './spec.js';
import { abortReason, inlineRunner, type CsvRunner } from './tasks.js';

/**
 * The name errors carry for a source: the path of a file, else `sourceName` or '<buffer>'.
 *
 * @example
 * sourceName(bytes, {}); // '<buffer>'
 */
export function sourceName(source: CsvSourceRef, options: CsvReadOptions): string {
  return typeof source === 'string' ? source : (options.sourceName ?? '<buffer>');
}

/**
 * How a read stores Utf8 columns: every one dictionary-encoded, or (`auto`) near-unique ones
 * plain, as their sample shows (see plainSlots). A scan inside a query keeps dictionaries: its
 * string columns meet keys, comparisons and streaming merges, which read codes.
 */
export type StringLayout = 'dictionary' | 'auto';

/**
 * The shape of each column a plan reads, for RangeFrames.
 *
 * @example
 * new RangeFrames(rangeShapes(plan));
 */
export function rangeShapes(plan: RangePlan): ColumnShape[] {
  return plan.survey.slots.map((slot, k) => ({
    name: slot.name,
    dtype: plan.survey.dtypes[k]!,
    plain: plan.spec.columns[slot.index]!.plain === true,
  }));
}

/**
 * Decide how to read `source` (a path, or bytes in shared memory): sample it (dialect, header,
 * schema), then cut the data records' bytes into ranges for the tokenizer; `strings` says how
 * Utf8 columns are stored.
 *
 * @example
 * planCsvRead('G1.csv', {}).ranges.length; // 4 for a 64 MiB file
 */
export function planCsvRead(source: CsvSourceRef, options: CsvReadOptions, strings: StringLayout = 'dictionary'): RangePlan {
  const o = resolveOptions(options, sourceName(source, options));
  const rangeSize = options.rangeSize ?? DEFAULT_RANGE_SIZE;
  return withSource(source, (f): RangePlan => {
    const sample = sampleCsv(f, o);
    const plain = strings === 'auto' ? plainSlots(sample.bytes, sample.dialect, sample.survey, o) : [];
    const spec = parseSpec(sample.survey, sample.dialect, o, plain);
    // no columns at all (an empty input) or no rows wanted: nothing to parse
    const ranges = sample.survey.names.length === 0 || o.nRows === 0 ? [] : planRanges(sample.survey.dataStart, f.size, rangeSize);
    return { kind: 'ranges', source, options: o, survey: sample.survey, spec, size: f.size, rangeSize, ranges };
  });
}

/**
 * Read CSV with the byte tokenizer over fixed-size byte ranges, each task reading its own bytes
 * (from the file, or from the shared bytes). The result (values, nulls, row order,
 * dictionaries) is the same whatever the runner and its thread count, and whatever the range size.
 *
 * @example
 * const df = await readCsvRanges('G1.csv', { columns: ['id1', 'v1'] });
 */
export async function readCsvRanges(source: CsvSourceRef, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<Table> {
  return (await readCsvReport(source, options, runner)).frame;
}

/** A read and how it went. */
export interface CsvReadReport {
  readonly frame: Table;
  /** Byte ranges planned. */
  readonly ranges: number;
  /** Where the input met a stray quote and was parsed in one piece from (see scanRanges); null when it has none. */
  readonly onePieceFrom: number | null;
}

/**
 * readCsvRanges, also saying how the ranges went.
 *
 * @example
 * (await readCsvReport('G1.csv', {})).onePieceFrom; // null
 */
export async function readCsvReport(source: CsvSourceRef, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<CsvReadReport> {
  const signal = options.signal;
  if (signal?.aborted) throw abortReason(signal);
  const plan = planCsvRead(source, options, 'auto');
  const frames = new RangeFrames(rangeShapes(plan));
  const batches: Table[] = [];
  let onePieceFrom: number | null = null;
  for await (const batch of scanRanges(plan, runner ?? inlineRunner(signal), frames)) {
    batches.push(batch.frame);
    onePieceFrom ??= batch.onePieceFrom;
    options.onProgress?.(batch.progress);
  }
  return { frame: frames.concat(batches), ranges: plan.ranges.length, onePieceFrom };
}
