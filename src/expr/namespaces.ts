/** The `expr.str` and `expr.dt` method namespaces (string and date functions). */
import { InvalidArgumentError } from '../errors.js';
import type { ExprNode, UnaryOp } from './ast.js';
import { userRegExp, userRegExpWithGroup } from './regex.js';
import { parseDuration, truncationOf } from './duration.js';
import { checkedFormat, compiledFormat } from './temporal-format.js';

function strictOption(options: unknown, fn: string): boolean {
  if (typeof options !== 'object' || options === null)
    throw new InvalidArgumentError(`str.${fn}() options`, options, `str.${fn}() takes options { strict?: boolean }`);
  const strict = (options as { strict?: unknown }).strict;
  if (strict !== undefined && typeof strict !== 'boolean')
    throw new InvalidArgumentError(`str.${fn}() strict`, strict, `str.${fn}() strict must be a boolean, got ${typeof strict}`);
  return strict !== false;
}

function wholeNumber(x: unknown, what: string, min = -Infinity): number {
  if (typeof x !== 'number' || !Number.isInteger(x) || x < min)
    throw new InvalidArgumentError(what, x, `${what} must be a whole number${min > -Infinity ? ` >= ${min}` : ''}, got ${String(x)}`);
  return x;
}

function patternOf(x: unknown, fn: string): string {
  if (typeof x !== 'string')
    throw new InvalidArgumentError(`str.${fn}() pattern`, x, `str.${fn}() takes a string pattern, got ${typeof x}`);
  return x;
}

/**
 * String functions of a Utf8 expression. `contains` takes a regular expression (or, with
 * `literal`, plain text); `startsWith` and `endsWith` take plain text.
 * `E` is the expression class the methods return (`Expr`).
 *
 * @example
 * col('name').str.startsWith('id').and(col('name').str.length().gt(3));
 */
export class StrNamespace<E> {
  readonly #node: ExprNode;
  readonly #wrap: (node: ExprNode) => E;

  constructor(node: ExprNode, wrap: (node: ExprNode) => E) {
    this.#node = node;
    this.#wrap = wrap;
  }

