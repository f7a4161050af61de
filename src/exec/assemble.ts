/** Turning task results (chunks or vectors) back into a Table of Columns with their dictionaries. */
import { vecToChunk } from '../../kernels/convert.js';
import type { ChunkDesc, Vec } from '../../kernels/vec.js';
import { ComboIndex, madeText } from '../../kernels/eval/make-strings.js';
import type { ColumnInfo, MadeText } from '../physical/lower.js';
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
      const made = info.made === undefined ? null : madeDictionary(results, c, info.made);
      return column(made === null ? info : { ...info, dict: made }, chunks);
    }),
  );
}

/**
 * The dictionary of a Utf8 made per row: each morsel's input combinations (numbered in that
 * morsel by first appearance) entered in morsel order, one string made per combination new to
 * the column, and the morsel's codes rewritten in place to the column's (the chunks are this
 * query's own). Strings are numbered by first appearance in row order, so the dictionary and
 * codes are the same for any thread count. One input printed by a cast gives distinct strings for
 * distinct values (those formats are one to one), so they are appended unsearched; several inputs
 * may join to one string ("a" + "bc", "ab" + "c"), and a strftime format may write many values
 * alike ('%Y'), so those are interned.
 */
function madeDictionary(results: readonly CollectResult[], c: number, made: MadeText): Dictionary {
  const dict = new Dictionary();
  const index = new ComboIndex();
  const one = made.parts.length === 1 && made.parts[0]!.kind !== 'strftime';
  const text: string[] = [''];
  for (const r of results) {
    const distinct = r.made?.[c];
    if (distinct == null || r.rows === 0) continue;
    const m = distinct[0]?.length ?? 0;
    const remap = new Int32Array(m);
    for (let j = 0; j < m; j++) {
      remap[j] = index.codeOf(distinct, j, () => {
        const s = madeText(distinct, j, made.parts, made.separator);
        if (!one) return dict.intern(s);
        text[0] = s;
        return dict.appendDistinct(text, 0, 1);
      });
    }
    const chunk = r.columns[c]!;
    const codes = chunk.values as Int32Array;
    const bits = chunk.nullCount > 0 ? chunk.validity : null;
    for (let i = 0; i < chunk.length; i++) {
      if (bits !== null && ((bits[i >> 3]! >> (i & 7)) & 1) === 0) continue;
      codes[i] = remap[codes[i]!]!;
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
