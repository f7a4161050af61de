/** JSON out (an array of records, or one record per line) and newline-delimited JSON in. */
import { VolleyError } from '../errors.js';
import type { Column } from '../table/column.js';
import type { Table } from '../table/table.js';
import { pieceCutter } from './pieces.js';
import { inputShared, type ByteInput } from './bytes.js';
import type { JsonFormatColumn, JsonFormatTask } from '../../kernels/json/format.js';

/** A JSON input that cannot be read or parsed; `line` is the 1-based line of newline-delimited JSON, when known. */
export class JsonError extends VolleyError {
  constructor(
    readonly source: string,
    readonly line: number | null,
    message: string,
    options?: { cause?: unknown },
  ) {
    super('IO_ERROR', message, options);
    this.name = 'JsonError';
  }
}

/** What readNdjson takes: a file path, the bytes, or a stream of them. */
export type JsonInput = ByteInput;

/**
 * How JSON is written.
 *
 * @example
 * await df.writeNdjson('out.ndjson', { threads: 1 });
 */
export interface JsonWriteOptions {
  /** Threads that format the records (default `os.availableParallelism()`; 1 formats on the calling thread). */
  readonly threads?: number;
}

/** JSON as a whole array of records (`array`) or one record per line (`lines`). */
export type JsonLayout = 'array' | 'lines';

/** Rows per piece: a piece is formatted (on a thread of the pool, or the calling thread), written and dropped before the next. */
const PIECE_ROWS = 65_536;

const KINDS = { Int32: 'i32', Int64: 'i64', Float64: 'f64', Boolean: 'bool', Date: 'date', Timestamp: 'timestamp' } as const;

/** A column as the JSON kernel reads it: its key, its stored chunks, a text column's dictionary as bytes. */
function formatColumn(col: Column): JsonFormatColumn {
  const key = new TextEncoder().encode(`${JSON.stringify(col.name)}:`);
  const { chunks, dictionary } = col.stored;
  if (col.dtype !== 'Utf8') return { key, kind: KINDS[col.dtype], chunks, first: 0 };
  return { key, kind: 'utf8', chunks, first: 0, segments: dictionary!.utf8Segments() };
}

/** What a JSON write does: `[` and `]` around an array, and the formatting task of each piece. */
export interface JsonWork {
  readonly head: string | null;
  readonly pieces: number;
  task(i: number): JsonFormatTask;
  readonly tail: string | null;
}

/**
 * A JSON write of `table` as pieces of at most 65,536 records, each a formatting task that a
 * worker or the calling thread runs (`kernels/json/format.ts`): an array of records, or
 * (`lines`) one record per line, each line ending in `\n`. Keys in column order; values exactly
 * (Int64 as its digits, Date as `"YYYY-MM-DD"`, Timestamp as ISO 8601 in UTC, NaN and ±Infinity,
 * which JSON has not, as null, -0 as `-0`).
 *
 * @example
 * const work = jsonWork(table, 'lines');
 * formatJsonRows(work.task(0)); // the first 65,536 records' bytes
 */
export function jsonWork(table: Table, layout: JsonLayout): JsonWork {
  const cols = table.getColumns();
  const cut = pieceCutter(cols.map(formatColumn));
  const height = table.height;
  return {
    head: layout === 'array' ? '[' : null,
    pieces: cols.length === 0 && layout === 'lines' ? 0 : Math.ceil(height / PIECE_ROWS),
    task: (i) => {
      const start = i * PIECE_ROWS;
      const end = Math.min(height, start + PIECE_ROWS);
      return { type: 'jsonFormat', layout, columns: cut(start, end), start, end };
    },
    tail: layout === 'array' ? ']' : null,
  };
}

/**
 * The error a JSON write rejects with: the engine's own errors as they are, anything else (a
 * folder that does not exist, a stream that failed) a JsonError naming the output.
 *
 * @example
 * await writePieces(path, pieces, (e) => jsonWriteError(path, e));
 */
export function jsonWriteError(output: string, e: unknown): Error {
  if (e instanceof VolleyError) return e;
  return new JsonError(output, null, `cannot write ${output}: ${(e as Error).message ?? String(e)}`, { cause: e });
}

/** A run of 16 or more digits: maybe an integer JSON.parse would round (or digits inside a string, which costs only the slower parse). */
const LONG_INTEGER = /\d{16,}/;

