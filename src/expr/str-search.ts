/** The string functions that search a string for a pattern and give a number: where it first matches, how many times. */
import type { ExprNode } from './ast.js';
import { userRegExp } from './regex.js';

/**
 * The function a `strFind` node applies to each string: for `find`, the code-point offset where
 * the first match starts (null when none); for `countMatches`, how many matches there are, not
 * overlapping. An empty pattern matches at offset 0, and before every code point and at the end
 * when counted (a regular expression in Unicode mode steps over a whole code point).
 *
 * @example
 * findFunction({ kind: 'strFind', op: 'find', arg, pattern: 'b', literal: true })('😀b'); // 1
 */
export function findFunction(n: Extract<ExprNode, { kind: 'strFind' }>): (s: string) => number | null {
  const p = n.pattern;
  const where = `str.${n.op}()`;
  if (n.op === 'find') {
    if (n.literal) {
      return (s) => {
        const at = s.indexOf(p);
        return at < 0 ? null : codePointsIn(s, at);
      };
    }
    const re = userRegExp(p, where);
    return (s) => {
      const m = re.exec(s);
      return m === null ? null : codePointsIn(s, m.index);
    };
  }
  if (n.literal && p !== '') {
    return (s) => {
      let count = 0;
      for (let at = s.indexOf(p); at >= 0; at = s.indexOf(p, at + p.length)) count++;
      return count;
    };
  }
  // an empty literal counts as the empty regular expression does
  const global = new RegExp(userRegExp(p, where).source, 'gu');
  return (s) => {
    let count = 0;
    for (const _ of s.matchAll(global)) count++;
    return count;
  };
}

/** Code points in the first `units` UTF-16 units of `s` (a pair counts once). */
function codePointsIn(s: string, units: number): number {
  let n = 0;
  for (let i = 0; i < units; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < units) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}
