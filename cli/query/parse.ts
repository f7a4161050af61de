/**
 * The recursive-descent parser of `volley query` expressions. It builds Volley expressions with
 * the public builders (`col`, `lit`, `Expr` methods) and never evaluates the text.
 *
 * Precedence, loosest first: `or`; `and`; `not`; comparisons (`== != < <= > >=`, `=` and `<>`
 * too, `is [not] null`, `[not] in (...)`, `[not] between a and b`), which do not chain; `+ -`;
 * `* / %`; unary `-`; then literals, names, calls and parentheses.
 */
import { col, lit, type Expr, type LiteralInput } from '../../src/index.js';
import { QueryParseError } from './error.js';
import { ArgumentError, FUNCTIONS } from './functions.js';
import { tokenize, type Operator, type Token } from './lexer.js';
import type { Operand } from './operand.js';

/** Where aggregate calls may appear: only in `--agg`. */
export interface ParseOptions {
  /** Allow aggregate functions (default false). */
  readonly aggregates?: boolean;
}

/** One item of a comma-separated list: the expression, its `as` name if any, and its source text. */
export interface ParsedItem {
  readonly expr: Expr;
  /** The name after `as`, else null. */
  readonly alias: string | null;
  /** The default output name of an aggregate call without `as` (`v1_sum`, `count`), else null. */
  readonly label: string | null;
  /** The item's text as written, trimmed. */
  readonly text: string;
  readonly aggregate: boolean;
}

/** One key of `--sort`: the expression and its direction. */
export interface SortKey {
  readonly expr: Expr;
  readonly descending: boolean;
}

const RESERVED = new Set(['and', 'or', 'not', 'is', 'in', 'between', 'null', 'true', 'false', 'as']);
const COMPARISONS: ReadonlyMap<Operator, (a: Expr, b: Expr) => Expr> = new Map<Operator, (a: Expr, b: Expr) => Expr>([
  ['==', (a, b) => a.eq(b)],
  ['=', (a, b) => a.eq(b)],
  ['!=', (a, b) => a.neq(b)],
  ['<>', (a, b) => a.neq(b)],
  ['<', (a, b) => a.lt(b)],
  ['<=', (a, b) => a.lte(b)],
  ['>', (a, b) => a.gt(b)],
  ['>=', (a, b) => a.gte(b)],
]);
const ARITHMETIC: ReadonlyMap<Operator, (a: Expr, b: Expr) => Expr> = new Map<Operator, (a: Expr, b: Expr) => Expr>([
  ['+', (a, b) => a.add(b)],
  ['-', (a, b) => a.sub(b)],
  ['*', (a, b) => a.mul(b)],
  ['/', (a, b) => a.div(b)],
  ['%', (a, b) => a.mod(b)],
]);
const INTEGER = /^-?\d+$/;

function describe(t: Token): string {
  switch (t.kind) {
    case 'end':
      return 'the end of the text';
    case 'number':
      return `the number ${t.text}`;
    case 'string':
      return `the string '${t.value}'`;
    case 'name':
      return t.quoted ? `the name "${t.value}"` : `"${t.value}"`;
    case 'op':
      return `"${t.op}"`;
  }
}

/** A number literal from its text (with its sign): Int32 when it fits, else Int64 for integers, Float64 otherwise. */
function numberLiteral(text: string): LiteralInput {
  if (!INTEGER.test(text)) return Number(text);
  const n = Number(text);
  return n >= -2147483648 && n <= 2147483647 ? n : BigInt(text);
}

function literalExpr(value: LiteralInput, text: string): Expr {
  // `2.0` and `1e3` are floats even when whole, as in Polars and SQL.
  return typeof value === 'number' && !INTEGER.test(text) ? lit(value, 'Float64') : lit(value);
}

class Parser {
  private i = 0;
  private readonly tokens: Token[];

  constructor(
    private readonly text: string,
    private readonly options: ParseOptions,
  ) {
    this.tokens = tokenize(text);
  }

  private get token(): Token {
    return this.tokens[this.i]!;
  }

  private fail(reason: string, at: number = this.token.start): never {
    throw new QueryParseError(reason, this.text, at);
  }

  private isKeyword(word: string, t: Token = this.token): boolean {
    return t.kind === 'name' && !t.quoted && t.value.toLowerCase() === word;
  }

  private isOp(op: Operator, t: Token = this.token): boolean {
    return t.kind === 'op' && t.op === op;
  }

  private acceptKeyword(word: string): boolean {
    if (!this.isKeyword(word)) return false;
    this.i++;
    return true;
  }