  #match(op: 'contains' | 'startsWith' | 'endsWith', p: unknown): E {
    return this.#wrap({ kind: 'strMatch', op, arg: this.#node, pattern: patternOf(p, op) });
  }

  /**
   * True where the string matches the regular expression `pattern` anywhere (Boolean), as Polars'
   * `str.contains`; with `{ literal: true }` where it contains `pattern` as plain text. Patterns
   * use JavaScript's syntax in Unicode mode, are checked when the expression is built (an invalid
   * one is an InvalidArgumentError), and run once per distinct string.
   *
   * @example
   * col('name').str.contains('^f.o');                  // foo, fao, ...
   * col('name').str.contains('a.b', { literal: true }); // the text "a.b"
   */
  contains(pattern: string, options: { literal?: boolean } = {}): E {
    const p = patternOf(pattern, 'contains');
    const literal = options.literal === true;
    if (!literal) userRegExp(p, 'str.contains()');
    return this.#wrap({ kind: 'strMatch', op: 'contains', arg: this.#node, pattern: p, literal });
  }

  /** True where the string starts with `prefix` (Boolean). */
  startsWith(prefix: string): E {
    return this.#match('startsWith', prefix);
  }

  /** True where the string ends with `suffix` (Boolean). */
  endsWith(suffix: string): E {
    return this.#match('endsWith', suffix);
  }

  /** Upper-cased string (Utf8). */
  toUpperCase(): E {
    return this.#wrap({ kind: 'unary', op: 'str.toUpperCase', arg: this.#node });
  }

  /** Lower-cased string (Utf8). */
  toLowerCase(): E {
    return this.#wrap({ kind: 'unary', op: 'str.toLowerCase', arg: this.#node });
  }

  /**
   * Each word's first letter upper-cased and the rest lower-cased (Utf8); a word is a run of
   * letters and digits, as Polars' `to_titlecase` has it.
   *
   * @example
   * col('name').str.toTitleCase(); // "hello WORLD-wide" → "Hello World-Wide"
   */
  toTitleCase(): E {
    return this.#wrap({ kind: 'unary', op: 'str.toTitleCase', arg: this.#node });
  }

  #strip(side: 'both' | 'start' | 'end', fn: string, chars: unknown): E {
    if (chars === undefined || chars === null) {
      const op = side === 'both' ? 'str.strip' : side === 'start' ? 'str.stripStart' : 'str.stripEnd';
      return this.#wrap({ kind: 'unary', op, arg: this.#node });
    }
    if (typeof chars !== 'string')
      throw new InvalidArgumentError(`str.${fn}() chars`, chars, `str.${fn}() takes a string of characters to remove, got ${typeof chars}`);
    return this.#wrap({ kind: 'strStrip', side, arg: this.#node, chars });
  }

  /**
   * Leading and trailing whitespace removed, Unicode spaces included (Utf8); with `chars`, the
   * leading and trailing characters that are among the code points of `chars` (in any order; an
   * empty `chars` removes nothing), as Polars' `strip_chars(characters)`.
   *
   * @example
   * col('name').str.strip();       // "  ab " → "ab"
   * col('code').str.strip('-_*');  // "**a-b_" → "a-b"
   */
  strip(chars?: string | null): E {
    return this.#strip('both', 'strip', chars);
  }

  /**
   * Leading whitespace removed, or with `chars` the leading characters among them (Utf8).
   *
   * @example
   * col('id').str.stripStart('0'); // "00420" → "420"
   */
  stripStart(chars?: string | null): E {
    return this.#strip('start', 'stripStart', chars);
  }

  /**
   * Trailing whitespace removed, or with `chars` the trailing characters among them (Utf8).
   *
   * @example
   * col('line').str.stripEnd('\r\n');
   */
  stripEnd(chars?: string | null): E {
    return this.#strip('end', 'stripEnd', chars);
  }

  /**
   * The string reversed by user-perceived characters (grapheme clusters), as Polars' and DuckDB's
   * `reverse`: a letter keeps its combining accents and a joined emoji (👨‍👩‍👧) stays whole (Utf8).
   *
   * @example
   * col('s').str.reverse(); // "ae\u0301👍🏽" → "👍🏽e\u0301a"
   */
  reverse(): E {
    return this.#wrap({ kind: 'unary', op: 'str.reverse', arg: this.#node });
  }

  /**
   * Length in characters: Unicode code points, as Polars' `lenChars` and DuckDB's `length` count
   * them (Int32). "😀" is 1, "e" followed by a combining accent 2.
   */
  length(): E {
    return this.#wrap({ kind: 'unary', op: 'str.length', arg: this.#node });
  }

  /**
   * Length in code points: the same as `length()`, under Polars' name.
   *
   * @example
   * col('name').str.lenChars();
   */
  lenChars(): E {
    return this.length();
  }

  /**
   * Length in bytes of the UTF-8 text (Int32): "😀" is 4, "é" 2.
   *
   * @example
   * col('name').str.lenBytes();
   */
  lenBytes(): E {
    return this.#wrap({ kind: 'unary', op: 'str.lenBytes', arg: this.#node });
  }

  /**
   * `length` characters (code points, so an emoji is never cut in half) from `offset` (negative:
   * counted from the end); to the end when `length` is omitted (Utf8).
   *
   * @example
   * col('id').str.slice(-3); // the last three characters
   */
  slice(offset: number, length?: number | null): E {
    return this.#wrap({
      kind: 'strSlice',
      arg: this.#node,
      offset: wholeNumber(offset, 'str.slice() offset'),
      length: length === undefined || length === null ? null : wholeNumber(length, 'str.slice() length', 0),
    });
  }

  #pad(side: 'start' | 'end' | 'zfill', fn: string, width: unknown, fill: unknown): E {
    if (typeof fill !== 'string' || [...fill].length !== 1)
      throw new InvalidArgumentError(`str.${fn}() fill`, fill, `str.${fn}() fill must be one character, got ${JSON.stringify(fill)}`);
    return this.#wrap({ kind: 'strPad', side, arg: this.#node, width: wholeNumber(width, `str.${fn}() width`, 0), fill });
  }

  /**
   * Padded at the start with `fill` (one character, default a space) to `width` characters (code
   * points); a longer string stays as it is (Utf8).
   *
   * @example
   * col('id').str.padStart(5, '0'); // "42" → "00042"
   */
  padStart(width: number, fill = ' '): E {
    return this.#pad('start', 'padStart', width, fill);
  }

  /**
   * Padded at the end with `fill` (one character, default a space) to `width` characters (Utf8).
   *
   * @example
   * col('name').str.padEnd(8, '.');
   */
  padEnd(width: number, fill = ' '): E {
    return this.#pad('end', 'padEnd', width, fill);
  }

  /**
   * Zeros at the start to `width` characters, after a leading sign, as Polars' `zfill` (Utf8).
   *
   * @example
   * col('n').str.zfill(4); // "-7" → "-007"
   */
  zfill(width: number): E {
    return this.#pad('zfill', 'zfill', width, '0');
  }

  #replace(all: boolean, pattern: unknown, value: unknown, options: { literal?: boolean }): E {
    const fn = all ? 'replaceAll' : 'replace';
    const p = patternOf(pattern, fn);
    if (typeof value !== 'string')
      throw new InvalidArgumentError(`str.${fn}() value`, value, `str.${fn}() takes a string value, got ${typeof value}`);
    const literal = options.literal === true;
    if (!literal) userRegExp(p, `str.${fn}()`);
    return this.#wrap({ kind: 'strReplace', all, arg: this.#node, pattern: p, value, literal });
  }

  /**
   * The first match of the regular expression `pattern` replaced by `value` (which may name
   * groups: `$1`, `$<name>`); with `{ literal: true }` the first occurrence of the text, replaced
   * by `value` as it is (Utf8).
   *
   * @example
   * col('phone').str.replace('^(\\d{3})-', '($1) ');
   */
  replace(pattern: string, value: string, options: { literal?: boolean } = {}): E {
    return this.#replace(false, pattern, value, options);
  }

  /**
   * Every match of `pattern` replaced by `value` (see replace).
   *
   * @example
   * col('name').str.replaceAll(' ', '_', { literal: true });
   */
  replaceAll(pattern: string, value: string, options: { literal?: boolean } = {}): E {
    return this.#replace(true, pattern, value, options);
  }

  /**
   * The text of capture group `group` (default 1; 0 is the whole match) of the first match of the
   * regular expression `pattern` (Utf8), as Polars' `str.extract`: null where the pattern does not
   * match or the group took no part in the match. A group beyond the pattern's groups fails when
   * the expression is built.
   *
   * @example
   * col('email').str.extract('@([\\p{L}.]+)$');   // the domain
   * col('line').str.extract('(\\d+)-(\\d+)', 2); // the second number
   */
  extract(pattern: string, group = 1): E {
    const p = patternOf(pattern, 'extract');
    const g = wholeNumber(group, 'str.extract() group', 0);
    userRegExpWithGroup(p, g, 'str.extract()');
    return this.#wrap({ kind: 'strExtract', arg: this.#node, pattern: p, group: g });
  }

  /**
   * Part `index` of the string split at each occurrence of the text `by` (Utf8): 0 is the first
   * part, -1 the last; null where the string has no such part (Polars'
   * `split_exact(by, n).struct.field(...)`, or `split(by).list.get(index)`, as Volley has no list
   * or struct types). With `{ maxParts: k }` the string splits into at most k parts, the last
   * keeping the rest, separators included (Polars' `splitn(by, k)`). An empty `by` splits into
   * characters (code points), so an empty string has no parts.
   *
   * @example
   * col('path').str.splitPart('/', -1);                    // "a/b/c.txt" → "c.txt"
   * col('kv').str.splitPart('=', 1, { maxParts: 2 });     // "k=v=w" → "v=w"
   */
  splitPart(by: string, index: number, options: { maxParts?: number | null } = {}): E {
    if (typeof by !== 'string')
      throw new InvalidArgumentError('str.splitPart() by', by, `str.splitPart() takes a string separator, got ${typeof by}`);
    const maxParts = options.maxParts ?? null;
    return this.#wrap({
      kind: 'strSplitPart',
      arg: this.#node,
      by,
      index: wholeNumber(index, 'str.splitPart() index'),
      maxParts: maxParts === null ? null : wholeNumber(maxParts, 'str.splitPart() maxParts', 1),
    });
  }

  #find(op: 'find' | 'countMatches', pattern: unknown, options: { literal?: boolean }): E {
    const p = patternOf(pattern, op);
    const literal = options.literal === true;
    if (!literal) userRegExp(p, `str.${op}()`);
    return this.#wrap({ kind: 'strFind', op, arg: this.#node, pattern: p, literal });
  }

  /**
   * Where the first match of the regular expression `pattern` starts, in characters (code points,
   * as `str.slice` counts them), null where it does not match (Int32); with `{ literal: true }`
   * where the text first occurs. Polars' `str.find` counts bytes instead.
   *
   * @example
   * col('s').str.find('\\d');                    // "日本 42" → 3
   * col('s').str.find('.', { literal: true });
   */
  find(pattern: string, options: { literal?: boolean } = {}): E {
    return this.#find('find', pattern, options);
  }

  /**
   * How many times the regular expression `pattern` matches, matches not overlapping (Int32; 0
   * where it never does); with `{ literal: true }` how many times the text occurs. As Polars'
   * `str.count_matches`; an empty pattern matches before each character and at the end.
   *
   * @example
   * col('s').str.countMatches('\\p{L}');          // letters
   * col('csv').str.countMatches(',', { literal: true });
   */
  countMatches(pattern: string, options: { literal?: boolean } = {}): E {
    return this.#find('countMatches', pattern, options);
  }

  #parse(dtype: unknown, format: unknown, options: unknown, fn: string): E {
    if (dtype !== 'Date' && dtype !== 'Timestamp')
      throw new InvalidArgumentError(
        `str.${fn}() dtype`,
        dtype,
        `str.${fn}() parses into "Date" or "Timestamp", got ${JSON.stringify(dtype)}`,
      );
    if (format !== undefined && format !== null && typeof format !== 'string')
      throw new InvalidArgumentError(`str.${fn}() format`, format, `str.${fn}() takes a strftime format string, got ${typeof format}`);
    const strict = strictOption(options, fn);
    const f = format ?? null;
    if (f !== null) checkedFormat(f, dtype, `str.${fn}()`);
    return this.#wrap({ kind: 'strptime', arg: this.#node, dtype, format: f, strict });
  }

  /**
   * The string read as a `Date` or `Timestamp` (UTC) through a strftime `format` (Polars' chrono
   * specifiers: `%Y %y %m %b %B %d %e %j %a %A %u %w %H %k %I %l %p %M %S %f %.f %.3f %.6f %.9f %z
   * %T %D %F %R %%`); without a format, ISO 8601 (`2024-01-31`, `2024-01-31T13:45:12.345+01:00`),
   * the grammar the CSV reader reads. Each distinct string is parsed once. With `strict` (the
   * default, as Polars) a string that does not parse is an error naming it, its row and its
   * column; with `{ strict: false }` it becomes null. A `%z` offset shifts the time to UTC.
   *
   * @example
   * col('when').str.strptime('Timestamp', '%d/%m/%Y %H:%M');
   * col('day').str.strptime('Date', '%b %e, %Y', { strict: false });
   */
  strptime(dtype: 'Date' | 'Timestamp', format?: string | null, options: { strict?: boolean } = {}): E {
    return this.#parse(dtype, format, options, 'strptime');
  }

  /**
   * The string read as a Date (see strptime); without a format, ISO 8601.
   *
   * @example
   * col('day').str.toDate('%d.%m.%Y');
   */
  toDate(format?: string | null, options: { strict?: boolean } = {}): E {
    return this.#parse('Date', format, options, 'toDate');
  }

  /**
   * The string read as a Timestamp in ms, UTC (see strptime); without a format, ISO 8601.
   *
   * @example
   * col('at').str.toDatetime('%Y-%m-%d %H:%M:%S%.f');
   */
  toDatetime(format?: string | null, options: { strict?: boolean } = {}): E {
    return this.#parse('Timestamp', format, options, 'toDatetime');
  }
}

