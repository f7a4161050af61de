/** Checks that untrusted JSON is a well-formed expression node, and copies it without extra fields. */
import { userRegExp, userRegExpWithGroup } from './regex.js';
import { VolleyError } from '../errors.js';
import { isDataType, type DataType } from '../types/dtype.js';
import { type AggFn, type BinaryOp, type ExprNode, type LitValue, UNARY_OPS, type UnaryOp } from './ast.js';
import { parseDuration, truncationOf } from './duration.js';
import { isValidLitValue } from './literal.js';
import { checkedFormat, compiledFormat } from './temporal-format.js';

const BINARY_OPS: ReadonlySet<string> = new Set<BinaryOp>([
  'add',
  'sub',
  'mul',
  'div',
  'mod',
  'eq',
  'neq',
  'lt',
  'lte',
  'gt',
  'gte',
  'and',
  'or',
]);
const UNARY_OP_SET: ReadonlySet<string> = new Set<string>(UNARY_OPS);
const AGG_FNS: ReadonlySet<string> = new Set<AggFn>([
  'sum',
  'mean',
  'min',
  'max',
  'count',
  'len',
  'nUnique',
  'first',
  'last',
  'var',
  'std',
  'median',
  'quantile',
  'corr',
]);
const STR_MATCH: ReadonlySet<string> = new Set(['contains', 'startsWith', 'endsWith']);
const PAD_SIDES: ReadonlySet<string> = new Set(['start', 'end', 'zfill']);
const STRIP_SIDES: ReadonlySet<string> = new Set(['both', 'start', 'end']);
const FIND_OPS: ReadonlySet<string> = new Set(['find', 'countMatches']);
const EPOCH_UNITS: ReadonlySet<string> = new Set(['s', 'ms', 'd']);
const PARSED_TYPES: ReadonlySet<string> = new Set(['Date', 'Timestamp']);

type Obj = { readonly [k: string]: unknown };

function fail(path: string, why: string): never {
  throw new VolleyError('INVALID_ARGUMENT', `invalid expression at ${path}: ${why}`);
}

function obj(x: unknown, path: string): Obj {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) fail(path, 'expected an expression node object');
  return x as Obj;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'expected a string');
  return v;
}

function int(o: Obj, key: string, path: string, min = -Infinity): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
    fail(`${path}.${key}`, `expected a whole number${min > -Infinity ? ` >= ${min}` : ''}`);
  return v;
}

function oneOf(o: Obj, key: string, set: ReadonlySet<string>, path: string): string {
  const v = o[key];
  if (typeof v !== 'string' || !set.has(v)) fail(`${path}.${key}`, `unknown value ${JSON.stringify(v)}`);
  return v;
}

function dtype(v: unknown, path: string): DataType {
  if (!isDataType(v)) fail(path, `unknown data type ${JSON.stringify(v)}`);
  return v;
}