  private acceptOp(op: Operator): Token | null {
    const t = this.token;
    if (!this.isOp(op)) return null;
    this.i++;
    return t;
  }

  private expect(op: Operator, context: string): Token {
    const t = this.acceptOp(op);
    if (t === null) this.fail(`expected "${op}" ${context}, found ${describe(this.token)}`);
    return t;
  }

  private operand(expr: Expr, start: number, parts: readonly Operand[], extra: Partial<Operand> = {}): Operand {
    const end = this.tokens[this.i - 1]?.end ?? start;
    return { expr, start, end, aggregate: parts.some((p) => p.aggregate), column: null, label: null, ...extra };
  }

  /** The whole text as one expression. */
  expressionOnly(): Operand {
    const e = this.expression();
    this.finish('');
    return e;
  }

  /** The whole text as a comma-separated list of `expression [as name]`. */
  list(): ParsedItem[] {
    const items: ParsedItem[] = [];
    do {
      const e = this.expression();
      let alias: string | null = null;
      if (this.acceptKeyword('as')) alias = this.name('after "as"');
      items.push({
        expr: alias === null ? e.expr : e.expr.alias(alias),
        alias,
        label: e.label,
        text: this.text.slice(e.start, e.end).trim(),
        aggregate: e.aggregate,
      });
    } while (this.acceptOp(','));
    this.finish('or ","');
    return items;
  }

  /** The whole text as sort keys: `[-]expression [asc|desc]`, separated by commas. */
  sortKeys(): SortKey[] {
    const keys: SortKey[] = [];
    do {
      let descending = this.acceptOp('-') !== null;
      const e = this.expression();
      if (this.isKeyword('asc') || this.isKeyword('desc')) {
        const word = this.token;
        this.i++;
        if (descending) this.fail('write either "-" before a key or asc/desc after it, not both', word.start);
        descending = this.isKeyword('desc', word);
      }
      keys.push({ expr: e.expr, descending });
    } while (this.acceptOp(','));
    this.finish('or ","');
    return keys;
  }

  private finish(alternatives: string): void {
    if (this.token.kind === 'end') return;
    const also = alternatives === '' ? '' : ` ${alternatives}`;
    this.fail(`expected an operator${also} or the end of the text, found ${describe(this.token)}`);
  }

  private name(context: string): string {
    const t = this.token;
    if (t.kind === 'name' && (t.quoted || !RESERVED.has(t.value.toLowerCase()))) {
      this.i++;
      return t.value;
    }
    if (t.kind === 'string') this.fail(`expected a name ${context}; names are bare or in "double quotes", found ${describe(t)}`);
    return this.fail(`expected a name ${context}, found ${describe(t)}`);
  }

  private expression(): Operand {
    return this.or();
  }

  private or(): Operand {
    let left = this.and();
    while (this.acceptKeyword('or')) {
      const right = this.and();
      left = this.operand(left.expr.or(right.expr), left.start, [left, right]);
    }
    return left;
  }

  private and(): Operand {
    let left = this.not();
    while (this.acceptKeyword('and')) {
      const right = this.not();
      left = this.operand(left.expr.and(right.expr), left.start, [left, right]);
    }
    return left;
  }

  private not(): Operand {
    const start = this.token.start;
    if (!this.acceptKeyword('not')) return this.comparison();
    const arg = this.not();
    return this.operand(arg.expr.not(), start, [arg]);
  }

  private comparison(): Operand {
    const left = this.additive();
    const result = this.comparisonTail(left);
    if (result !== left && this.comparesNext()) {
      this.fail('comparisons do not chain; join them with "and": a < b and b < c');
    }
    return result;
  }

  private comparesNext(): boolean {
    const t = this.token;
    return (t.kind === 'op' && COMPARISONS.has(t.op)) || this.isKeyword('is') || this.isKeyword('in') || this.isKeyword('between');
  }

  private comparisonTail(left: Operand): Operand {
    const t = this.token;
    if (t.kind === 'op' && COMPARISONS.has(t.op)) {
      this.i++;
      const right = this.additive();
      return this.compare(t.op, left, right);
    }
    if (this.acceptKeyword('is')) {
      const negate = this.acceptKeyword('not');
      if (!this.acceptKeyword('null')) this.fail(`expected "null" after "is${negate ? ' not' : ''}", found ${describe(this.token)}`);
      return this.operand(negate ? left.expr.isNotNull() : left.expr.isNull(), left.start, [left]);
    }
    const negate =
      this.isKeyword('not') && (this.isKeyword('in', this.tokens[this.i + 1]) || this.isKeyword('between', this.tokens[this.i + 1]));
    if (negate) this.i++;
    if (this.acceptKeyword('in')) {
      const values = this.inList();
      const test = left.expr.isIn(values);
      return this.operand(negate ? test.not() : test, left.start, [left]);
    }
    if (this.acceptKeyword('between')) {
      const lower = this.additive();
      if (!this.acceptKeyword('and')) this.fail(`expected "and" in "between ... and ...", found ${describe(this.token)}`);
      const upper = this.additive();
      const test = left.expr.between(lower.expr, upper.expr);
      return this.operand(negate ? test.not() : test, left.start, [left, lower, upper]);
    }
    return left;
  }

