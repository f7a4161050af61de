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
