/** The two tasks of a parallel CSV read, each over one byte range of a file it reads itself: count quotes, parse records. */
import { KernelInvariantError } from '../errors.js';
import { countQuotes, findRecordStart } from './boundaries.js';
import { CsvParseError, type CsvErrorInfo } from './errors.js';
import { filterRange, type RangeFilter } from './filter.js';
import { parseCsvRange } from './parse.js';
import type { CsvColumnOutput, CsvParseSpec } from './spec.js';
import { DICTIONARY_OWNER, noteParsed, presizeDictionaries, reportFrom, threadDictionaries } from './thread-dictionaries.js';

/**
 * Reads file bytes at `position` into `target`; returns how many it read (0 at the end of the
 * file). Injected so the kernels stay free of I/O: a worker passes a positional `fs.readSync`.
 */
export type ReadAt = (target: Uint8Array, position: number) => number;

/**
 * Where a task's bytes are: a file path (the task opens it and reads its range), or the whole
 * input in memory, in a SharedArrayBuffer when the task goes to a worker.
 */
export type CsvSourceRef = string | Uint8Array;

/**
 * A ReadAt over bytes in memory, so in-memory input goes through the same range tasks as a file.
 *
 * @example
 * const read = bytesReader(new TextEncoder().encode('a,b\n1,2\n'));
 * read(new Uint8Array(3), 0); // 3
 */
export function bytesReader(bytes: Uint8Array): ReadAt {
  return (target, position) => {
    const n = Math.max(0, Math.min(target.length, bytes.length - position));
    if (n > 0) target.set(bytes.subarray(position, position + n));
    return n;
  };
}

/** Bytes a quote count reads per call: enough to amortize the call, small enough to stay in cache. */
const COUNT_BLOCK = 1 << 20;
/** First look-ahead past a range's end for the rest of its last record; doubles while the record goes on. */
const LOOKAHEAD = 64 * 1024;

/** One growable read buffer per thread: ranges run one after another, and nothing parsed keeps a view of it. */
let scratch = new Uint8Array(0);

function buffer(bytes: number): Uint8Array {
  if (scratch.length < bytes) scratch = new Uint8Array(Math.max(bytes, scratch.length * 2));
  return scratch.subarray(0, bytes);
}

/** Fills `target` from `position` on; returns the bytes read, fewer only at the end of the file. */
function readFully(read: ReadAt, target: Uint8Array, position: number): number {
  let got = 0;
  while (got < target.length) {
    const n = read(target.subarray(got), position + got);
    if (n <= 0) break;
    got += n;
  }
  return got;
}

/** Byte range [start, end) of a file whose quote bytes a task counts. */
export interface QuoteCountParams {
  readonly start: number;
  readonly end: number;
  readonly quote: number;
}

/**
 * Quote bytes in the file's bytes [start, end). Summed over the ranges before an offset, the
 * parity says whether that offset lies inside a quoted field (see countQuotes).
 *
 * @example
 * const odd = countRangeQuotes(read, { start: 0, end: 16 << 20, quote: 0x22 }) % 2 === 1;
 */
export function countRangeQuotes(read: ReadAt, p: QuoteCountParams): number {
  const block = buffer(Math.min(COUNT_BLOCK, Math.max(0, p.end - p.start)));
  let n = 0;
  for (let at = p.start; at < p.end; ) {
    const want = Math.min(block.length, p.end - at);
    const got = readFully(read, block.subarray(0, want), at);
    n += countQuotes(block, 0, got, p.quote);
    if (got < want) break;
    at += got;
  }
  return n;
}

/** What one parse task is asked to do: the records starting in the file's bytes [start, end). */
export interface RangeParseParams {
  readonly start: number;
  readonly end: number;
  /** File size: the last range ends there, and no record start lies beyond it. */
  readonly size: number;
  /** `start` is known to be a record start (the first range, right after the header). */
  readonly startsRecord: boolean;
  /** Whether `start` and `end` lie inside a quoted field: the parity of the quotes before them. */
  readonly inQuotesAtStart: boolean;
  readonly inQuotesAtEnd: boolean;
  readonly spec: CsvParseSpec;
  /** A pushed-down predicate: only the rows it keeps are returned. */
  readonly filter?: RangeFilter;
  /**
   * The scan this range belongs to: utf8 values go into this thread's dictionaries for the scan
   * (see threadDictionaries), so a range reports only values new to the thread. Without it the
   * range's dictionaries are its own.
   */
  readonly scan?: string;
  /**
   * Bytes [start, end) of the file's first range whose records a thread parses into its `scan`
   * dictionaries before its first range of the scan, so that every thread numbers the values met
   * there as one parse of the file does (in the order it meets them). A column whose values all
   * turn up there (a low-cardinality key) then needs no code rewritten when the ranges are unified.
   * Only for a scan that parses every record (no maxRows), and `start` must be a record start.
   */
  readonly seed?: { readonly start: number; readonly end: number };
}

