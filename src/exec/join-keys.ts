/** What both join paths share about keys: the type two key columns compare as, the cast each side needs, one dictionary for string keys. */
import { chunkToVec } from '../../kernels/convert.js';
import type { KeyCast } from '../../kernels/join/cast.js';
import { concatVecs } from '../../kernels/select.js';
import type { Vec } from '../../kernels/vec.js';
import { kindOf } from '../physical/kinds.js';
import { joinKeyType } from '../plan/join.js';
import type { Column } from '../table/column.js';
import { Dictionary } from '../table/dictionary.js';
import type { DataType } from '../types/dtype.js';

/**
 * A whole column as one vector (a view when it has one chunk).
 *
 * @example
 * columnVec(table.getColumn('id')).length === table.height; // true
 */
export function columnVec(col: Column): Vec {
  const kind = kindOf(col.dtype);
  return concatVecs(
    col.chunks.map((c) => chunkToVec(c, kind)),
    kind,
  );
}

/**
 * A whole column as stored, one vector, with the dictionary its codes index: for gathering its
 * rows into an output column, which keeps that dictionary (a plain Utf8 column stays plain and
 * unkeyed; see `Column.stored`).
 *
 * @example
 * const { vec, dictionary } = storedVec(source);
 * toColumn(name, source.dtype, takeRows(vec, rows), dictionary);
 */
export function storedVec(col: Column): { vec: Vec; dictionary: Dictionary | null } {
  const kind = kindOf(col.dtype);
  const { chunks, dictionary } = col.stored;
  return {
    vec: concatVecs(
      chunks.map((c) => chunkToVec(c, kind)),
      kind,
    ),
    dictionary,
  };
}

/** One key pair: the type they compare as, each side's cast to it, and for Utf8 the unified dictionary. */
export interface KeyPlan {
  readonly dtype: DataType;
  readonly left: KeyCast;
  readonly right: KeyCast;
  /** For Utf8 keys: the left dictionary followed by the right-only values, which both sides' codes index after their casts. */
  readonly dictionary: Dictionary | null;
}

const NONE: KeyCast = { kind: 'none' };

function widen(from: DataType, to: DataType): KeyCast {
  if (from === to) return NONE;
  return to === 'Int64' ? { kind: 'i64' } : to === 'Float64' ? { kind: 'f64' } : NONE;
}

/**
 * How a left and a right key column compare. Utf8 right codes are mapped through a code-to-code
 * table built once per right dictionary entry (never per row); a value the left side lacks gets
 * a code past the left ones, so left codes need no change.
 *
 * @example
 * keyPlan(left.getColumn('id'), right.getColumn('id')); // { dtype: 'Int64', left: { kind: 'i64' }, right: { kind: 'none' }, ... }
 */
export function keyPlan(left: Column, right: Column): KeyPlan {
  const dtype = joinKeyType(left.dtype, right.dtype, left.name, right.name);
  if (dtype !== 'Utf8') return { dtype, left: widen(left.dtype, dtype), right: widen(right.dtype, dtype), dictionary: null };
  const leftDict = left.dictionary!;
  const rightDict = right.dictionary!;
  const dictionary = new Dictionary(leftDict.values);
  const map = new Int32Array(new SharedArrayBuffer(4 * rightDict.size));
  for (let c = 0; c < rightDict.size; c++) map[c] = dictionary.intern(rightDict.values[c]!);
  return { dtype, left: NONE, right: { kind: 'codes', map }, dictionary };
}