function node(x: unknown, path: string): ExprNode {
  const o = obj(x, path);
  const sub = (key: string) => node(o[key], `${path}.${key}`);
  switch (o.kind) {
    case 'col':
      return { kind: 'col', name: str(o, 'name', path) };
    case 'lit': {
      const t = o.dtype === null || o.dtype === undefined ? null : dtype(o.dtype, `${path}.dtype`);
      if (!isValidLitValue(o.value, t))
        fail(`${path}.value`, `${JSON.stringify(o.value) ?? String(o.value)} is not a valid ${t ?? 'untyped (null only)'} literal value`);
      return { kind: 'lit', value: o.value, dtype: t };
    }
    case 'binary':
      return { kind: 'binary', op: oneOf(o, 'op', BINARY_OPS, path) as BinaryOp, left: sub('left'), right: sub('right') };
    case 'unary':
      return { kind: 'unary', op: oneOf(o, 'op', UNARY_OP_SET, path) as UnaryOp, arg: sub('arg') };
    case 'round':
      return { kind: 'round', arg: sub('arg'), digits: int(o, 'digits', path, 0) };
    case 'pow':
      return { kind: 'pow', base: sub('base'), exponent: sub('exponent') };
    case 'fillNull':
      return { kind: 'fillNull', arg: sub('arg'), fill: sub('fill') };
    case 'isIn': {
      const values = o.values;
      if (!Array.isArray(values)) fail(`${path}.values`, 'expected an array');
      values.forEach((v: unknown, i) => {
        if (!['number', 'string', 'boolean'].includes(typeof v)) fail(`${path}.values[${i}]`, 'expected a number, string or boolean');
      });
      return { kind: 'isIn', arg: sub('arg'), values: [...(values as LitValue[])] };
    }
    case 'between':
      return { kind: 'between', arg: sub('arg'), lower: sub('lower'), upper: sub('upper') };
    case 'cast': {
      if (o.strict !== undefined && typeof o.strict !== 'boolean') fail(`${path}.strict`, 'expected a boolean');
      const to = dtype(o.to, `${path}.to`);
      return o.strict === undefined ? { kind: 'cast', arg: sub('arg'), to } : { kind: 'cast', arg: sub('arg'), to, strict: o.strict };
    }
    case 'when': {
      const branches = o.branches;
      if (!Array.isArray(branches) || branches.length === 0) fail(`${path}.branches`, 'expected a non-empty array');
      return {
        kind: 'when',
        branches: branches.map((b: unknown, i) => {
          const bp = `${path}.branches[${i}]`;
          const bo = obj(b, bp);
          return { when: node(bo.when, `${bp}.when`), then: node(bo.then, `${bp}.then`) };
        }),
        otherwise: sub('otherwise'),
      };
    }
    case 'strMatch': {
      const op = oneOf(o, 'op', STR_MATCH, path) as 'contains' | 'startsWith' | 'endsWith';
      const pattern = str(o, 'pattern', path);
      const literal = o.literal;
      if (literal !== undefined && typeof literal !== 'boolean') fail(`${path}.literal`, 'expected a boolean');
      if (op === 'contains' && literal !== true) userRegExp(pattern, `${path}: str.contains()`);
      return { kind: 'strMatch', op, arg: sub('arg'), pattern, ...(literal === undefined ? {} : { literal }) };
    }
    case 'strSlice':
      return {
        kind: 'strSlice',
        arg: sub('arg'),
        offset: int(o, 'offset', path),
        length: o.length === null || o.length === undefined ? null : int(o, 'length', path, 0),
      };
    case 'strPad': {
      const side = oneOf(o, 'side', PAD_SIDES, path) as 'start' | 'end' | 'zfill';
      const fill = str(o, 'fill', path);
      if ([...fill].length !== 1) fail(`${path}.fill`, 'expected one character');
      return { kind: 'strPad', side, arg: sub('arg'), width: int(o, 'width', path, 0), fill };
    }
    case 'strReplace': {
      const pattern = str(o, 'pattern', path);
      if (typeof o.all !== 'boolean') fail(`${path}.all`, 'expected a boolean');
      if (typeof o.literal !== 'boolean') fail(`${path}.literal`, 'expected a boolean');
      if (!o.literal) userRegExp(pattern, `${path}: str.replace()`);
      return { kind: 'strReplace', all: o.all, arg: sub('arg'), pattern, value: str(o, 'value', path), literal: o.literal };
    }
    case 'strStrip': {
      const side = oneOf(o, 'side', STRIP_SIDES, path) as 'both' | 'start' | 'end';
      return { kind: 'strStrip', side, arg: sub('arg'), chars: str(o, 'chars', path) };
    }
    case 'strExtract': {
      const pattern = str(o, 'pattern', path);
      const group = int(o, 'group', path, 0);
      userRegExpWithGroup(pattern, group, `${path}: str.extract()`);
      return { kind: 'strExtract', arg: sub('arg'), pattern, group };
    }
    case 'strSplitPart':
      return {
        kind: 'strSplitPart',
        arg: sub('arg'),
        by: str(o, 'by', path),
        index: int(o, 'index', path),
        maxParts: o.maxParts === null || o.maxParts === undefined ? null : int(o, 'maxParts', path, 1),
      };
    case 'strFind': {
      const op = oneOf(o, 'op', FIND_OPS, path) as 'find' | 'countMatches';
      const pattern = str(o, 'pattern', path);
      if (typeof o.literal !== 'boolean') fail(`${path}.literal`, 'expected a boolean');
      if (!o.literal) userRegExp(pattern, `${path}: str.${op}()`);
      return { kind: 'strFind', op, arg: sub('arg'), pattern, literal: o.literal };
    }
    case 'dtStrftime': {
      const format = str(o, 'format', path);
      compiledFormat(format, `${path}: dt.strftime()`);
      return { kind: 'dtStrftime', arg: sub('arg'), format };
    }
    case 'dtEpoch':
      return { kind: 'dtEpoch', arg: sub('arg'), unit: oneOf(o, 'unit', EPOCH_UNITS, path) as 's' | 'ms' | 'd' };
    case 'dtTruncate': {
      const every = str(o, 'every', path);
      truncationOf(every, `${path}: dt.truncate()`);
      return { kind: 'dtTruncate', arg: sub('arg'), every };
    }
    case 'dtOffsetBy': {
      const by = str(o, 'by', path);
      parseDuration(by, `${path}: dt.offsetBy()`);
      return { kind: 'dtOffsetBy', arg: sub('arg'), by };
    }
    case 'strptime': {
      const dt = oneOf(o, 'dtype', PARSED_TYPES, path) as 'Date' | 'Timestamp';
      const format = o.format === null ? null : str(o, 'format', path);
      if (typeof o.strict !== 'boolean') fail(`${path}.strict`, 'expected a boolean');
      if (format !== null) checkedFormat(format, dt, `${path}: str.strptime()`);
      return { kind: 'strptime', arg: sub('arg'), dtype: dt, format, strict: o.strict };
    }
    case 'concatStr': {
      const args = o.args;
      if (!Array.isArray(args) || args.length === 0) fail(`${path}.args`, 'expected a non-empty array');
      return { kind: 'concatStr', args: args.map((a: unknown, i) => node(a, `${path}.args[${i}]`)), separator: str(o, 'separator', path) };
    }
    case 'agg':
      return agg(o, path);
    case 'alias':
      return { kind: 'alias', arg: sub('arg'), name: str(o, 'name', path) };
    default:
      return fail(`${path}.kind`, `unknown expression kind ${JSON.stringify(o.kind)}`);
  }
}

