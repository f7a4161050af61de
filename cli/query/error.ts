/** The error of a query text that cannot be read: a message, the text, and the column it points at. */

/**
 * A mistake in the text of one `volley query` option, found before Volley sees the query.
 * `position` is the 0-based offset in `text` the caret points at (`text.length` for "the text
 * ended too soon"); `format()` shows the text with the caret under that column.
 *
 * @example
 * new QueryParseError('expected a value after "and"', "v1 > 3 and", 10).format('--filter');
 * // --filter: expected a value after "and" (column 11)
 * //   v1 > 3 and
 * //             ^
 */
export class QueryParseError extends Error {
  constructor(
    readonly reason: string,
    readonly text: string,
    readonly position: number,
  ) {
    super(`${reason} (column ${position + 1})`);
    this.name = 'QueryParseError';
  }

  /** The message, then the text (control characters shown as spaces) and a caret under the column. */
  format(label?: string): string {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is blanked out
    const shown = this.text.replace(/[\u0000-\u001f\u007f]/g, ' ');
    const caret = ' '.repeat(Math.min(Math.max(this.position, 0), shown.length));
    return `${label === undefined ? '' : `${label}: `}${this.message}\n  ${shown}\n  ${caret}^`;
  }
}
