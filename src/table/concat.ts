/** Combining tables: vertical (strict or relaxed), diagonal and horizontal concatenation, sharing chunks. */
import { DuplicateColumnError, InternalError, InvalidArgumentError, VolleyError } from '../errors.js';
import { type DataType, numericSupertype } from '../types/dtype.js';
import { DEFAULT_CHUNK_SIZE } from './buffers.js';
import type { ChunkData } from './chunk.js';
import { chunkLengths, nullChunk, relayout, remapCodes, upcastChunk } from './chunk-convert.js';
import { Column } from './column.js';
import { ConcatError } from './concat-error.js';
import type { Dictionary } from './dictionary.js';
import { unifyDictionaries } from './dictionary-union.js';
import { Table } from './table.js';
import { Schema } from '../types/schema.js';

/** How `concat` combines frames (Polars' names). */
export type ConcatHow = 'vertical' | 'vertical_relaxed' | 'diagonal' | 'horizontal';

/** The concatenation modes, for checking an option. */
export const CONCAT_HOWS: readonly ConcatHow[] = ['vertical', 'vertical_relaxed', 'diagonal', 'horizontal'];

/**
 * Options of `concat`.
 *
 * @example
 * await concat([a, b], { how: 'diagonal', rechunk: true });
 */
export interface ConcatOptions {
  /** Default `'vertical'`. */
  how?: ConcatHow;
  /** Copy the result into chunks of the standard size (65,536 rows) instead of keeping the inputs' chunks. Default false. */
  rechunk?: boolean;
  /** Horizontal only: frames of different heights are a `LENGTH_MISMATCH` instead of being padded with nulls. Default false. */
  strict?: boolean;
}

/** One frame's part of a stacked column: its column (null when the frame lacks it) and the frame's chunk lengths. */
interface Part {
  readonly column: Column | null;
  readonly lengths: readonly number[];
}

/**
 * The concat mode of `options` (`'vertical'` when unset), checked.
 *
 * @example
 * concatHow({ how: 'diagonal' }); // 'diagonal'
 */
export function concatHow(options: ConcatOptions): ConcatHow {
  const how = options.how ?? 'vertical';
  if (!CONCAT_HOWS.includes(how))
    throw new InvalidArgumentError(
      'how',
      how,
      `concat how must be one of ${CONCAT_HOWS.map((h) => `'${h}'`).join(', ')}; got ${String(how)}`,
    );
  return how;
}

/**
 * Tables combined as `options.how` says (see `concat` in `src/frame/concat.ts` for the rules).
 * Chunks whose type and dictionary already fit are shared, never copied.
 *
 * @example
 * concatTables([a, b], { how: 'vertical' }).height; // a.height + b.height
 */
export function concatTables(tables: readonly Table[], options: ConcatOptions = {}): Table {
  const how = concatHow(options);
  if (tables.length === 0) throw new InvalidArgumentError('items', tables, 'concat needs at least one frame');
  const out = how === 'horizontal' ? horizontal(tables, options.strict === true) : stack(tables, how);
  return options.rechunk === true ? rechunk(out) : out;
}

/** The chunk lengths every column of a table shares (its first column's), or none for a table without columns. */
function layoutOf(t: Table): number[] {
  const first = t.getColumns()[0];
  return first === undefined ? [] : chunkLengths(first);
}

/** Vertical, relaxed and diagonal: the output names and types, then each column stacked from its parts. */
function stack(tables: readonly Table[], how: Exclude<ConcatHow, 'horizontal'>): Table {
  const schema = stackedSchema(
    tables.map((t) => t.schema),
    how,
  );
  const layouts = tables.map(layoutOf);
  const columns = schema.fields.map(({ name, dtype }) => {
    const parts: Part[] = tables.map((t, i) => ({
      column: t.schema.has(name) ? t.getColumn(name) : null,
      lengths: layouts[i]!,
    }));
    return stackColumn(name, dtype, parts);
  });
  return new Table(columns);
}

/**
 * The schema of a vertical, relaxed or diagonal concat of frames with these schemas, checked as
 * `concat` checks them (the same `ConcatError`s, naming the frame by its index). The lazy concat
 * calls it when the plan is built, so both fail alike and at once.
 *
 * @example
 * stackedSchema([a.schema, b.schema], 'diagonal').names; // every name, first-seen order
 */
export function stackedSchema(schemas: readonly Schema[], how: Exclude<ConcatHow, 'horizontal'>): Schema {
  if (schemas.length === 0) throw new InvalidArgumentError('items', schemas, 'concat needs at least one frame');
  const names = how === 'diagonal' ? unionNames(schemas) : schemas[0]!.names;
  if (how !== 'diagonal') schemas.forEach((s, i) => checkNames(names, s, i, how === 'vertical'));
  return new Schema(
    names.map((name) => ({
      name,
      dtype: outputType(
        name,
        schemas.map((s) => (s.has(name) ? s.get(name).dtype : null)),
        how,
      ),
    })),
  );
}

/** Every name of every schema, in the order first seen. */
function unionNames(schemas: readonly Schema[]): string[] {
  const seen = new Set<string>();
  for (const s of schemas) for (const n of s.names) seen.add(n);
  return [...seen];
}

