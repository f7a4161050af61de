/** JSON out (an array of records, or one record per line) and newline-delimited JSON in. */
import { VolleyError } from '../errors.js';
import { getBit } from '../table/buffers.js';
import type { ChunkData } from '../table/chunk.js';
import type { Column } from '../table/column.js';
import { daysToDate } from '../table/scalar.js';
import { rowCursor } from '../table/row-cursor.js';
import type { Table } from '../table/table.js';
import { inputShared, writePieces, type ByteInput } from './bytes.js';
import type { Writable } from 'node:stream';

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

/** JSON as a whole array of records (`array`) or one record per line (`lines`). */
export type JsonLayout = 'array' | 'lines';

/** Rows per piece written: the text of a piece is made, written and dropped before the next. */
const PIECE_ROWS = 16_384;

/**
 * A JSON value's text for each value of a column, written exactly: Int64 as its digits (a JSON
 * number of any size; a JS reader rounds past 2^53, others do not), Date as `"YYYY-MM-DD"`,
 * Timestamp as ISO 8601 in UTC, NaN and ±Infinity as `null` (JSON has no such numbers), -0 as
 * `-0`, null as `null`.
 */
function valueText(col: Column, chunk: ChunkData, j: number, dictionary: { get(code: number): string } | null): string {
  if (chunk.validity !== null && !getBit(chunk.validity, j)) return 'null';
  const v = chunk.values[j]!;
  switch (col.dtype) {
    case 'Int32':
      return String(v);
    case 'Int64':
      return (v as bigint).toString();
    case 'Float64': {
      const x = v as number;
      if (!Number.isFinite(x)) return 'null';
      return Object.is(x, -0) ? '-0' : String(x);
    }
    case 'Boolean':
      return getBit(chunk.values as Uint8Array, j) ? 'true' : 'false';
    case 'Utf8':
      return JSON.stringify(dictionary!.get(v as number));
    case 'Date':
      return `"${daysToDate(v as number)
        .toISOString()
        .slice(0, 10)}"`;
    case 'Timestamp':
      return `"${new Date(Number(v)).toISOString()}"`;
  }
}

/**
 * The JSON text of `table`, a piece of at most PIECE_ROWS records at a time: an array of
 * records, or (`lines`) one record per line, each line ending in `\n`. Keys in column order.
 *
 * @example
 * for (const piece of jsonPieces(table, 'lines')) out.write(piece);
 */
export function* jsonPieces(table: Table, layout: JsonLayout): Generator<string> {
  const cols = table.getColumns();
  const keys = cols.map((c) => `${JSON.stringify(c.name)}:`);
  const readers = cols.map((c) => {
    const { chunks, dictionary } = c.stored;
    return rowCursor(chunks, (chunk, j) => valueText(c, chunk, j, dictionary));
  });
  const height = table.height;
  if (layout === 'array') yield '[';
  for (let start = 0; start < height; start += PIECE_ROWS) {
    const end = Math.min(height, start + PIECE_ROWS);
    const lines: string[] = [];
    for (let r = start; r < end; r++) {
      let record = '{';
      for (let k = 0; k < cols.length; k++) record += `${k > 0 ? ',' : ''}${keys[k]}${readers[k]!()}`;
      lines.push(`${record}}`);
    }
    yield layout === 'array' ? (start > 0 ? ',' : '') + lines.join(',') : `${lines.join('\n')}\n`;
  }
  if (layout === 'array') yield ']';
}

/**
 * Write `table` as JSON to a path or a Node `Writable` (left open), in pieces.
 *
 * @example
 * await writeJsonTable(table, 'out.ndjson', 'lines');
 */
export async function writeJsonTable(table: Table, output: string | Writable, layout: JsonLayout): Promise<void> {
  const name = typeof output === 'string' ? output : '<stream>';
  await writePieces(output, jsonPieces(table, layout), (e) =>
    e instanceof VolleyError ? e : new JsonError(name, null, `cannot write ${name}: ${(e as Error).message ?? String(e)}`, { cause: e }),
  );
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