function agg(o: Obj, path: string): ExprNode {
  const fn = oneOf(o, 'fn', AGG_FNS, path) as AggFn;
  const arg = o.arg === null || o.arg === undefined ? null : node(o.arg, `${path}.arg`);
  if (fn === 'len' ? arg !== null : arg === null)
    fail(`${path}.arg`, fn === 'len' ? 'len() takes no input (use null)' : `${fn}() needs an input`);
  if (fn === 'corr') {
    if (o.arg2 === undefined || o.arg2 === null) fail(`${path}.arg2`, 'corr() needs a second input');
    return { kind: 'agg', fn, arg, arg2: node(o.arg2, `${path}.arg2`) };
  }
  if (fn === 'quantile') {
    const q = o.q;
    if (typeof q !== 'number' || !(q >= 0 && q <= 1)) fail(`${path}.q`, 'expected a number between 0 and 1');
    return { kind: 'agg', fn, arg, q };
  }
  return { kind: 'agg', fn, arg };
}

/**
 * Parses JSON data (e.g. `JSON.parse` of a saved plan) into an expression node, checking every
 * field and literal value and dropping fields the AST does not have. Throws a TypeError naming
 * the path of the first problem.
 *
 * @example
 * validateExprNode({ kind: 'col', name: 'v1' });   // { kind: 'col', name: 'v1' }
 * validateExprNode({ kind: 'col' });               // throws: invalid expression at $.name: expected a string
 */
export function validateExprNode(json: unknown): ExprNode {
  return node(json, '$');
}
