/** The sample read before a parallel parse: dialect, header, one schema, and where the data records start. */
import { CsvParseError } from '../../../../kernels/csv/errors.js';
import { parseCsvRange } from '../../../../kernels/csv/parse.js';
import type { CsvDialect } from '../../../../kernels/csv/spec.js';
import { detectDialect, SAMPLE_CHARS, type Dialect } from '../dialect.js';
import type { ResolvedOptions } from '../resolve.js';
import { decodeCsvBytes } from '../source.js';
import { surveyCsv, type Survey } from '../survey.js';
import { readBytes, type OpenFile } from './file.js';

/** First sample read; it grows fourfold while the sample is incomplete. */
const FIRST_READ = 1 << 20;
/** Past this the sample stops growing and a failure in it is final. */
const MAX_SAMPLE = 256 << 20;
const LF = 0x0a;

/** What the sample decided: the same dialect and survey the string reader would reach on the whole file. */
export interface CsvSample {
  readonly dialect: Dialect;
  readonly survey: Survey;
  /** Bytes of the sample read (a prefix of the file, cut after a newline unless it is the whole file). */
  readonly bytes: Uint8Array;
  /** Whether the sample is the whole file. */
  readonly whole: boolean;
  /** Length of the UTF-8 byte order mark the file starts with (0 or 3). */
  readonly bom: number;
}

/**
 * Read a prefix of the file and run the string reader's dialect detection and survey on it: the
 * header, the columns to read, and their types inferred from the first `inferSchemaLength`
 * records. The prefix grows until it holds everything those steps look at (the sniffed text,
 * the sampled records), so the result equals what the string reader decides from the whole file.
 *
 * @example
 * const { survey } = sampleCsv(file, resolveOptions({}, 'G1.csv'));
 * survey.dtypes; // ['Utf8', 'Utf8', 'Utf8', 'Int32', ...]
 */
export function sampleCsv(file: OpenFile, o: ResolvedOptions): CsvSample {
  const limit = Math.min(o.inferSchemaLength, o.nRows);
  for (let want = FIRST_READ; ; want *= 4) {
    const whole = want >= file.size;
    const bytes = prefix(file, want, whole);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    try {
      const text = decodeCsvBytes(bytes, o.file);
      // the sniffers look at a fixed number of characters: a shorter cut could sniff differently
      if (!whole && text.length < SAMPLE_CHARS) continue;
      const dialect = detectDialect(text, o);
      const survey = surveyCsv(text, dialect, o);
      if (whole || survey.sampled >= limit) return { dialect, survey, bytes, whole, bom };
    } catch (e) {
      // a cut through a quoted field can fail to parse; only a complete sample's verdict counts
      if (whole || want >= MAX_SAMPLE) throw e;
    }
  }
}

/** The file's first `want` bytes, cut after the last newline unless that is the whole file. */
function prefix(file: OpenFile, want: number, whole: boolean): Uint8Array {
  const bytes = readBytes(file, 0, whole ? file.size : want);
  if (whole) return bytes;
  // a newline byte never occurs inside a multi-byte UTF-8 character, so the cut decodes cleanly
  const end = bytes.lastIndexOf(LF);
  return bytes.subarray(0, end + 1);
}

/**
 * The file offset of the first data record: past the BOM and the `leading` records (skipped rows
 * and the header), counted as the byte tokenizer counts records (blank and comment lines are not
 * records). Null when the sample does not hold them all, or when the tokenizer refuses those
 * records (a stray quote), which the string reader reads as data.
 *
 * @example
 * dataStart(sample, dialect, 1); // just past the header line
 */
export function dataStart(sample: CsvSample, dialect: CsvDialect, leading: number): number | null {
  if (leading === 0) return sample.bom;
  const spec = {
    dialect,
    // two columns and ragged lines: every record counts, whatever its width, and blank lines are skipped
    columns: [{ kind: 'skip' as const }, { kind: 'skip' as const }],
    chunkSize: 1,
    maxRows: leading,
    truncateRaggedLines: true,
  };
  try {
    const r = parseCsvRange(sample.bytes, sample.bom, sample.bytes.length, spec);
    return r.rows === leading || sample.whole ? r.end : null;
  } catch (e) {
    if (e instanceof CsvParseError) return null;
    throw e;
  }
}