/** The records of one range, parsed. Offsets are file offsets. */
export interface RangeParseOk {
  readonly ok: true;
  /** Rows returned: those parsed (at most spec.maxRows) that the filter kept. */
  readonly rows: number;
  /** Rows parsed, before the filter. */
  readonly parsed: number;
  /** File offsets of the first record the range owns and of the first it does not. */
  readonly recordStart: number;
  readonly recordEnd: number;
  /** Bytes of the file the range covers, for progress reports. */
  readonly bytes: number;
  readonly columns: CsvColumnOutput[];
  /** Whose codes the utf8 columns hold: this thread's dictionaries for the scan, or null for the range's own. */
  readonly owner: string | null;
}

/** A parse error, as data (it crosses postMessage); `offset` is a file offset. */
export interface RangeParseFailed {
  readonly ok: false;
  readonly error: CsvErrorInfo;
  readonly bytes: number;
  /** File offset of the first record the range owns: where a caller can parse it again another way. */
  readonly recordStart: number;
}

export type RangeParseOutcome = RangeParseOk | RangeParseFailed;

/** Count the quote bytes of one byte range of a CSV file (the thread reads the range itself). Replies with a number. */
export interface CsvQuotesTask {
  readonly type: 'csvQuotes';
  readonly source: CsvSourceRef;
  readonly params: QuoteCountParams;
}

/** Parse the records one byte range of a CSV file owns (the thread reads the range itself). Replies with a RangeParseOutcome. */
export interface CsvRangeTask {
  readonly type: 'csvRange';
  readonly source: CsvSourceRef;
  readonly params: RangeParseParams;
}

/**
 * Parse the records that start in the file's bytes [start, end), reading only those bytes (and
 * the byte before `start`, to tell whether a record starts right there), plus as much past `end`
 * as the last record needs. Consecutive ranges own consecutive records, so their results
 * concatenated equal one parse of the whole file. A CsvParseError becomes a failed outcome, so
 * the caller can report the first error in file order rather than in completion order.
 *
 * @example
 * const r = parseFileRange(read, { start, end, size, startsRecord: false, inQuotesAtStart: false, inQuotesAtEnd: false, spec });
 * if (r.ok) r.columns; // chunks in SharedArrayBuffer, one dictionary per utf8 column
 */
export function parseFileRange(read: ReadAt, p: RangeParseParams): RangeParseOutcome {
  if (p.spec.dialect.strayQuotes === true) return parseSequentialRange(read, p);
  // before this range's bytes are read: seeding reads into the same scratch buffer
  const dicts = p.scan === undefined ? undefined : threadDictionaries(p.scan, p.spec, p.seed && (() => seedDictionaries(read, p)));
  const covered = p.end - p.start;
  const base = p.startsRecord ? p.start : p.start - 1;
  let want = Math.min(p.size, p.end + LOOKAHEAD) - base;
  let bytes = buffer(want);
  let got = readFully(read, bytes, base);
  let from = p.start - base;
  const first = p.startsRecord
    ? from
    : findRecordStart(bytes.subarray(0, Math.min(got, p.end - base)), from, p.inQuotesAtStart, p.spec.dialect);
  const recordStart = base + first;
  if (recordStart >= p.end)
    return {
      ok: true,
      rows: 0,
      parsed: 0,
      recordStart: p.end,
      recordEnd: p.end,
      bytes: covered,
      columns: emptyColumns(p.spec),
      owner: null,
    };
  let recordEnd: number;
  from = p.end - base;
  for (;;) {
    const at = p.end >= p.size ? got : findRecordStart(bytes.subarray(0, got), from, p.inQuotesAtEnd, p.spec.dialect);
    if (at < got || base + got >= p.size) {
      recordEnd = base + at;
      break;
    }
    // the last record runs past the bytes read: read on (the scratch buffer may move)
    want = Math.min(p.size - base, want * 2);
    const grown = new Uint8Array(want);
    grown.set(bytes.subarray(0, got));
    scratch = grown;
    bytes = grown;
    got += readFully(read, bytes.subarray(got), base + got);
  }
  try {
    const window = bytes.subarray(0, recordEnd - base);
    if (dicts !== undefined) presizeDictionaries(dicts, window.length - first, recordStart, p.size);
    const r = parseCsvRange(window, first, window.length, p.spec, dicts, dicts === undefined ? undefined : reportFrom(dicts));
    if (dicts !== undefined) noteParsed(dicts, r.rows, r.end - first, seeding);
    const kept = p.filter === undefined ? r : filterRange(r.columns, p.filter);
    const owner = p.scan === undefined ? null : DICTIONARY_OWNER;
    return {
      ok: true,
      rows: kept.rows,
      parsed: r.rows,
      recordStart,
      recordEnd: base + r.end,
      bytes: covered,
      columns: kept.columns,
      owner,
    };
  } catch (e) {
    if (!(e instanceof CsvParseError)) throw e;
    const at = e.info.at === undefined ? {} : { at: e.info.at + base };
    return { ok: false, error: { ...e.info, offset: e.info.offset + base, ...at }, bytes: covered, recordStart };
  }
}

