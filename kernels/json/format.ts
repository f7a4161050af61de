/**
 * JSON out as bytes: rows [start, end) of a table's stored chunks as records, straight into
 * UTF-8, the same on the calling thread and in workers (see kernels/csv/format.ts for CSV).
 */
import type { ChunkDesc } from '../vec.js';
import { ByteOut, columnRows, TextEntries, writeIso, writeShortDecimal, type TextSegment } from '../byte-out.js';

/** One column as stored (text with its dictionary's bytes) and its key, `"name":`, as bytes. */
export type JsonFormatColumn = { readonly key: Uint8Array; readonly chunks: readonly ChunkDesc[]; readonly first: number } & (
  | { readonly kind: 'i32' | 'i64' | 'f64' | 'bool' | 'date' | 'timestamp' }
  | { readonly kind: 'utf8'; readonly segments: readonly TextSegment[] }
);

/** Rows [start, end) as JSON records: joined by `,` with a `,` first unless `start` is 0 (`array`), or one per line (`lines`). */
export interface JsonFormatTask {
  readonly type: 'jsonFormat';
  readonly layout: 'array' | 'lines';
  readonly columns: readonly JsonFormatColumn[];
  readonly start: number;
  readonly end: number;
}

const MS_PER_DAY = 86_400_000;
const HEX = '0123456789abcdef';

/**
 * Rows [start, end) as JSON records, keys in column order, values exactly: Int64 as its digits,
 * Float64 as String gives it (-0 as `-0`; NaN and ±Infinity, which JSON has not, as null), Date as
 * `"YYYY-MM-DD"`, Timestamp as `toISOString` gives it, text escaped as JSON.stringify escapes it.
 *
 * @example
 * const bytes = formatJsonRows({ type: 'jsonFormat', layout: 'lines', columns, start: 0, end: 65_536 });
 */
export function formatJsonRows(task: JsonFormatTask): Uint8Array {
  const { columns, start, end, layout } = task;
  const out = new ByteOut();
  const walkers = columns.map((c) => columnRows(c.chunks, start - c.first, valueWriter(c, out), () => out.ascii('null')));
  for (let r = start; r < end; r++) {
    if (layout === 'array' && r > 0) out.ascii(',');
    out.ascii('{');
    for (let k = 0; k < walkers.length; k++) {
      if (k > 0) out.ascii(',');
      out.put(columns[k]!.key);
      walkers[k]!();
    }
    out.ascii(layout === 'lines' ? '}\n' : '}');
  }
  return out.shared();
}

type ValueWriter = (chunk: ChunkDesc, j: number) => void;

function valueWriter(col: JsonFormatColumn, out: ByteOut): ValueWriter {
  switch (col.kind) {
    case 'i32':
      return (chunk, j) => out.int((chunk.values as Int32Array)[j]!);
    case 'i64':
      return (chunk, j) => out.ascii((chunk.values as BigInt64Array)[j]!.toString());
    case 'f64':
      return (chunk, j) => {
        const x = (chunk.values as Float64Array)[j]!;
        if (!Number.isFinite(x)) out.ascii('null');
        else if (!writeShortDecimal(x, out)) out.ascii(String(x));
      };
    case 'bool':
      return (chunk, j) => out.ascii(((chunk.values as Uint8Array)[j >> 3]! >> (j & 7)) & 1 ? 'true' : 'false');
    case 'date':
      return (chunk, j) => {
        out.ascii('"');
        writeIso((chunk.values as Int32Array)[j]! * MS_PER_DAY, true, out);
        out.ascii('"');
      };
    case 'timestamp':
      return (chunk, j) => {
        out.ascii('"');
        writeIso(Number((chunk.values as BigInt64Array)[j]!), false, out);
        out.ascii('"');
      };
    case 'utf8':
      return textWriter(col.segments, out);
  }
}

/** Text from the dictionary's bytes as a JSON string. */
function textWriter(segments: readonly TextSegment[], out: ByteOut): ValueWriter {
  const text = new TextEntries(segments);
  return (chunk, j) => {
    text.seek((chunk.values as Int32Array)[j]!);
    writeJsonString(text.bytes, text.from, text.to, out);
  };
}

/** UTF-8 bytes [from, to) as a JSON string: `"` and `\` escaped, control characters as JSON.stringify writes them. */
function writeJsonString(b: Uint8Array, from: number, to: number, out: ByteOut): void {
  out.ascii('"');
  let run = from;
  for (let i = from; i < to; i++) {
    const x = b[i]!;
    if (x >= 0x20 && x !== 0x22 && x !== 0x5c) continue;
    if (run < i) out.put(b, run, i);
    run = i + 1;
    switch (x) {
      case 0x22:
        out.ascii('\\"');
        break;
      case 0x5c:
        out.ascii('\\\\');
        break;
      case 0x08:
        out.ascii('\\b');
        break;
      case 0x09:
        out.ascii('\\t');
        break;
      case 0x0a:
        out.ascii('\\n');
        break;
      case 0x0c:
        out.ascii('\\f');
        break;
      case 0x0d:
        out.ascii('\\r');
        break;
      default:
        out.ascii(`\\u00${HEX[x >> 4]}${HEX[x & 15]}`);
    }
  }
  if (run < to) out.put(b, run, to);
  out.ascii('"');
}
