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
      return column(info, chunks);
    }),
  );
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