/**
 * A range read with stray quotes as data: quote parity says nothing of where records start, so
 * `start` must be a record start (`startsRecord`), and the range's last record is found by
 * tokenizing on past `end` until its newline. Consecutive calls, each from the `recordEnd` of
 * the one before, walk an input in pieces of bounded size.
 */
function parseSequentialRange(read: ReadAt, p: RangeParseParams): RangeParseOutcome {
  if (!p.startsRecord) throw new KernelInvariantError('a range read with stray quotes as data must start at a record start');
  const covered = p.end - p.start;
  let want = Math.min(p.size, p.end + LOOKAHEAD) - p.start;
  for (;;) {
    const bytes = buffer(want);
    const got = readFully(read, bytes, p.start);
    const whole = p.start + got >= p.size;
    const window = bytes.subarray(0, got);
    try {
      const r = parseCsvRange(window, 0, Math.min(got, p.end - p.start), p.spec);
      // the last record ran into the end of the bytes read: it may go on past them
      if (!whole && r.end >= got) {
        want *= 2;
        continue;
      }
      const kept = p.filter === undefined ? r : filterRange(r.columns, p.filter);
      return {
        ok: true,
        rows: kept.rows,
        parsed: r.rows,
        recordStart: p.start,
        recordEnd: p.start + r.end,
        bytes: covered,
        columns: kept.columns,
        owner: null,
      };
    } catch (e) {
      if (!(e instanceof CsvParseError)) throw e;
      // a quoted field cut by the read: read on
      if (!whole && e.info.kind === 'unterminated-quote') {
        want *= 2;
        continue;
      }
      const at = e.info.at === undefined ? {} : { at: e.info.at + p.start };
      return { ok: false, error: { ...e.info, offset: e.info.offset + p.start, ...at }, bytes: covered, recordStart: p.start };
    }
  }
}

/**
 * Parse the records of `p.seed` into this thread's dictionaries for `p.scan` (see
 * RangeParseParams.seed), dropping the rows. A seed that fails to parse is left as far as it got:
 * the first range fails the same way, and with it the read.
 */
function seedDictionaries(read: ReadAt, p: RangeParseParams): void {
  seeding = true;
  try {
    parseSeed(read, p);
  } finally {
    seeding = false;
  }
}

/** Whether the parse under way is a seed's (see noteParsed). */
let seeding = false;

function parseSeed(read: ReadAt, p: RangeParseParams): void {
  const { start, end } = p.seed!;
  const quote = p.spec.dialect.quote;
  // the seed starts at a record start, so its quote count tells whether its end lies inside a quoted field
  const odd = quote !== null && countRangeQuotes(read, { start, end, quote }) % 2 === 1;
  parseFileRange(read, {
    start,
    end,
    size: p.size,
    startsRecord: true,
    inQuotesAtStart: false,
    inQuotesAtEnd: odd,
    spec: p.spec,
    scan: p.scan!,
  });
}

/** The empty output of a range that owns no record. */
function emptyColumns(spec: CsvParseSpec): CsvColumnOutput[] {
  const out: CsvColumnOutput[] = [];
  spec.columns.forEach((c, column) => {
    if (c.kind !== 'skip') out.push({ column, kind: c.kind, chunks: [], dictionary: c.kind === 'utf8' ? [] : null });
  });
  return out;
}
