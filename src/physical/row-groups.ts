/**
 * Row-group skipping: which row groups of a Parquet file a scan predicate may keep rows of, judged
 * from each group's min/max statistics and null counts. A group is skipped only when its
 * statistics prove that no row of it passes (the predicate is false or null on every row); the
 * predicate still runs on the rows of the groups kept.
 */
import type { CompareOp, ExprNode, LitValue } from '../expr/ast.js';
import type { ColumnStats, ParquetFileInfo, RowGroupInfo, StatValue } from '../io/parquet/metadata.js';
import type { DataType } from '../types/dtype.js';
import type { Schema } from '../types/schema.js';

/**
 * The indices (ascending) of the row groups that `predicate` may keep rows of; all of them when
 * the predicate is null or says nothing the statistics can judge.
 *
 * @example
 * keptRowGroups(info, schema, col('v1').gt(lit(90)).node); // [3, 7]
 */
export function keptRowGroups(info: ParquetFileInfo, schema: Schema, predicate: ExprNode | null): number[] {
  const out: number[] = [];
  info.rowGroups.forEach((rg, i) => {
    if (predicate === null || mayPass(predicate, rg, schema)) out.push(i);
  });
  return out;
}

/** False only when no row of `rg` can make `e` true. */
function mayPass(e: ExprNode, rg: RowGroupInfo, schema: Schema): boolean {
  switch (e.kind) {
    case 'binary': {
      if (e.op === 'and') return mayPass(e.left, rg, schema) && mayPass(e.right, rg, schema);
      if (e.op === 'or') return mayPass(e.left, rg, schema) || mayPass(e.right, rg, schema);
      const cmp = comparison(e.op, e.left, e.right);
      return cmp === null ? true : compareMayPass(cmp.op, cmp.column, cmp.lit, rg, schema);
    }
    case 'between': {
      if (e.arg.kind !== 'col') return true;
      const lo: ExprNode = { kind: 'binary', op: 'gte', left: e.arg, right: e.lower };
      const hi: ExprNode = { kind: 'binary', op: 'lte', left: e.arg, right: e.upper };
      return mayPass(lo, rg, schema) && mayPass(hi, rg, schema);
    }
    case 'unary': {
      if (e.arg.kind !== 'col' || (e.op !== 'isNull' && e.op !== 'isNotNull')) return true;
      const s = statsOf(e.arg.name, rg, schema);
      if (s === null || s.stats.nullCount === null) return true;
      return e.op === 'isNull' ? s.stats.nullCount > 0 : s.stats.nullCount < rg.numRows;
    }
    case 'isIn': {
      if (e.arg.kind !== 'col') return true;
      if (e.values.some((v) => v === null)) return true;
      const column = e.arg.name;
      return e.values.some((v) => compareMayPass('eq', column, { kind: 'lit', value: v, dtype: litTypeOf(v, schema, column) }, rg, schema));
    }
    default:
      return true;
  }
}

type Lit = Extract<ExprNode, { kind: 'lit' }>;

const FLIP: Record<CompareOp, CompareOp> = { eq: 'eq', neq: 'neq', lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };

/** `column op literal`, turning `literal op column` around; null for any other shape. */
function comparison(op: string, left: ExprNode, right: ExprNode): { op: CompareOp; column: string; lit: Lit } | null {
  if (!(op in FLIP)) return null;
  const o = op as CompareOp;
  if (left.kind === 'col' && right.kind === 'lit') return { op: o, column: left.name, lit: right };
  if (left.kind === 'lit' && right.kind === 'col') return { op: FLIP[o], column: right.name, lit: left };
  return null;
}

/** An isIn value as the literal it is compared as: the column's own type. */
function litTypeOf(v: LitValue, schema: Schema, column: string): DataType | null {
  if (!schema.has(column)) return null;
  const t = schema.get(column).dtype;
  if (typeof v === 'string') return t === 'Utf8' || t === 'Int64' ? t : null;
  if (typeof v === 'boolean') return t === 'Boolean' ? t : null;
  if (typeof v === 'number') return t === 'Int32' || t === 'Int64' || t === 'Float64' ? (Number.isInteger(v) ? 'Int32' : 'Float64') : null;
  return null;
}

