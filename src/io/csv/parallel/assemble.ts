/** Parsed ranges to frames: per-range dictionaries unified into one per column, chunks concatenated in file order. */
import { InternalError } from '../../../errors.js';
import { ColumnBytes } from '../../../../kernels/csv/column-bytes.js';
import { Pacer } from '../../pace.js';
import type { CsvChunk, CsvColumnOutput, EncodedDictionary } from '../../../../kernels/csv/spec.js';
import { Column } from '../../../table/column.js';
import type { ChunkData } from '../../../table/chunk.js';
import { Table } from '../../../table/table.js';
import { Dictionary } from '../../../table/dictionary.js';
import type { DataType } from '../../../types/dtype.js';

/** The materialized columns of one parsed range, in file order. */
export type RangeColumns = readonly CsvColumnOutput[];

/** Name and type of one output column, and whether a Utf8 column is read plain (see CsvColumnSpec.plain). */
export interface ColumnShape {
  readonly name: string;
  readonly dtype: DataType;
  readonly plain?: boolean;
}

/**
 * Turns parsed ranges, added in file order, into frames whose Utf8 columns share one dictionary
 * per column. The work on the calling thread (interning a range's dictionary, rewriting its
 * codes) happens one range at a time, as each arrives, so it overlaps with parsing later ranges;
 * it yields to the event loop every few milliseconds (a thread's first range brings every value
 * of a high-cardinality column at once). Codes only ever get appended to a dictionary, so a
 * frame handed out earlier stays valid as later ranges are added.
 *
 * @example
 * const ranges = new RangeFrames(shapes);
 * const batch = await ranges.add(result.columns); // this range's rows as a Table
 */
export class RangeFrames {
  /** One dictionary per Utf8 column, growing as ranges are added; null for other columns. */
  readonly dictionaries: readonly (Dictionary | null)[];
  private readonly unifiers: readonly (Unifier | PlainAppender | null)[];

  constructor(readonly shapes: readonly ColumnShape[]) {
    this.dictionaries = shapes.map((s) => (s.dtype !== 'Utf8' ? null : s.plain === true ? Dictionary.plain() : new Dictionary()));
    this.unifiers = this.dictionaries.map((d) => (d === null ? null : d.distinct ? new Unifier(d) : new PlainAppender(d)));
  }

  /**
   * The next range's rows as a frame (columns in the order of the shapes). `owner` names the
   * thread dictionaries its utf8 codes refer to (see threadDictionaries), or null when the range's
   * dictionaries are its own.
   */
  async add(range: RangeColumns, owner: string | null = null): Promise<Table> {
    const pace = new Pacer(SLICE_MS);
    const columns: Column[] = [];
    for (let k = 0; k < this.shapes.length; k++) {
      const s = this.shapes[k]!;
      const part = range[k]!;
      await this.unifiers[k]?.add(part, owner, pace);
      columns.push(new Column(s.name, s.dtype, part.chunks, this.dictionaries[k] ?? null));
    }
    return new Table(columns);
  }

  /** Frames of consecutive ranges as one frame: chunks concatenated, shared as they are. */
  concat(frames: readonly Table[]): Table {
    return new Table(
      this.shapes.map((s, k) => {
        const chunks: ChunkData[] = [];
        // stored chunks: a plain column's are codes of its plain dictionary, which the result keeps
        for (const f of frames) for (const c of f.getColumns()[k]!.stored.chunks) chunks.push(c);
        return new Column(s.name, s.dtype, chunks, this.dictionaries[k] ?? null);
      }),
    );
  }
}

/** Longest stretch of unifying work between two turns of the event loop. */
const SLICE_MS = 5;

/** What the column knows of one thread's dictionary: the column code of each of its codes so far. */
interface OwnerCodes {
  codes: Int32Array;
  size: number;
  /** Whether every code so far maps to itself, so the thread's codes need no rewriting. */
  identity: boolean;
}