/** A JSON number token: sign, digits, then an optional fraction and exponent. */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
/** A JSON string token, escapes included (JSON.parse of the token then checks and decodes it). */
const STRING = /"(?:[^"\\]|\\.)*"/y;
const SPACE = /[ \t\r]*/y;

/**
 * One JSON object of scalar values, read token by token: an integer token beyond ±(2^53 - 1) is
 * a `bigint`, every other value what JSON.parse gives. Nested objects and arrays are errors
 * (a frame column holds scalars). Throws a SyntaxError on malformed text.
 */
function parseFlatObject(line: string): Record<string, unknown> {
  let at = 0;
  const skip = (): void => {
    SPACE.lastIndex = at;
    SPACE.exec(line);
    at = SPACE.lastIndex;
  };
  const expect = (ch: string): void => {
    skip();
    if (line[at] !== ch) throw new SyntaxError(`expected '${ch}' at position ${at}`);
    at++;
  };
  const token = (re: RegExp): string | null => {
    re.lastIndex = at;
    const m = re.exec(line);
    if (m === null) return null;
    at = re.lastIndex;
    return m[0];
  };
  const out: Record<string, unknown> = {};
  expect('{');
  skip();
  if (line[at] === '}') {
    at++;
  } else {
    for (;;) {
      skip();
      const key = token(STRING);
      if (key === null) throw new SyntaxError(`expected a key at position ${at}`);
      expect(':');
      skip();
      out[JSON.parse(key) as string] = scalar();
      skip();
      if (line[at] === ',') {
        at++;
        continue;
      }
      expect('}');
      break;
    }
  }
  skip();
  if (at !== line.length) throw new SyntaxError(`unexpected text at position ${at}`);
  return out;

  function scalar(): unknown {
    const s = token(STRING);
    if (s !== null) return JSON.parse(s);
    const n = token(NUMBER);
    if (n !== null) {
      const v = Number(n);
      return /^-?\d+$/.test(n) && !Number.isSafeInteger(v) ? BigInt(n) : v;
    }
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (line.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    throw new SyntaxError(`expected a scalar value at position ${at} (nested objects and arrays are not read)`);
  }
}

/**
 * The records of newline-delimited JSON: one object per non-blank line. An integer beyond
 * ±(2^53 - 1) is read exactly, as a `bigint`; a line that is not a JSON object is an error
 * naming it. Integer columns beyond Int32 come back as `bigint` (so the frame types them Int64)
 * unless the column also holds fractions.
 *
 * @example
 * const rows = await readNdjsonRecords('events.ndjson');
 */
export async function readNdjsonRecords(input: JsonInput): Promise<Record<string, unknown>[]> {
  const name = typeof input === 'string' ? input : '<bytes>';
  let bytes: Uint8Array;
  try {
    bytes = await inputShared(input, 'readNdjson');
  } catch (e) {
    if (e instanceof VolleyError) throw e;
    throw new JsonError(name, null, `cannot read ${name}: ${(e as Error).message ?? String(e)}`, { cause: e });
  }
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  const rows: Record<string, unknown>[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    let value: unknown;
    try {
      // a line with a long integer is read token by token, so that integer stays exact
      value = LONG_INTEGER.test(line) ? parseFlatObject(line) : JSON.parse(line);
    } catch (e) {
      throw new JsonError(name, i + 1, `${name}, line ${i + 1}: not JSON: ${(e as Error).message}`, { cause: e });
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw new JsonError(
        name,
        i + 1,
        `${name}, line ${i + 1}: a line must hold one JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`,
      );
    rows.push(value as Record<string, unknown>);
  }
  widenIntegers(rows);
  return rows;
}

const INT32_MAX = 2 ** 31 - 1;
const INT32_MIN = -(2 ** 31);

/** Integer values of keys whose numbers are all integers, some beyond Int32, as bigint: an Int64 column, as Polars reads them. */
function widenIntegers(rows: Record<string, unknown>[]): void {
  const wide = new Set<string>();
  const fraction = new Set<string>();
  for (const row of rows)
    for (const [k, v] of Object.entries(row)) {
      if (typeof v !== 'number') continue;
      if (!Number.isInteger(v)) fraction.add(k);
      else if (v > INT32_MAX || v < INT32_MIN) wide.add(k);
    }
  for (const k of fraction) wide.delete(k);
  if (wide.size === 0) return;
  for (const row of rows)
    for (const k of wide) {
      const v = row[k];
      if (typeof v === 'number') row[k] = BigInt(v);
    }
}