function statsOf(column: string, rg: RowGroupInfo, schema: Schema): { stats: ColumnStats; dtype: DataType } | null {
  if (!schema.has(column)) return null;
  const stats = rg.stats.get(column);
  return stats === undefined ? null : { stats, dtype: schema.get(column).dtype };
}

function compareMayPass(op: CompareOp, column: string, lit: Lit, rg: RowGroupInfo, schema: Schema): boolean {
  const s = statsOf(column, rg, schema);
  if (s === null) return true;
  const { stats, dtype } = s;
  // a comparison with null is null on every row, and so is one on a column that is all null
  if (lit.value === null) return false;
  if (stats.nullCount !== null && stats.nullCount >= rg.numRows) return false;
  if (stats.min === null || stats.max === null) return true;
  const range = boundsAs(dtype, lit, stats.min, stats.max);
  if (range === null) return true;
  const { value, min, max } = range;
  // Volley's float order puts NaN above every number, and statistics leave NaN out, so only
  // tests that NaN fails may be judged on a Float64 column
  if (range.float && (op === 'gt' || op === 'gte' || op === 'neq')) return true;
  // statistics order strings by bytes; only tests that need no order are judged on them
  if (dtype === 'Utf8' && op !== 'eq' && op !== 'neq') return true;
  const lo = compare(value, min);
  const hi = compare(value, max);
  switch (op) {
    case 'eq':
      return lo >= 0 && hi <= 0;
    case 'neq':
      return !(lo === 0 && hi === 0);
    case 'lt':
      return compare(min, value) < 0;
    case 'lte':
      return lo >= 0;
    case 'gt':
      return compare(max, value) > 0;
    case 'gte':
      return hi <= 0;
  }
}

type Bound = bigint | number | Uint8Array;

/**
 * The literal and the bounds in one comparable domain, or null when the literal's type does not
 * match the column's so that no judgement is safe: integers exactly (bigint) unless a float is
 * involved (then as doubles, as Volley compares them: rounding keeps bounds bounds), dates in
 * days, timestamps in ms, strings as UTF-8 bytes (the order of Parquet's statistics), and
 * strings only for equality.
 */
function boundsAs(
  dtype: DataType,
  lit: Lit,
  min: StatValue,
  max: StatValue,
): { value: Bound; min: Bound; max: Bound; float: boolean } | null {
  const v = lit.value;
  const lt = lit.dtype;
  switch (dtype) {
    case 'Int32':
    case 'Int64':
    case 'Float64': {
      if (lt !== 'Int32' && lt !== 'Int64' && lt !== 'Float64') return null;
      const n = typeof v === 'string' ? (lt === 'Int64' ? BigInt(v) : null) : typeof v === 'number' ? v : null;
      if (n === null || (typeof n === 'number' && Number.isNaN(n))) return null;
      if (dtype === 'Float64' || lt === 'Float64')
        return { value: Number(n), min: Number(min), max: Number(max), float: dtype === 'Float64' };
      if (typeof n === 'number' && !Number.isInteger(n)) return null;
      return { value: BigInt(n), min: big(min), max: big(max), float: false };
    }
    case 'Date':
    case 'Timestamp':
      if (lt !== dtype || typeof v !== 'number' || !Number.isInteger(v)) return null;
      return { value: BigInt(v), min: big(min), max: big(max), float: false };
    case 'Boolean':
      if (lt !== 'Boolean' || typeof v !== 'boolean') return null;
      return { value: Number(v), min: Number(min), max: Number(max), float: false };
    case 'Utf8':
      if (lt !== 'Utf8' || typeof v !== 'string' || typeof min !== 'string' || typeof max !== 'string') return null;
      return { value: utf8(v), min: utf8(min), max: utf8(max), float: false };
  }
}

function big(v: StatValue): bigint {
  return typeof v === 'bigint' ? v : BigInt(v as number);
}

function utf8(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

/** Order of two bounds of one domain: bigints and numbers by value, byte strings by unsigned bytes. */
function compare(a: Bound, b: Bound): number {
  if (a instanceof Uint8Array && b instanceof Uint8Array) return Buffer.compare(a, b);
  return a < b ? -1 : a > b ? 1 : 0;
}
