/** The tokenizer of `volley query` expressions: numbers, 'strings', names (bare or "double-quoted"), and operators. */
import { QueryParseError } from './error.js';

/** The operators and punctuation the language has; `=` is `==` and `<>` is `!=`, as in SQL. */
export const OPERATORS = ['==', '!=', '<>', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '%', '(', ')', ','] as const;

export type Operator = (typeof OPERATORS)[number];

/**
 * One token. `start` and `end` are offsets in the text. A `name` is a column name or a keyword
 * (`quoted` names are never keywords); a `number` keeps its text so that integers stay exact.
 */
export type Token =
  | { readonly kind: 'number'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'name'; readonly value: string; readonly quoted: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'op'; readonly op: Operator; readonly start: number; readonly end: number }
  | { readonly kind: 'end'; readonly start: number; readonly end: number };

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NAME = /[\p{L}_][\p{L}\p{N}_]*/uy;
const SPACE = /\s+/y;
/** Characters people reach for from other languages, with what to write instead. */
const HINTS: Readonly<Record<string, string>> = {
  '&': 'write `and`',
  '|': 'write `or`',
  '!': 'write `not`, or `!=`',
  '`': 'quote a column name with double quotes: "my column"',
  '[': 'lists are written in parentheses: x in (1, 2)',
};
const ESCAPES: Readonly<Record<string, string>> = { "'": "'", '"': '"', '\\': '\\', n: '\n', t: '\t', r: '\r' };

function match(re: RegExp, text: string, at: number): string | null {
  re.lastIndex = at;
  return re.exec(text)?.[0] ?? null;
}

/** A single-quoted string from `start`: `''` and `\'` are a quote, `\\` a backslash, `\n` `\t` `\r` as usual. */
function readString(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") {
      if (text[i + 1] !== "'") return { value, end: i + 1 };
      value += "'";
      i += 2;
    } else if (c === '\\') {
      const escaped = ESCAPES[text[i + 1] ?? ''];
      if (escaped === undefined) {
        throw new QueryParseError(`unknown escape "\\${text[i + 1] ?? ''}" in a string; write \\\\ for a backslash`, text, i);
      }
      value += escaped;
      i += 2;
    } else {
      value += c;
      i += 1;
    }
  }
  throw new QueryParseError('this string is not closed; strings end with a single quote', text, start);
}

/** A double-quoted column name from `start`; `""` inside it is one double quote. */
function readQuotedName(text: string, start: number): { value: string; end: number } {
  let value = '';
  let i = start + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      if (text[i + 1] !== '"') {
        if (value === '') throw new QueryParseError('a quoted column name cannot be empty', text, start);
        return { value, end: i + 1 };
      }
      value += '"';
      i += 2;
    } else {
      value += c;
      i += 1;
    }
  }
  throw new QueryParseError('this column name is not closed; a quoted name ends with a double quote', text, start);
}

/**
 * Splits an expression into tokens, ending with an `end` token. Throws a {@link QueryParseError}
 * pointing at the first character that starts no token.
 *
 * @example
 * tokenize("v1 >= 3 and \"Origin State\" == 'it''s'").map((t) => t.kind);
 * // ['name', 'op', 'number', 'name', 'name', 'op', 'string', 'end']
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const space = match(SPACE, text, i);
    if (space !== null) {
      i += space.length;
      continue;
    }
    const c = text[i]!;
    const start = i;
    const number = /[\d.]/.test(c) ? match(NUMBER, text, i) : null;
    if (number !== null) {
      i += number.length;
      if (match(NAME, text, i) !== null)
        throw new QueryParseError(`a name cannot start with a digit: "${number}${match(NAME, text, i)}"`, text, start);
      tokens.push({ kind: 'number', text: number, start, end: i });
      continue;
    }
    const name = match(NAME, text, i);
    if (name !== null) {
      i += name.length;
      tokens.push({ kind: 'name', value: name, quoted: false, start, end: i });
      continue;
    }
    if (c === "'") {
      const s = readString(text, i);
      tokens.push({ kind: 'string', value: s.value, start, end: (i = s.end) });
      continue;
    }
    if (c === '"') {
      const q = readQuotedName(text, i);
      tokens.push({ kind: 'name', value: q.value, quoted: true, start, end: (i = q.end) });
      continue;
    }
    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op !== undefined) {
      i += op.length;
      tokens.push({ kind: 'op', op, start, end: i });
      continue;
    }
    const hint = HINTS[c];
    throw new QueryParseError(`unexpected character "${c}"${hint === undefined ? '' : `; ${hint}`}`, text, start);
  }
  tokens.push({ kind: 'end', start: text.length, end: text.length });
  return tokens;
}