/**
 * Interns each range's dictionary into a column's dictionary, in file order, and rewrites the
 * range's codes in place. Interning range by range, each in its first-seen order, gives the
 * order of first appearance in the file, which is what a single parse gives.
 *
 * A range parsed with a thread's dictionaries (an `owner`) brings only the entries that thread
 * had not seen; the thread's ranges arrive in file order, so the mapping from its codes to the
 * column's grows by appending. With one thread the codes agree from the start and nothing is
 * rewritten; with several, each distinct value is interned once per thread rather than once per
 * range. Null rows keep their stored value.
 *
 * Entries are interned by their bytes, so only values new to the column become strings. Two byte
 * strings can decode to one string (invalid UTF-8 becomes U+FFFD), which the column then holds as
 * one value: `columnCode` maps byte codes to the column dictionary's codes.
 */
class Unifier {
  private readonly bytes = new ColumnBytes();
  private columnCode: Int32Array = new Int32Array(64);
  private readonly owners = new Map<string, OwnerCodes>();
  /** Whether a range brought decoded strings, which the byte dictionary does not know. */
  private decodedStrings = false;

  constructor(private readonly dict: Dictionary) {}

  async add(part: CsvColumnOutput, owner: string | null, pace: Pacer): Promise<void> {
    if (part.encoded === undefined) {
      // decoded strings (a range parsed without encoding): its own dictionary, interned whole
      const local = part.dictionary ?? [];
      this.decodedStrings ||= local.length > 0;
      const remap = Int32Array.from(local, (v) => this.dict.intern(v));
      if (!isIdentity(remap, remap.length)) for (const chunk of part.chunks) remapCodes(chunk, remap);
      return;
    }
    const state: OwnerCodes = owner === null ? { codes: new Int32Array(64), size: 0, identity: true } : this.ownerCodes(owner);
    const e = part.encoded;
    if (e.base !== state.size) throw new InternalError(`dictionary entries out of order: expected code ${state.size} next, got ${e.base}`);
    const n = e.offsets.length - 1;
    if (state.size + n > state.codes.length) state.codes = grow(state.codes, state.size + n);
    const before = this.bytes.size;
    if (!this.decodedStrings && state.identity && state.size === before && this.dict.size === before) {
      // Every value of the column so far is this thread's, in its order and numbered alike (byte
      // codes and column codes too), and a thread reports only values new to it: they are new to
      // the column as well. Appended without a search; with one thread nothing is ever hashed here.
      this.bytes.appendNew(e.bytes, e.offsets, e.hashes, 0, n);
      numberFrom(state.codes, state.size, state.size + n, before);
    } else {
      // room for the batch at once (one rehash, not one per doubling): a high-cardinality
      // column's values are mostly new to it, a low-cardinality column's batches are small
      this.bytes.reserve(before + n);
      for (let c = 0; c < n; c += STEP) {
        internEntries(this.bytes, e, c, Math.min(n, c + STEP), state.codes, state.size);
        await pace.tick();
      }
    }
    const after = this.bytes.size;
    if (after > before) {
      if (after > this.columnCode.length) this.columnCode = grow(this.columnCode, after);
      if (!this.decodedStrings && this.bytes.asciiFrom(before)) {
        // distinct ASCII byte strings decode to distinct strings, and none is in the column yet
        // (every value there came through the byte dictionary): no search by string, which took
        // 30 ms of the calling thread per 1e7-row H2O read (id3's 100,000 values), and no string
        // made until the column's values are read
        numberFrom(this.columnCode, before, after, this.dict.appendLater(after - before, this.bytes.decodeLater(before, after)));
      } else {
        // only the values new to the column are decoded
        const values = this.bytes.decode(before, after);
        for (let g = 0; g < values.length; g += STEP) {
          internValues(this.dict, values, g, Math.min(values.length, g + STEP), this.columnCode, before);
          await pace.tick();
        }
      }
    }
    if (!mapThrough(state.codes, state.size, n, this.columnCode)) state.identity = false;
    state.size += n;
    if (!state.identity) {
      for (const chunk of part.chunks) {
        remapCodes(chunk, state.codes);
        await pace.tick();
      }
    }
  }

