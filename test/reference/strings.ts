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
