/** Readable display of expressions, in the builder syntax users write (`col("v1").sum().alias("x")`). */
import type { BinaryOp, ExprNode, LitValue } from './ast.js';
import { daysToIso, msToIso, type LitNode } from './literal.js';

const SYMBOLS: Record<BinaryOp, string> = {
  add: '+',
  sub: '-',
  mul: '*',
  div: '/',
  mod: '%',
  eq: '==',
  neq: '!=',
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
  and: '&',
  or: '|',
};

function numberText(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}

/** A Float64 value keeps a `.0` when integral, so `2.0` (Float64) and `2` (Int32) read differently. */
function floatText(v: LitValue): string {
  if (typeof v !== 'number') return String(v);
  const s = numberText(v);
  return Number.isInteger(v) && !/e/i.test(s) ? `${s}.0` : s;
}

/** The bare form of a literal, and whether that form is already a `lit(...)` call. */
function litText(node: LitNode): { text: string; call: boolean } {
  const { value, dtype } = node;
  if (value === null) return dtype === null ? { text: 'null', call: false } : { text: `lit(null, "${dtype}")`, call: true };
  switch (dtype) {
    case 'Int64':
      return { text: `${value}n`, call: false };
    case 'Float64':
      return { text: floatText(value), call: false };
    case 'Utf8':
      return { text: JSON.stringify(value), call: false };
    case 'Date': {
      const iso = daysToIso(value as number);
      return { text: iso === undefined ? `lit(${value}, "Date")` : `lit("${iso}", "Date")`, call: true };
    }
    case 'Timestamp': {
      const iso = msToIso(value as number);
      return { text: iso === undefined ? `lit(${value}, "Timestamp")` : `lit("${iso}", "Timestamp")`, call: true };
    }
    default:
      return { text: typeof value === 'number' ? numberText(value) : String(value), call: false };
  }
}

/** A literal in method-receiver position is wrapped in `lit(...)`: `lit(2).abs()`, not `2.abs()`. */
function receiver(node: ExprNode): string {
  if (node.kind !== 'lit') return exprToString(node);
  const { text, call } = litText(node);
  return call ? text : `lit(${text})`;
}

function valueText(v: LitValue): string {
  return typeof v === 'string' ? JSON.stringify(v) : typeof v === 'number' ? numberText(v) : String(v);
}

/**
 * Display form of an expression, for `explain()`, `toString()` and error messages. Methods read
 * as chained calls, binary operators as `(left op right)` with `&` and `|` for and/or, and
 * literals as `2` (Int32), `2.0` (Float64), `5n` (Int64), `"s"`, `true`, `null`,
 * `lit("2020-01-02", "Date")`.
 *
 * @example
 * exprToString(col('v1').gt(2).and(col('id4').isIn([1, 2])).node);
 * // '((col("v1") > 2) & col("id4").isIn([1, 2]))'
 * exprToString(col('v1').sum().alias('x').node); // 'col("v1").sum().alias("x")'
 */