  private ownerCodes(owner: string): OwnerCodes {
    let state = this.owners.get(owner);
    if (state === undefined) {
      state = { codes: new Int32Array(64), size: 0, identity: true };
      this.owners.set(owner, state);
    }
    return state;
  }
}

/**
 * Appends each range's entries of a plain column to the column's plain dictionary, in file
 * order, and moves the range's codes (0, 1, ... per range) past the entries before it. Nothing is
 * hashed: the entries are the rows' values, repeats included (see Dictionary.plain).
 */
class PlainAppender {
  constructor(private readonly dict: Dictionary) {}

  async add(part: CsvColumnOutput, _owner: string | null, pace: Pacer): Promise<void> {
    const e = part.encoded;
    if (e === undefined || e.base !== 0) throw new InternalError('a plain column range comes back as its own encoded entries');
    const base = this.dict.appendEncoded(e.bytes, e.offsets);
    if (base === 0) return;
    for (const chunk of part.chunks) {
      shiftCodes(chunk, base);
      await pace.tick();
    }
  }
}

/** Add `base` to a chunk's codes, leaving null rows as they are. */
function shiftCodes(chunk: CsvChunk, base: number): void {
  const codes = chunk.values as Int32Array;
  const n = chunk.length;
  const validity = chunk.validity;
  if (validity === null) {
    for (let i = 0; i < n; i++) codes[i] = codes[i]! + base;
    return;
  }
  for (let i = 0; i < n; i++) if ((validity[i >> 3]! >> (i & 7)) & 1) codes[i] = codes[i]! + base;
}

/*
 * The loops of Unifier.add live in these plain functions, a step at a time: optimized code of an
 * async method with a hot loop of its own was thrown away with each read's objects (V8 embeds
 * some of them in it) and compiled again on every read.
 */

/** Entries unified per step, between two chances for the event loop to run. */
const STEP = 1024;

/** Intern entries [from, to) of an encoded dictionary by the hashes it carries; entry c's code goes to codes[at + c]. */
function internEntries(into: ColumnBytes, e: EncodedDictionary, from: number, to: number, codes: Int32Array, at: number): void {
  const { bytes, offsets, hashes } = e;
  for (let c = from; c < to; c++) codes[at + c] = into.intern(bytes, offsets, hashes, c);
}

/** The column code of byte codes at + [from, to), interning their values (values[g] is byte code at + g). */
function internValues(dict: Dictionary, values: readonly string[], from: number, to: number, columnCode: Int32Array, at: number): void {
  for (let g = from; g < to; g++) columnCode[at + g] = dict.intern(values[g]!);
}

/** Column codes first, first + 1, ... for byte codes [from, to). */
function numberFrom(columnCode: Int32Array, from: number, to: number, first: number): void {
  for (let g = from; g < to; g++) columnCode[g] = first + g - from;
}

/** Rewrite codes[at, at + n) through `columnCode`; whether each one landed on its own index. */
function mapThrough(codes: Int32Array, at: number, n: number, columnCode: Int32Array): boolean {
  let identity = true;
  for (let c = at; c < at + n; c++) {
    const code = columnCode[codes[c]!]!;
    codes[c] = code;
    if (code !== c) identity = false;
  }
  return identity;
}

function isIdentity(a: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== i) return false;
  return true;
}

function grow(a: Int32Array, atLeast: number): Int32Array {
  const out = new Int32Array(Math.max(atLeast, 2 * a.length));
  out.set(a);
  return out;
}

/** Rewrite a chunk's codes through `remap`, leaving null rows as they are. */
function remapCodes(chunk: CsvChunk, remap: Int32Array): void {
  const codes = chunk.values as Int32Array;
  const n = chunk.length;
  const validity = chunk.validity;
  if (validity === null) {
    for (let i = 0; i < n; i++) codes[i] = remap[codes[i]!]!;
    return;
  }
  for (let i = 0; i < n; i++) if ((validity[i >> 3]! >> (i & 7)) & 1) codes[i] = remap[codes[i]!]!;
}
