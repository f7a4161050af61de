/** Frames whose Utf8 columns are stored plain, as readCsv stores a near-unique column, so every test can run over both layouts. */
import { DataFrame } from '../../src/index.js';
import { getBit, sharedInt32 } from '../../src/table/buffers.js';
import type { ChunkData } from '../../src/table/chunk.js';
import { Column } from '../../src/table/column.js';
import { Dictionary } from '../../src/table/dictionary.js';
import { Table } from '../../src/table/table.js';

const encoder = new TextEncoder();

/**
 * The same frame with each Utf8 column stored plain: an entry per non-null row in its plain
 * dictionary (repeats included), appended chunk by chunk, and codes numbering the rows, as a CSV
 * range read gives them (see `Dictionary.plain`). Chunks keep their lengths and validity.
 *
 * @example
 * const df = asPlainStrings(DataFrame.fromColumns({ s: ['a', 'a', null] }));
 * df.getColumn('s').stored.dictionary!.size; // 2
 */
export function asPlainStrings(df: DataFrame): DataFrame {
  return new DataFrame(new Table(df.getColumns().map((c) => (c.dtype === 'Utf8' ? plainColumn(c) : c))));
}

function plainColumn(c: Column): Column {
  const dict = Dictionary.plain();
  const values = c.dictionary!;
  const chunks = c.chunks.map((chunk): ChunkData => {
    const parts: Uint8Array[] = [];
    const codes = sharedInt32(chunk.length);
    const base = dict.size;
    for (let i = 0; i < chunk.length; i++) {
      if (chunk.validity !== null && !getBit(chunk.validity, i)) continue;
      codes[i] = base + parts.length;
      parts.push(encoder.encode(values.get((chunk.values as Int32Array)[i]!)));
    }
    const offsets = new Int32Array(parts.length + 1);
    parts.forEach((p, k) => {
      offsets[k + 1] = offsets[k]! + p.length;
    });
    const bytes = new Uint8Array(offsets[parts.length]!);
    parts.forEach((p, k) => bytes.set(p, offsets[k]!));
    dict.appendEncoded(bytes, offsets);
    return { length: chunk.length, nullCount: chunk.nullCount, values: codes, validity: chunk.validity };
  });
  return new Column(c.name, 'Utf8', chunks, dict);
}