  /** `a == null` and `a != null` mean "is null" and "is not null" (a comparison with null would be null for every row). */
  private compare(op: Operator, left: Operand, right: Operand): Operand {
    const leftNull = left.literal?.value === null;
    const rightNull = right.literal?.value === null;
    if (leftNull !== rightNull && (op === '==' || op === '=' || op === '!=' || op === '<>')) {
      const other = leftNull ? right : left;
      const test = op === '==' || op === '=' ? other.expr.isNull() : other.expr.isNotNull();
      return this.operand(test, left.start, [left, right]);
    }
    return this.operand(COMPARISONS.get(op)!(left.expr, right.expr), left.start, [left, right]);
  }

  private inList(): NonNullable<LiteralInput>[] {
    const open = this.expect('(', 'to start the list after "in"');
    const values: NonNullable<LiteralInput>[] = [];
    if (this.isOp(')')) this.fail('an "in" list needs at least one value');
    do {
      const v = this.unary();
      if (v.literal === undefined) this.fail('an "in" list holds constants only: numbers, \'strings\', true, false', v.start);
      if (v.literal.value === null) this.fail('null cannot be in an "in" list; test it with "is null"', v.start);
      values.push(v.literal.value);
    } while (this.acceptOp(','));
    this.expect(')', `to close the list opened at column ${open.start + 1}`);
    return values;
  }

  private additive(): Operand {
    let left = this.multiplicative();
    for (let t = this.token; t.kind === 'op' && (t.op === '+' || t.op === '-'); t = this.token) {
      this.i++;
      const right = this.multiplicative();
      left = this.operand(ARITHMETIC.get(t.op)!(left.expr, right.expr), left.start, [left, right]);
    }
    return left;
  }

  private multiplicative(): Operand {
    let left = this.unary();
    for (let t = this.token; t.kind === 'op' && (t.op === '*' || t.op === '/' || t.op === '%'); t = this.token) {
      this.i++;
      const right = this.unary();
      left = this.operand(ARITHMETIC.get(t.op)!(left.expr, right.expr), left.start, [left, right]);
    }
    return left;
  }

  private unary(): Operand {
    const minus = this.acceptOp('-');
    if (minus === null) return this.primary();
    const next = this.token;
    if (next.kind === 'number') {
      // A negative number is one constant, so `-2147483648` is an Int32 and `x in (-1, 2)` works.
      this.i++;
      const text = `-${next.text}`;
      const value = numberLiteral(text);
      return this.operand(literalExpr(value, text), minus.start, [], { literal: { value } });
    }
    const arg = this.unary();
    return this.operand(arg.expr.neg(), minus.start, [arg]);
  }

  private primary(): Operand {
    const t = this.token;
    const start = t.start;
    switch (t.kind) {
      case 'number': {
        this.i++;
        const value = numberLiteral(t.text);
        return this.operand(literalExpr(value, t.text), start, [], { literal: { value } });
      }
      case 'string':
        this.i++;
        return this.operand(lit(t.value), start, [], { literal: { value: t.value } });
      case 'op':
        if (t.op === '(') {
          this.i++;
          const inner = this.expression();
          this.expect(')', `to close the "(" at column ${start + 1}`);
          return { ...inner, start, end: this.tokens[this.i - 1]!.end };
        }
        return this.fail(`expected a value, found ${describe(t)}`);
      case 'end':
        return this.fail(`expected a value, found ${describe(t)}`);
      case 'name':
        return this.named(t);
    }
  }

  private named(t: Extract<Token, { kind: 'name' }>): Operand {
    const start = t.start;
    this.i++;
    if (!t.quoted) {
      const word = t.value.toLowerCase();
      if (word === 'null') return this.operand(lit(null), start, [], { literal: { value: null } });
      if (word === 'true' || word === 'false')
        return this.operand(lit(word === 'true'), start, [], { literal: { value: word === 'true' } });
      if ((word === 'date' || word === 'timestamp') && this.token.kind === 'string') return this.typedLiteral(word, start);
      if (this.isOp('(')) return this.call(t);
      if (RESERVED.has(word))
        this.fail(`expected a value, found the keyword "${t.value}" (a column of that name needs double quotes)`, start);
    }
    return this.operand(col(t.value), start, [], { column: t.value });
  }

