/** Reading Utf8 values as dates: a user's strftime format checked and compiled, or ISO 8601 through the CSV reader's parser. */
import { parseTimestampBytes } from '../../kernels/csv/temporal.js';
import { compileFormat, type CompiledFormat, FORMAT_SPECIFIERS, FormatSpecError, parseFormatted } from '../../kernels/eval/strftime.js';
import { InvalidArgumentError } from '../errors.js';
import type { ExprNode } from './ast.js';

const MS_PER_DAY = 86_400_000;

/**
 * A strftime format compiled (kernels/eval/strftime.ts), or an InvalidArgumentError naming the
 * function and the specifier it does not know.
 *
 * @example
 * compiledFormat('%d %B %Y', 'dt.strftime()');
 */
export function compiledFormat(format: string, what: string): CompiledFormat {
  try {
    return compileFormat(format);
  } catch (e) {
    if (e instanceof FormatSpecError) throw new InvalidArgumentError(`${what} format`, format, `${what}: ${e.message}`);
    throw e;
  }
}

/**
 * A strptime format compiled, or an InvalidArgumentError naming `what`: an unknown specifier, or
 * a format that gives no date (it needs a year with a month and a day, or with a day of the year).
 *
 * @example
 * checkedFormat('%d/%m/%Y', 'Date', 'str.toDate()');
 */
export function checkedFormat(format: string, dtype: 'Date' | 'Timestamp', what: string): CompiledFormat {
  const compiled = compiledFormat(format, what);
  if (!compiled.hasDate)
    throw new InvalidArgumentError(
      `${what} format`,
      format,
      `${what}: format ${JSON.stringify(format)} gives no ${dtype}: it needs %Y (or %y) with %m and %d (or %b, %B, %e), or with %j; known specifiers: ${FORMAT_SPECIFIERS}`,
    );
  return compiled;
}

/**
 * The function a `strptime` node applies to each distinct string: its value as days (Date) or ms
 * (Timestamp), or NaN when it does not parse. With a format, through the compiled format; without
 * one, the CSV reader's ISO 8601 grammar (`YYYY-MM-DD`, optionally a time and a zone). A Date takes
 * the day of the instant it reads (UTC).
 *
 * @example
 * strptimeFunction({ kind: 'strptime', arg, dtype: 'Date', format: null, strict: true })('2024-01-31'); // 19753
 */
export function strptimeFunction(n: Extract<ExprNode, { kind: 'strptime' }>): (s: string) => number {
  const toValue = n.dtype === 'Date' ? (ms: number) => Math.floor(ms / MS_PER_DAY) : (ms: number) => ms;
  if (n.format === null) {
    const encoder = new TextEncoder();
    return (s) => {
      const bytes = encoder.encode(s);
      return toValue(parseTimestampBytes(bytes, 0, bytes.length));
    };
  }
  const compiled = checkedFormat(n.format, n.dtype, 'str.strptime()');
  return (s) => toValue(parseFormatted(s, compiled));
}

const TIME_FIELDS: ReadonlySet<string> = new Set([
  'hour',
  'hourSpace',
  'hour12',
  'hour12Space',
  'ampm',
  'minute',
  'second',
  'nanos',
  'fraction',
  'fraction3',
  'fraction6',
  'fraction9',
  'offset',
]);

/**
 * Whether a format writes a time of day (hours, minutes, seconds, fractions, AM/PM, an offset),
 * which a Date has not.
 *
 * @example
 * formatsTime(compiledFormat('%F %T', 'dt.strftime()')); // true
 */
export function formatsTime(format: CompiledFormat): boolean {
  return format.parts.some((p) => p.kind === 'field' && TIME_FIELDS.has(p.field));
}