/**
 * Date functions of a Date or Timestamp expression (UTC): parts (each Int32), epoch numbers,
 * truncation and offsets.
 *
 * @example
 * col('day').dt.weekday().isIn([6, 7]); // weekends (ISO: Monday = 1 ... Sunday = 7)
 */
export class DtNamespace<E> {
  readonly #node: ExprNode;
  readonly #wrap: (node: ExprNode) => E;

  constructor(node: ExprNode, wrap: (node: ExprNode) => E) {
    this.#node = node;
    this.#wrap = wrap;
  }

  #part(op: Extract<UnaryOp, `dt.${string}`>): E {
    return this.#wrap({ kind: 'unary', op, arg: this.#node });
  }

  /** Calendar year. */
  year(): E {
    return this.#part('dt.year');
  }

  /** Month, 1-12. */
  month(): E {
    return this.#part('dt.month');
  }

  /** Day of the month, 1-31. */
  day(): E {
    return this.#part('dt.day');
  }

  /** ISO weekday: Monday = 1 ... Sunday = 7. */
  weekday(): E {
    return this.#part('dt.weekday');
  }

  /** Hour of the day, 0-23 (UTC; 0 for a Date). */
  hour(): E {
    return this.#part('dt.hour');
  }

  /** Minute of the hour, 0-59 (0 for a Date). */
  minute(): E {
    return this.#part('dt.minute');
  }

  /** Second of the minute, 0-59 (0 for a Date). */
  second(): E {
    return this.#part('dt.second');
  }

  /** Millisecond of the second, 0-999 (0 for a Date). */
  millisecond(): E {
    return this.#part('dt.millisecond');
  }

  /** Day of the year, 1-366. */
  ordinalDay(): E {
    return this.#part('dt.ordinalDay');
  }

  /** Quarter of the year, 1-4. */
  quarter(): E {
    return this.#part('dt.quarter');
  }

  /**
   * ISO 8601 week of the year, 1-53: weeks start on Monday, and week 1 holds the year's first
   * Thursday (so 2021-01-03 is in week 53 of 2020).
   *
   * @example
   * col('day').dt.week();
   */
  week(): E {
    return this.#part('dt.week');
  }

  /**
   * The value written as text (Utf8) through a strftime `format`, in UTC, as Polars'
   * `dt.strftime` (the specifiers `str.strptime` reads: `%Y %m %d %H %M %S %.3f %j %a %b %B %F %T`
   * and the rest; a Date's time of day is midnight). The strings are made per row (see
   * `cast('Utf8')`), once per distinct value of each morsel.
   *
   * @example
   * col('day').dt.strftime('%d %B %Y');        // "31 January 2024"
   * col('at').dt.strftime('%Y-%m-%dT%H:%M:%S%.3fZ');
   */
  strftime(format: string): E {
    if (typeof format !== 'string')
      throw new InvalidArgumentError('dt.strftime() format', format, `dt.strftime() takes a format string, got ${typeof format}`);
    compiledFormat(format, 'dt.strftime()');
    return this.#wrap({ kind: 'dtStrftime', arg: this.#node, format });
  }

  /**
   * Time since 1970-01-01 00:00 UTC: whole seconds (`'s'`, the default) or milliseconds (`'ms'`)
   * as Int64, or days (`'d'`) as Int32, as Polars' `dt.epoch`; floored, so 1 ms before 1970 is
   * second -1 and day -1.
   *
   * @example
   * col('at').dt.epoch('ms');
   */
  epoch(unit: 's' | 'ms' | 'd' = 's'): E {
    if (unit !== 's' && unit !== 'ms' && unit !== 'd')
      throw new InvalidArgumentError('dt.epoch() unit', unit, `dt.epoch() takes "s", "ms" or "d", got ${JSON.stringify(unit)}`);
    return this.#wrap({ kind: 'dtEpoch', arg: this.#node, unit });
  }

  /**
   * Each value floored to the start of its window of `every`, a Polars duration string (units
   * ns, us, ms, s, m, h, d, w, mo, q, y with whole multiples: `'1d'`, `'15m'`, `'1h30m'`, `'1w'`,
   * `'1mo'`, `'1q'`, `'1y'`); same type out. Months, quarters and years are calendar-aware and
   * counted from year 0 (`'5mo'` windows are the same in every year-span); weeks start on Monday;
   * other windows count from 1970-01-01. One kind of unit only (no `'1mo15d'`), not negative.
   *
   * @example
   * col('at').dt.truncate('15m');
   * col('day').dt.truncate('1mo'); // first of the month
   */
  truncate(every: string): E {
    truncationOf(every, 'dt.truncate()');
    return this.#wrap({ kind: 'dtTruncate', arg: this.#node, every });
  }

  /**
   * Each value moved by `by`, a Polars duration string that may combine units and start with `-`
   * (`'1d'`, `'-2h'`, `'1y3mo'`): calendar months first, the day clamped to the month's last day
   * (2024-01-31 + `'1mo'` is 2024-02-29), then weeks, days and the rest. Same type out; a Date
   * moves by whole days, weeks, months, quarters or years only (cast it to Timestamp for hours).
   *
   * @example
   * col('due').dt.offsetBy('1mo');
   * col('at').dt.offsetBy('-90m');
   */
  offsetBy(by: string): E {
    parseDuration(by, 'dt.offsetBy()');
    return this.#wrap({ kind: 'dtOffsetBy', arg: this.#node, by });
  }
}
