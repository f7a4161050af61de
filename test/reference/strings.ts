/** The reference evaluator's string functions with parameters: written apart from the engine's, row at a time, on arrays of code points. */

/**
 * Strip: drop the code points of `chars` from the chosen end(s) of the string's code points.
 *
 * @example
 * refStrip('xy', 'both')('xyaxy'); // 'a'
 */
export function refStrip(chars: string, side: 'both' | 'start' | 'end'): (s: string) => string {
  const strip = Array.from(chars);
  return (s) => {
    const points = Array.from(s);
    let from = 0;
    let to = points.length;
    if (side !== 'end') while (from < to && strip.includes(points[from]!)) from++;
    if (side !== 'start') while (to > from && strip.includes(points[to - 1]!)) to--;
    return points.slice(from, to).join('');
  };
}

/**
 * Extract: the group of the first match, found by `String.prototype.match` (null for no match or
 * a group that took no part).
 *
 * @example
 * refExtract('(a)(b)?', 2)('a'); // null
 */
export function refExtract(pattern: string, group: number): (s: string) => string | null {
  const re = new RegExp(pattern, 'u');
  return (s) => {
    const m = s.match(re);
    if (m === null) return null;
    const g = m[group];
    return typeof g === 'string' ? g : null;
  };
}

/**
 * Split part: the parts found by walking the string with `indexOf`, at most `maxParts` of them
 * (the last runs to the end of the string), then the one at `index` (negative: from the end).
 *
 * @example
 * refSplitPart('a,b,c', ',', -1, null); // 'c'
 */
export function refSplitPart(s: string, by: string, index: number, maxParts: number | null): string | null {
  const parts: string[] = [];
  if (by === '') {
    const points = Array.from(s);
    for (const p of points) {
      if (maxParts !== null && parts.length === maxParts - 1) {
        parts.push(points.slice(parts.length).join(''));
        break;
      }
      parts.push(p);
    }
  } else {
    let from = 0;
    for (;;) {
      const at = s.indexOf(by, from);
      if (at < 0 || (maxParts !== null && parts.length === maxParts - 1)) {
        parts.push(s.slice(from));
        break;
      }
      parts.push(s.slice(from, at));
      from = at + by.length;
    }
  }
  const i = index < 0 ? parts.length + index : index;
  return i >= 0 && i < parts.length ? parts[i]! : null;
}

/** The pattern as a regular expression: a literal one escaped character by character. */
function refRegExp(pattern: string, literal: boolean, flags: string): RegExp {
  const source = literal ? Array.from(pattern, (c) => (/[\\^$.*+?()[\]{}|/]/.test(c) ? `\\${c}` : c)).join('') : pattern;
  return new RegExp(source, flags);
}

/**
 * Find: `String.prototype.search` for the unit offset, then the code points before it.
 *
 * @example
 * refFind('b', true)('😀b'); // 1
 */
export function refFind(pattern: string, literal: boolean): (s: string) => number | null {
  const re = refRegExp(pattern, literal, 'u');
  return (s) => {
    const at = s.search(re);
    return at < 0 ? null : Array.from(s.slice(0, at)).length;
  };
}

/**
 * Count matches: the matches `String.prototype.match` finds with the global flag.
 *
 * @example
 * refCountMatches('a', false)('banana'); // 3
 */
export function refCountMatches(pattern: string, literal: boolean): (s: string) => number {
  const re = refRegExp(pattern, literal, 'gu');
  return (s) => s.match(re)?.length ?? 0;
}

/**
 * Reverse: grapheme clusters (from the platform's segmenter, the one source of Unicode's cluster
 * rules here; the DuckDB differential test checks them against another) put together last first.
 *
 * @example
 * refReverse('e\u0301x'); // 'xe\u0301'
 */
export function refReverse(s: string): string {
  let out = '';
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(s)) out = segment + out;
  return out;
}