export function exprToString(node: ExprNode): string {
  switch (node.kind) {
    case 'col':
      return `col(${JSON.stringify(node.name)})`;
    case 'lit':
      return litText(node).text;
    case 'binary':
      return `(${exprToString(node.left)} ${SYMBOLS[node.op]} ${exprToString(node.right)})`;
    case 'unary':
      return `${receiver(node.arg)}.${node.op}()`;
    case 'round':
      return `${receiver(node.arg)}.round(${node.digits})`;
    case 'pow':
      return `${receiver(node.base)}.pow(${exprToString(node.exponent)})`;
    case 'fillNull':
      return `${receiver(node.arg)}.fillNull(${exprToString(node.fill)})`;
    case 'isIn':
      return `${receiver(node.arg)}.isIn([${node.values.map(valueText).join(', ')}])`;
    case 'between':
      return `${receiver(node.arg)}.between(${exprToString(node.lower)}, ${exprToString(node.upper)})`;
    case 'cast':
      return `${receiver(node.arg)}.cast("${node.to}"${node.strict === false ? ', { strict: false }' : ''})`;
    case 'when': {
      const branches = node.branches.map((b) => `when(${exprToString(b.when)}).then(${exprToString(b.then)})`).join('.');
      const untypedNull = node.otherwise.kind === 'lit' && node.otherwise.value === null && node.otherwise.dtype === null;
      return untypedNull ? branches : `${branches}.otherwise(${exprToString(node.otherwise)})`;
    }
    case 'strMatch':
      return `${receiver(node.arg)}.str.${node.op}(${JSON.stringify(node.pattern)}${node.op === 'contains' && node.literal === true ? ', { literal: true }' : ''})`;
    case 'strSlice':
      return `${receiver(node.arg)}.str.slice(${node.offset}${node.length === null ? '' : `, ${node.length}`})`;
    case 'strPad':
      return node.side === 'zfill'
        ? `${receiver(node.arg)}.str.zfill(${node.width})`
        : `${receiver(node.arg)}.str.${node.side === 'start' ? 'padStart' : 'padEnd'}(${node.width}, ${JSON.stringify(node.fill)})`;
    case 'strReplace':
      return `${receiver(node.arg)}.str.${node.all ? 'replaceAll' : 'replace'}(${JSON.stringify(node.pattern)}, ${JSON.stringify(node.value)}${node.literal ? ', { literal: true }' : ''})`;
    case 'strStrip':
      return `${receiver(node.arg)}.${strFunctionName(node)}(${JSON.stringify(node.chars)})`;
    case 'strExtract':
      return `${receiver(node.arg)}.str.extract(${JSON.stringify(node.pattern)}, ${node.group})`;
    case 'strFind':
      return `${receiver(node.arg)}.str.${node.op}(${JSON.stringify(node.pattern)}${node.literal ? ', { literal: true }' : ''})`;
    case 'strSplitPart':
      return `${receiver(node.arg)}.str.splitPart(${JSON.stringify(node.by)}, ${node.index}${node.maxParts === null ? '' : `, { maxParts: ${node.maxParts} }`})`;
    case 'dtStrftime':
      return `${receiver(node.arg)}.dt.strftime(${JSON.stringify(node.format)})`;
    case 'dtEpoch':
      return `${receiver(node.arg)}.dt.epoch(${JSON.stringify(node.unit)})`;
    case 'dtTruncate':
      return `${receiver(node.arg)}.dt.truncate(${JSON.stringify(node.every)})`;
    case 'dtOffsetBy':
      return `${receiver(node.arg)}.dt.offsetBy(${JSON.stringify(node.by)})`;
    case 'strptime':
      return `${receiver(node.arg)}.str.strptime(${JSON.stringify(node.dtype)}, ${node.format === null ? 'null' : JSON.stringify(node.format)}${node.strict ? '' : ', { strict: false }'})`;
    case 'concatStr':
      return `concatStr([${node.args.map(exprToString).join(', ')}]${node.separator === '' ? '' : `, { separator: ${JSON.stringify(node.separator)} }`})`;
    case 'agg':
      if (node.arg === null) return `${node.fn}()`;
      if (node.fn === 'corr') return `corr(${exprToString(node.arg)}, ${node.arg2 ? exprToString(node.arg2) : '?'})`;
      if (node.fn === 'quantile') return `${receiver(node.arg)}.quantile(${node.q ?? '?'})`;
      return `${receiver(node.arg)}.${node.fn}()`;
    case 'alias':
      return `${receiver(node.arg)}.alias(${JSON.stringify(node.name)})`;
  }
}

/** The string function nodes, other than the one-argument ones. */
type StrFunctionNode = Extract<
  ExprNode,
  { kind: 'strMatch' | 'strSlice' | 'strPad' | 'strReplace' | 'strStrip' | 'strExtract' | 'strSplitPart' | 'strFind' }
>;

/**
 * The builder method a string function node comes from, as errors and display name it.
 *
 * @example
 * strFunctionName(col('s').str.strip('x').node as StrFunctionNode); // 'str.strip'
 */
export function strFunctionName(node: StrFunctionNode): string {
  switch (node.kind) {
    case 'strMatch':
      return `str.${node.op}`;
    case 'strSlice':
      return 'str.slice';
    case 'strPad':
      return `str.${node.side === 'zfill' ? 'zfill' : node.side === 'start' ? 'padStart' : 'padEnd'}`;
    case 'strReplace':
      return `str.${node.all ? 'replaceAll' : 'replace'}`;
    case 'strStrip':
      return `str.${node.side === 'both' ? 'strip' : node.side === 'start' ? 'stripStart' : 'stripEnd'}`;
    case 'strExtract':
      return 'str.extract';
    case 'strSplitPart':
      return 'str.splitPart';
    case 'strFind':
      return `str.${node.op}`;
  }
}
