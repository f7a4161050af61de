/** The sample read before a parse: dialect, header, one schema, and where the data records start. */
import { attemptParse } from '../../../../kernels/csv/errors.js';
import type { CsvDialect } from '../../../../kernels/csv/spec.js';
import { detectDialect, detectNewline, SAMPLE_BYTES } from '../dialect.js';
import type { ResolvedOptions } from '../resolve.js';
import { surveyCsv, type Survey } from '../survey.js';
import { lineAt, quoteError } from './errors.js';
import { readBytes, type OpenFile } from './file.js';

/** First sample read: enough for a thousand records of any ordinary table. It grows fourfold while the sample is incomplete. */
const FIRST_READ = 1 << 20;
/** Past this the sample stops growing and a failure in it is final. */
const MAX_SAMPLE = 256 << 20;
const LF = 0x0a;
const CR = 0x0d;

/** What the sample decided, for the whole input. */
export interface CsvSample {
  /** The dialect, with stray quotes read as data (as the sample reads records). */
  readonly dialect: CsvDialect;
  readonly survey: Survey;
  /** Bytes of the sample read (a prefix of the input, cut after a newline unless it is the whole input). */
  readonly bytes: Uint8Array;
  /** Whether the sample is the whole input. */
  readonly whole: boolean;
  /** Length of the UTF-8 byte order mark the input starts with (0 or 3). */
  readonly bom: number;
}

/**
 * Read a prefix of the input and decide from it the dialect, the header, the columns to read and
 * their types (inferred from the first `inferSchemaLength` records). The prefix grows until it
 * holds everything those steps look at (the sniffed bytes, the sampled records), so the result is
 * what the whole input decides. A record that does not parse there is a CsvError.
 *
 * @example
 * const { survey } = sampleCsv(file, resolveOptions({}, 'G1.csv'));
 * survey.dtypes; // ['Utf8', 'Utf8', 'Utf8', 'Int32', ...]
 */
export function sampleCsv(file: OpenFile, o: ResolvedOptions): CsvSample {
  for (let want = FIRST_READ; ; want *= 4) {
    const whole = want >= file.size;
    const bytes = prefix(file, want, whole);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    // the sniffers look at a fixed number of bytes: a shorter cut could sniff differently
    if (!whole && bytes.length < SAMPLE_BYTES && want < MAX_SAMPLE) continue;
    const final = whole || want >= MAX_SAMPLE;
    const sampled = attemptParse(() => {
      const dialect = detectDialect(bytes, bom, !whole, o);
      return { dialect, survey: surveyCsv(bytes, bom, !final, dialect, o) };
    });
    if (sampled.ok) {
      const { dialect, survey } = sampled.value;
      if (survey !== null) return { dialect, survey, bytes, whole, bom };
    } else if (final) {
      // a cut through a quoted field does not parse; only a complete sample's verdict counts
      const e = sampled.error;
      throw quoteError(e, o.file, lineAt(file, e.at ?? e.offset, detectNewline(bytes, bom, o.quoteChar.charCodeAt(0))));
    }
  }
}

/** The input's first `want` bytes, cut after the last newline (LF, else CR) unless that is the whole input. */
function prefix(file: OpenFile, want: number, whole: boolean): Uint8Array {
  const bytes = readBytes(file, 0, whole ? file.size : want);
  if (whole) return bytes;
  // a newline byte never occurs inside a multi-byte UTF-8 character, so the cut decodes cleanly
  let end = bytes.lastIndexOf(LF);
  if (end === -1) end = bytes.lastIndexOf(CR);
  return bytes.subarray(0, end + 1);
}
