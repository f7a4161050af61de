/** Turning task results (chunks or vectors) back into a Table of Columns with their dictionaries. */
import { vecToChunk } from '../../kernels/convert.js';
import type { ChunkDesc, Vec } from '../../kernels/vec.js';
import type { ColumnInfo } from '../physical/lower.js';
import { DEFAULT_MORSEL_SIZE } from '../physical/options.js';
import type { CollectResult } from '../pool/protocol.js';
import { Column } from '../table/column.js';
import { Table } from '../table/table.js';
import { Dictionary } from '../table/dictionary.js';

/**
 * A frame from per-morsel results, in order; empty chunks are dropped.
 *
 * @example
 * frameFromResults(columns, results).height; // sum of result rows
 */
export function frameFromResults(infos: readonly ColumnInfo[], results: readonly CollectResult[]): Table {
  return new Table(
    infos.map((info, c) => {
      const chunks: ChunkDesc[] = [];
      for (const r of results) if (r.rows > 0) chunks.push(r.columns[c]!);
      const made = results.some((r) => r.strings?.[c] != null) ? madeDictionary(results, c) : null;
      return column(made === null ? info : { ...info, dict: made }, chunks);
    }),
  );
}

/**
 * The dictionary of a Utf8 made per row: each morsel's strings (numbered in that morsel) entered
 * in morsel order as its rows first use them, and the morsel's codes rewritten in place to the
 * column's (the chunks are this query's own). Strings are numbered by first appearance in row
 * order, so the dictionary and codes are the same for any thread count.
 */
function madeDictionary(results: readonly CollectResult[], c: number): Dictionary {
  const dict = new Dictionary();
  for (const r of results) {
    const local = r.strings?.[c];
    if (local == null || r.rows === 0) continue;
    const chunk = r.columns[c]!;
    const codes = chunk.values as Int32Array;
    const bits = chunk.nullCount > 0 ? chunk.validity : null;
    const remap = new Int32Array(local.length).fill(-1);
    for (let i = 0; i < chunk.length; i++) {
      if (bits !== null && ((bits[i >> 3]! >> (i & 7)) & 1) === 0) continue;
      const code = codes[i]!;
      let to = remap[code]!;
      if (to < 0) {
        to = dict.intern(local[code]!);
        remap[code] = to;
      }
      codes[i] = to;
    }
  }
  return dict;
}

/** A frame from whole-column vectors, stored in chunks of the default morsel size. */
export function frameFromVecs(infos: readonly ColumnInfo[], vecs: readonly Vec[], rows: number): Table {
  return new Table(
    infos.map((info, c) => {
      const v = vecs[c]!;
      const chunks: ChunkDesc[] = [];
      for (let s = 0; s < rows; s += DEFAULT_MORSEL_SIZE) chunks.push(vecToChunk(slice(v, s, Math.min(rows, s + DEFAULT_MORSEL_SIZE))));
      return column(info, chunks);
    }),
  );
}

function column(info: ColumnInfo, chunks: ChunkDesc[]): Column {
  const dict = info.dtype === 'Utf8' ? (info.dict ?? new Dictionary()) : null;
  return new Column(info.name, info.dtype, chunks, dict);
}

function slice(v: Vec, s: number, e: number): Vec {
  if (s === 0 && e === v.length) return v;
  return {
    kind: v.kind,
    length: e - s,
    values: v.values.subarray(s, e) as Vec['values'],
    valid: v.valid === null ? null : v.valid.subarray(s, e),
  };
}