  private typedLiteral(word: 'date' | 'timestamp', start: number): Operand {
    const s = this.token as Extract<Token, { kind: 'string' }>;
    this.i++;
    try {
      return this.operand(lit(s.value, word === 'date' ? 'Date' : 'Timestamp'), start, []);
    } catch {
      return this.fail(
        `not a ${word}: '${s.value}'; write ${word === 'date' ? "date '2020-01-31'" : "timestamp '2020-01-31 12:00:00'"}`,
        s.start,
      );
    }
  }

  private call(nameToken: Extract<Token, { kind: 'name' }>): Operand {
    const fn = nameToken.value.toLowerCase();
    const spec = FUNCTIONS.get(fn);
    if (spec === undefined) {
      this.fail(`unknown function "${nameToken.value}"; known: ${[...FUNCTIONS.keys()].join(', ')}`, nameToken.start);
    }
    if (spec.aggregate && this.options.aggregates !== true) {
      this.fail(`${fn}() is an aggregate function; aggregates belong in --agg`, nameToken.start);
    }
    const open = this.expect('(', 'after the function name');
    const args: Operand[] = [];
    // `count(*)` is SQL's spelling of `count()`.
    if (fn === 'count' && this.isOp('*') && this.isOp(')', this.tokens[this.i + 1])) this.i++;
    else if (!this.isOp(')')) {
      do args.push(this.expression());
      while (this.acceptOp(','));
    }
    this.expect(')', `to close the call opened at column ${open.start + 1}`);
    const [min, max] = spec.arity;
    if (args.length < min || args.length > max) {
      const count = min === max ? `${min}` : `${min} to ${max}`;
      this.fail(`${fn}(${spec.params}) takes ${count} argument${max === 1 ? '' : 's'}, got ${args.length}`, nameToken.start);
    }
    if (spec.aggregate) {
      const nested = args.find((a) => a.aggregate);
      if (nested !== undefined) this.fail('an aggregate cannot be inside another aggregate', nested.start);
    }
    let expr: Expr;
    try {
      expr = spec.build(args);
    } catch (err) {
      const at = err instanceof ArgumentError ? (args[err.index]?.start ?? nameToken.start) : nameToken.start;
      return this.fail(err instanceof Error ? err.message : String(err), at);
    }
    return this.operand(expr, nameToken.start, args, {
      aggregate: spec.aggregate || args.some((a) => a.aggregate),
      label: spec.aggregate ? label(fn, args) : null,
    });
  }
}

/** `v1_sum` for `sum(v1)`, `a_b_corr` for `corr(a, b)`, `count` for `count()`; null when an argument is not a bare column. */
function label(fn: string, args: readonly Operand[]): string | null {
  const columns = args.filter((a) => a.literal === undefined).map((a) => a.column);
  if (columns.some((c) => c === null)) return null;
  return [...columns, fn].join('_');
}

/**
 * Parses one expression, e.g. a `--filter`. Throws a {@link QueryParseError} whose `format()`
 * shows the text with a caret at the mistake.
 *
 * @example
 * parseExpression("v1 > 3 and id1 == 'id016'").toString();
 * // ((col("v1") > 3) & (col("id1") == "id016"))
 * parseExpression('state == null').toString(); // col("state").is_null()
 */
export function parseExpression(text: string, options: ParseOptions = {}): Expr {
  return new Parser(text, options).expressionOnly().expr;
}

/**
 * Parses a comma-separated list of `expression [as name]`, for `--select`, `--group-by` and
 * `--agg` (with `aggregates: true`). Commas inside strings and calls do not split items.
 *
 * @example
 * parseList('sum(v1), mean(v3) as m, count()', { aggregates: true }).map((i) => i.alias ?? i.label);
 * // ['v1_sum', 'm', 'count']
 */
export function parseList(text: string, options: ParseOptions = {}): ParsedItem[] {
  return new Parser(text, options).list();
}

/**
 * Parses `--sort` keys: a leading `-` or a trailing `desc` sorts that key descending.
 *
 * @example
 * parseSortKeys('-v1_sum, id1').map((k) => k.descending); // [true, false]
 * parseSortKeys('n desc, state asc').map((k) => k.descending); // [true, false]
 */
export function parseSortKeys(text: string): SortKey[] {
  return new Parser(text, {}).sortKeys();
}
