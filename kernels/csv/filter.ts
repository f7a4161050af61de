/** A pushed-down predicate applied to a range's columns right after parsing, in the task that parsed them. */
import { chunkToVec, vecToChunk } from '../convert.js';
import { evaluate } from '../eval/evaluate.js';
import type { PhysExpr } from '../ir.js';
import { maskToSelection, take } from '../select.js';
import type { Vec, VecKind } from '../vec.js';
import type { CsvChunk, CsvColumnOutput, CsvValueKind } from './spec.js';

/**
 * A predicate over a range's materialized columns: input i of `predicate` is the range column at
 * position `inputs[i]` (positions count materialized columns only, in file order).
 */
export interface RangeFilter {
  readonly predicate: PhysExpr;
  readonly inputs: readonly number[];
}

/** The vector kind kernels compute on for each stored kind. */
export function vecKindOf(kind: CsvValueKind): VecKind {
  switch (kind) {
    case 'float64':
      return 'f64';
    case 'int64':
    case 'timestamp':
      return 'i64';
    case 'boolean':
      return 'bool';
    default:
      return 'i32';
  }
}

/**
 * Keep the rows where `filter` is true (null counts as false), chunk by chunk: every column of a
 * range shares one chunk layout, so chunk j of each column holds the same rows. Chunks where every
 * row passes are kept as they are; chunks where none does are dropped. Dictionaries are kept
 * whole: codes stay valid, and a dictionary may hold values of dropped rows, as it does after any
 * filter.
 *
 * @example
 * const { rows, columns } = filterRange(result.columns, { predicate: gt(input(0), const(2)), inputs: [3] });
 */
export function filterRange(columns: readonly CsvColumnOutput[], filter: RangeFilter): { rows: number; columns: CsvColumnOutput[] } {
  const kinds = columns.map((c) => vecKindOf(c.kind));
  const kept: CsvChunk[][] = columns.map(() => []);
  const chunks = columns[0]?.chunks.length ?? 0;
  let rows = 0;
  for (let j = 0; j < chunks; j++) {
    const length = columns[0]!.chunks[j]!.length;
    const inputs: Vec[] = filter.inputs.map((p) => chunkToVec(columns[p]!.chunks[j]!, kinds[p]!));
    const sel = maskToSelection(evaluate(filter.predicate, inputs, length));
    if (sel.length === 0) continue;
    rows += sel.length;
    columns.forEach((c, k) => {
      const chunk = c.chunks[j]!;
      kept[k]!.push(sel.length === length ? chunk : (vecToChunk(take(chunkToVec(chunk, kinds[k]!), sel)) as CsvChunk));
    });
  }
  return { rows, columns: columns.map((c, k) => ({ ...c, chunks: kept[k]! })) };
}