/** A frame whose names differ from the first frame's: a missing column, an extra one, or (strict only) another order. */
function checkNames(names: readonly string[], t: Schema, i: number, ordered: boolean): void {
  for (const n of names)
    if (!t.has(n))
      throw new ConcatError('COLUMN_NOT_FOUND', i, n, null, null, `concat: frame ${i} has no column "${n}", which frame 0 has`);
  const known = new Set(names);
  for (const n of t.names)
    if (!known.has(n))
      throw new ConcatError(
        'PLAN_ERROR',
        i,
        n,
        null,
        null,
        `concat: frame ${i} has a column "${n}" that frame 0 lacks (use how: 'diagonal' to fill it with nulls)`,
      );
  if (!ordered) return;
  t.names.forEach((n, k) => {
    if (n !== names[k])
      throw new ConcatError(
        'PLAN_ERROR',
        i,
        n,
        null,
        null,
        `concat: frame ${i} has column "${n}" at position ${k} where frame 0 has "${names[k]}" (use how: 'vertical_relaxed' to match columns by name)`,
      );
  });
}

/** The type of a stacked column (each frame's type, null where it lacks the column): one type for strict vertical, else the numeric supertype. */
function outputType(name: string, types: readonly (DataType | null)[], how: Exclude<ConcatHow, 'horizontal'>): DataType {
  let type: DataType | null = null;
  types.forEach((found, i) => {
    if (found === null) return;
    if (type === null || type === found) {
      type = found;
      return;
    }
    const wider = how === 'vertical' ? null : numericSupertype(type, found);
    if (wider === null) {
      const hint = how === 'vertical' && numericSupertype(type, found) !== null ? " (how: 'vertical_relaxed' upcasts numbers)" : '';
      throw new ConcatError(
        'TYPE_ERROR',
        i,
        name,
        type,
        found,
        `concat: column "${name}" is ${type} before frame ${i} but ${found} in frame ${i}${hint}`,
      );
    }
    type = wider;
  });
  if (type === null) throw new InternalError(`concat: no frame has column "${name}"`);
  return type;
}

/** One output column: each part's chunks shared where they fit, else upcast, recoded or filled with nulls. */
function stackColumn(name: string, dtype: DataType, parts: readonly Part[]): Column {
  let dictionary: Dictionary | null = null;
  let remaps: (Int32Array | null)[] = [];
  if (dtype === 'Utf8') {
    const present = parts.filter((p) => p.column !== null).map((p) => p.column!.dictionary!);
    const union = unifyDictionaries(present);
    dictionary = union.dictionary;
    remaps = union.remaps;
  }
  const chunks: ChunkData[] = [];
  let r = 0;
  for (const p of parts) {
    if (p.column === null) {
      for (const len of p.lengths) if (len > 0) chunks.push(nullChunk(dtype, len));
      continue;
    }
    const col = p.column;
    const remap = dtype === 'Utf8' ? remaps[r++]! : null;
    for (const c of col.chunks) {
      if (c.length === 0) continue;
      chunks.push(remap !== null ? remapCodes(c, remap) : upcastChunk(c, col.dtype, dtype));
    }
  }
  return new Column(name, dtype, chunks, dictionary);
}

/**
 * The schema of a horizontal concat of frames with these schemas: every column side by side; a
 * name in two frames is a `DuplicateColumnError`, as `concat` throws it. The lazy concat calls it
 * when the plan is built.
 *
 * @example
 * sideBySideSchema([a.schema, b.schema]).names; // a's names, then b's
 */
export function sideBySideSchema(schemas: readonly Schema[]): Schema {
  if (schemas.length === 0) throw new InvalidArgumentError('items', schemas, 'concat needs at least one frame');
  const seen = new Set<string>();
  for (const s of schemas)
    for (const n of s.names) {
      if (seen.has(n))
        throw new DuplicateColumnError(n, `concat: column "${n}" is in more than one frame (rename one before a horizontal concat)`);
      seen.add(n);
    }
  return new Schema(schemas.flatMap((s) => s.fields));
}

/** Columns side by side, cut to the tallest frame's chunk layout; shorter frames are padded with nulls unless strict. */
function horizontal(tables: readonly Table[], strict: boolean): Table {
  sideBySideSchema(tables.map((t) => t.schema));
  const withColumns = tables.filter((t) => t.width > 0);
  const tallest = withColumns.reduce<Table | null>((a, t) => (a === null || t.height > a.height ? t : a), null);
  if (tallest === null) return new Table([]);
  if (strict) {
    const short = withColumns.find((t) => t.height !== tallest.height);
    if (short !== undefined)
      throw new VolleyError(
        'LENGTH_MISMATCH',
        `frames of ${short.height} and ${tallest.height} rows cannot sit side by side with equal heights required (concat with how: 'horizontal' and no strict pads with nulls)`,
      );
  }
  const lengths = layoutOf(tallest);
  return new Table(withColumns.flatMap((t) => t.getColumns().map((c) => relayout(c, lengths))));
}

/** Every column copied into chunks of the standard size (zero-copy for a column already cut that way). */
function rechunk(t: Table): Table {
  const lengths: number[] = [];
  for (let lo = 0; lo < t.height; lo += DEFAULT_CHUNK_SIZE) lengths.push(Math.min(DEFAULT_CHUNK_SIZE, t.height - lo));
  return new Table(t.getColumns().map((c) => relayout(c, lengths)));
}
