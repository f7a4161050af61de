/** The parallel CSV file reader: sample, plan byte ranges, count quotes, parse ranges (on any runner), assemble. */
import type { Table } from '../../../table/table.js';
import { CsvError } from '../errors.js';
import type { CsvLoadOptions, CsvReadOptions } from '../options.js';
import { parseCsvText } from '../parse.js';
import { resolveOptions } from '../resolve.js';
import { readCsvFile } from '../source.js';
import { RangeFrames } from './assemble.js';
import { withFile } from './file.js';
import { DEFAULT_RANGE_SIZE, planRanges } from './ranges.js';
import { dataStart, sampleCsv } from './sample.js';
import { NeedsStringReader, scanRanges, type RangePlan } from './scan.js';
import { byteDialect, parseSpec, surveyObstacle } from './spec.js';
import { abortReason, inlineRunner, type CsvRunner } from './tasks.js';

/** How a file is to be read, decided on the calling thread before any range is parsed. */
export type ReadPlan =
  /** The string reader reads the file, for `reason`. */
  | { readonly kind: 'strings'; readonly reason: string }
  /** Byte ranges parsed by the tokenizer. */
  | RangePlan;

/**
 * Decide how to read `path`: sample it (dialect, header, schema), then either cut it into byte
 * ranges for the tokenizer or leave it to the string reader (see byteDialect and surveyObstacle).
 *
 * @example
 * planCsvRead('G1.csv', {}).kind; // 'ranges'
 */
export function planCsvRead(path: string, options: CsvReadOptions): ReadPlan {
  const o = resolveOptions(options, path);
  const rangeSize = options.rangeSize ?? DEFAULT_RANGE_SIZE;
  return withFile(path, (file): ReadPlan => {
    const sample = sampleCsv(file, o);
    const dialect = byteDialect(sample.dialect);
    if (typeof dialect === 'string') return { kind: 'strings', reason: dialect };
    const obstacle = surveyObstacle(sample.survey);
    if (obstacle !== null) return { kind: 'strings', reason: obstacle };
    const start = dataStart(sample, dialect, sample.survey.leading);
    if (start === null) return { kind: 'strings', reason: 'the tokenizer refuses the header or skipped rows' };
    const spec = parseSpec(sample.survey, dialect, o);
    // no columns at all (an empty file) or no rows wanted: nothing to parse
    const ranges = sample.survey.names.length === 0 || o.nRows === 0 ? [] : planRanges(start, file.size, rangeSize);
    return { kind: 'ranges', options: o, survey: sample.survey, spec, size: file.size, ranges };
  });
}

/**
 * Read a CSV file with the byte tokenizer over fixed-size byte ranges, each task reading its own
 * bytes from the file. The result (values, nulls, row order, dictionaries) equals the string
 * reader's for every file, whatever the runner and its thread count; files the tokenizer cannot
 * read (see planCsvRead) and files with quotes inside unquoted fields go to the string reader.
 *
 * @example
 * const df = await readCsvRanges('G1.csv', { columns: ['id1', 'v1'] });
 */
export async function readCsvRanges(path: string, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<Table> {
  return (await readCsvReport(path, options, runner)).frame;
}

/** A read and how it went: which reader ran (and why the string reader, when it did), over how many ranges. */
export interface CsvReadReport {
  readonly frame: Table;
  readonly reader: 'ranges' | 'strings';
  /** Why the string reader ran; null when the ranges were read. */
  readonly reason: string | null;
  /** Byte ranges planned (0 for the string reader). */
  readonly ranges: number;
}

/**
 * readCsvRanges, also saying which reader produced the frame.
 *
 * @example
 * (await readCsvReport('G1.csv', {})).reader; // 'ranges'
 */
export async function readCsvReport(path: string, options: CsvLoadOptions = {}, runner?: CsvRunner): Promise<CsvReadReport> {
  const signal = options.signal;
  if (signal?.aborted) throw abortReason(signal);
  const plan = planCsvRead(path, options);
  if (plan.kind === 'strings') return { frame: await readWithStrings(path, options), reader: 'strings', reason: plan.reason, ranges: 0 };
  const frames = new RangeFrames(plan.survey.slots.map((slot, k) => ({ name: slot.name, dtype: plan.survey.dtypes[k]! })));
  const batches: Table[] = [];
  try {
    for await (const batch of scanRanges(path, plan, runner ?? inlineRunner(signal), frames)) {
      batches.push(batch.frame);
      options.onProgress?.(batch.progress);
    }
  } catch (e) {
    if (!(e instanceof NeedsStringReader)) throw e;
    if (plan.size >= STRING_READER_LIMIT) throw tooLarge(plan);
    const frame = await readWithStrings(path, options);
    return { frame, reader: 'strings', reason: 'a quote inside an unquoted field, which the tokenizer refuses', ranges: 0 };
  }
  return { frame: frames.concat(batches), reader: 'ranges', reason: null, ranges: plan.ranges.length };
}

/** The string reader over the whole file. */
async function readWithStrings(path: string, options: CsvReadOptions): Promise<Table> {
  const { text, file } = await readCsvFile(path);
  return parseCsvText(text, file, options);
}

/** Files up to this size fit one JS string (V8 caps strings near 512 MiB of UTF-16). */
export const STRING_READER_LIMIT = 500 << 20;

/** The error for a file only the string reader could read, which is too large for it. */
export function tooLarge(plan: RangePlan): CsvError {
  return new CsvError(
    plan.options.file,
    null,
    null,
    `a quote inside an unquoted field: the parallel reader cannot split such a file, and at ${plan.size} bytes it is too large for the string reader (quote the field, or set quoteChar to a character the file does not use)`,
  );
}
