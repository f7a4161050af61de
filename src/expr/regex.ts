/** A user's regular expression, as data: compiled by the JS engine, never turned into code. */
import { InvalidArgumentError } from '../errors.js';

/**
 * `pattern` as a RegExp (JavaScript syntax, Unicode mode, no flags that keep state, so `test` is
 * pure); an invalid pattern is an InvalidArgumentError naming `where` and the engine's reason. The
 * pattern is run once per distinct string of a column, on the calling thread; a pattern that
 * backtracks catastrophically takes as long as it takes, as any regular expression does in JS.
 *
 * @example
 * userRegExp('^f.o', 'str.contains()').test('foo'); // true
 */
export function userRegExp(pattern: string, where: string): RegExp {
  try {
    return new RegExp(pattern, 'u');
  } catch (e) {
    throw new InvalidArgumentError(
      `${where} pattern`,
      pattern,
      `${where}: invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`,
    );
  }
}

/**
 * How many capture groups `pattern` has (named ones included): the length of the match of the
 * pattern, or nothing, against the empty string, less the whole match.
 *
 * @example
 * captureGroups('(a)(?<b>b)(?:c)'); // 2
 */
export function captureGroups(pattern: string): number {
  return new RegExp(`${pattern}|`, 'u').exec('')!.length - 1;
}

/**
 * `pattern` as a RegExp that has capture `group` (0 being the whole match); a group beyond the
 * pattern's is an InvalidArgumentError naming `where`, the group and how many there are.
 *
 * @example
 * userRegExpWithGroup('(\\d+)-(\\d+)', 2, 'str.extract()'); // ok; group 3 throws
 */
export function userRegExpWithGroup(pattern: string, group: number, where: string): RegExp {
  const re = userRegExp(pattern, where);
  const groups = captureGroups(pattern);
  if (group > groups)
    throw new InvalidArgumentError(
      `${where} group`,
      group,
      `${where}: group ${group} is beyond the ${groups} capture group${groups === 1 ? '' : 's'} of ${JSON.stringify(pattern)}`,
    );
  return re;
}
