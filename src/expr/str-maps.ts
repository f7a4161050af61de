/** The string functions with parameters (padding, replacing, stripping, extracting, splitting), as functions over one string; null is no value. */
import type { ExprNode } from './ast.js';
import { userRegExp, userRegExpWithGroup } from './regex.js';

/**
 * The function a `strPad` node applies to each string: pad to `width` code points with `fill` at
 * the start or the end (a longer string stays as it is), or (`zfill`) with zeros after a leading
 * `+` or `-`, as Polars pads.
 *
 * @example
 * padFunction({ kind: 'strPad', side: 'zfill', arg, width: 4, fill: '0' })('-7'); // '-007'
 */
export function padFunction(n: Extract<ExprNode, { kind: 'strPad' }>): (s: string) => string {
  return (s) => {
    const length = [...s].length;
    if (length >= n.width) return s;
    const pad = n.fill.repeat(n.width - length);
    if (n.side === 'start') return pad + s;
    if (n.side === 'end') return s + pad;
    const sign = s.startsWith('-') || s.startsWith('+') ? s[0]! : '';
    return sign + pad + s.slice(sign.length);
  };
}

/**
 * The function a `strReplace` node applies to each string: the first (or every) match of the
 * pattern replaced. A regular expression's replacement may name groups (`$1`, `$<name>`), as in
 * JavaScript and Polars; a literal one is used as it is.
 *
 * @example
 * replaceFunction({ kind: 'strReplace', all: true, arg, pattern: 'o', value: '0', literal: true })('foo'); // 'f00'
 */
export function replaceFunction(n: Extract<ExprNode, { kind: 'strReplace' }>): (s: string) => string {
  const value = n.value;
  if (n.literal) {
    // a function replacer inserts the value as it is ($ included); an empty pattern matches
    // before every character and at the end, as a regular expression's empty match does
    const p = n.pattern;
    const insert = (): string => value;
    return n.all ? (s) => s.replaceAll(p, insert) : (s) => s.replace(p, insert);
  }
  const re = userRegExp(n.pattern, n.all ? 'str.replaceAll()' : 'str.replace()');
  const regex = n.all ? new RegExp(re.source, 'gu') : re;
  return (s) => s.replace(regex, value);
}

/**
 * The function a `strStrip` node applies to each string: the code points at the start, the end or
 * both that are among the code points of `chars` removed, as Polars' `strip_chars` (an emoji of
 * `chars` is one character; a combining mark is a character of its own).
 *
 * @example
 * stripFunction({ kind: 'strStrip', side: 'both', arg, chars: 'x😀' })('x😀ax'); // 'a'
 */
export function stripFunction(n: Extract<ExprNode, { kind: 'strStrip' }>): (s: string) => string {
  const set = new Set(n.chars);
  if (set.size === 0) return (s) => s;
  return (s) => {
    let start = 0;
    let end = s.length;
    if (n.side !== 'end') {
      while (start < end) {
        const c = String.fromCodePoint(s.codePointAt(start)!);
        if (!set.has(c)) break;
        start += c.length;
      }
    }
    if (n.side !== 'start') {
      while (end > start) {
        // the last code point: a low surrogate after a high one is the second half of a pair
        const low = s.charCodeAt(end - 1);
        const pair = low >= 0xdc00 && low <= 0xdfff && end - 2 >= start && isHigh(s.charCodeAt(end - 2));
        const c = s.slice(pair ? end - 2 : end - 1, end);
        if (!set.has(c)) break;
        end -= c.length;
      }
    }
    return start === 0 && end === s.length ? s : s.slice(start, end);
  };
}

function isHigh(u: number): boolean {
  return u >= 0xd800 && u <= 0xdbff;
}

/**
 * The function a `strExtract` node applies to each string: capture `group` of the first match,
 * null when the pattern does not match or the group took no part in the match (`(a)|(b)` on "b"
 * has no group 1), as Polars has it.
 *
 * @example
 * extractFunction({ kind: 'strExtract', arg, pattern: '(\\d+)-(\\d+)', group: 2 })('a 12-34'); // '34'
 */
export function extractFunction(n: Extract<ExprNode, { kind: 'strExtract' }>): (s: string) => string | null {
  // no global flag: exec keeps no state between strings
  const re = userRegExpWithGroup(n.pattern, n.group, 'str.extract()');
  const group = n.group;
  return (s) => re.exec(s)?.[group] ?? null;
}

/**
 * The function a `strSplitPart` node applies to each string: the part at `index` (negative: from
 * the end) of the string split at `by` (empty: into code points), the parts past `maxParts - 1`
 * joined back into the last; null when there is no such part.
 *
 * @example
 * splitPartFunction({ kind: 'strSplitPart', arg, by: ',', index: 1, maxParts: 2 })('a,b,c'); // 'b,c'
 */
export function splitPartFunction(n: Extract<ExprNode, { kind: 'strSplitPart' }>): (s: string) => string | null {
  const { by, index, maxParts } = n;
  if (index >= 0 && maxParts === null && by !== '') {
    // the first index + 1 parts are all a non-negative index needs
    return (s) => s.split(by, index + 1)[index] ?? null;
  }
  return (s) => {
    const all = by === '' ? [...s] : s.split(by);
    const parts = maxParts === null || all.length <= maxParts ? all : [...all.slice(0, maxParts - 1), all.slice(maxParts - 1).join(by)];
    return parts[index < 0 ? parts.length + index : index] ?? null;
  };
}

/** Made on first use: building a segmenter loads ICU's break rules, 13 ms of every import otherwise. */
let graphemes: Intl.Segmenter | null = null;

/**
 * Text whose code points are each a grapheme cluster of their own: scripts without clustering
 * rules (Latin, Greek, Cyrillic, Han, kana, and the common punctuation, digits and symbols)...
 */
const ALONE =
  /^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Common}]*$/u;
/** ...and none of the code points that join a cluster: marks, controls (CR LF), joiners, emoji and their modifiers, flags. */
const JOINS = /[\p{M}\p{Cc}\p{Cf}\p{Grapheme_Extend}\p{Regional_Indicator}\p{Emoji_Modifier}\p{Extended_Pictographic}]/u;

/**
 * The string's grapheme clusters (user-perceived characters) in reverse order, as Polars' and
 * DuckDB's `reverse`: a letter keeps its combining marks, a joined emoji and a flag stay whole.
 * Text that cannot hold a cluster of two code points (most Latin, Cyrillic or CJK text) reverses
 * by code points, since the segmenter costs tens of microseconds per string.
 *
 * @example
 * reverseGraphemes('ae\u0301👍🏽'); // '👍🏽e\u0301a'
 */
export function reverseGraphemes(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s) || (ALONE.test(s) && !JOINS.test(s))) return reverseCodePoints(s);
  const out: string[] = [];
  graphemes ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
  for (const { segment } of graphemes.segment(s)) out.push(segment);
  return out.reverse().join('');
}

/** The code points of `s` in reverse order (a surrogate pair stays in its order). */
function reverseCodePoints(s: string): string {
  let out = '';
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0 && isHigh(s.charCodeAt(i - 1))) {
      out += s.slice(i - 1, i + 1);
      i--;
    } else out += s[i]!;
  }
  return out;
}
