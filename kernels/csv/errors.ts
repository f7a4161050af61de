/** Structured CSV parse errors: which record, which column, what text, so callers can point at the line. */

/**
 * - `invalid-value`: a field does not parse as its column's kind (or overflows it).
 * - `field-count`: a record has more or fewer fields than there are columns.
 * - `unterminated-quote`: a quoted field runs to the end of the input.
 * - `unexpected-quote`: a quote byte inside an unquoted field, or anything but a delimiter or
 *   newline right after a closing quote. Rejected rather than guessed at, because range splitting
 *   relies on every quote byte toggling the quoted state.
 * - `comment-quote`: a comment line holds an odd number of quote bytes (same reason).
 */
export type CsvErrorKind = 'invalid-value' | 'field-count' | 'unterminated-quote' | 'unexpected-quote' | 'comment-quote';

/** Plain-data description of a parse error; survives `postMessage` where the Error subclass would not. */
export interface CsvErrorInfo {
  readonly kind: CsvErrorKind;
  /** Byte offset (into the parsed buffer) where the offending record starts. */
  readonly offset: number;
  /** File column index of the offending field; for `field-count`, the first missing or extra column. */
  readonly column: number;
  /** The field text (unquoted), or the record text for record-level errors; cut at 200 characters. */
  readonly raw: string;
  /** Extra detail such as the expected kind or field counts. */
  readonly detail: string;
  /** For the quote errors of a quoted field: the offset of its opening quote. */
  readonly at?: number;
}

/** Longest raw text kept in an error, so a runaway quoted field cannot blow up messages. */
const MAX_RAW = 200;

// a BOM inside the data is a character of the value, not a mark to drop
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** Decodes bytes [start, end) for an error message, cut to a readable length. */
export function rawText(bytes: Uint8Array, start: number, end: number): string {
  const text = decoder.decode(bytes.subarray(start, Math.min(end, start + MAX_RAW * 4)));
  return text.length > MAX_RAW ? `${text.slice(0, MAX_RAW)}...` : text;
}

/**
 * Thrown by the CSV kernels. Offsets are relative to the buffer handed to the kernel; the caller
 * adds the buffer's file offset and counts newlines (see countNewlines) to get a line number.
 */
export class CsvParseError extends Error {
  override readonly name = 'CsvParseError';

  constructor(readonly info: CsvErrorInfo) {
    super(`${info.kind} at byte ${info.offset}, column ${info.column}: ${info.detail} (${JSON.stringify(info.raw)})`);
  }
}

/** What a tokenizer call gives back at the kernels' boundary: its value, or why the bytes do not parse. */
export type CsvAttempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: CsvErrorInfo };

/**
 * Run a tokenizer call and give its outcome as a value. Inside the tokenizer a parse error
 * unwinds its loops at once (no status checked per byte); callers outside the kernels branch on
 * this value instead of catching, so no exception steers their control flow.
 *
 * @example
 * const r = attemptParse(() => readRecord(bytes, 0, dialect));
 * if (!r.ok) console.log(r.error.kind); // 'unterminated-quote'
 */
export function attemptParse<T>(fn: () => T): CsvAttempt<T> {
  try {
    return { ok: true, value: fn() };
  } catch (e) {
    if (e instanceof CsvParseError) return { ok: false, error: e.info };
    throw e;
  }
}
