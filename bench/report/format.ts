/** Number formatting shared by the Markdown tables: fixed, readable precision and a dash for missing values. */

/**
 * Milliseconds with precision that suits their size.
 *
 * @example
 * ms(0.4567); // '0.46'
 * ms(123.45); // '123'
 * ms(null);   // '-'
 */
export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '-';
  if (value < 10) return value.toFixed(2);
  if (value < 100) return value.toFixed(1);
  return value.toFixed(0);
}

/**
 * Seconds with three decimals, as db-benchmark prints them.
 *
 * @example
 * seconds(0.01834); // '0.018'
 */
export function seconds(value: number | null | undefined): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '-' : value.toFixed(3);
}

/**
 * A ratio `numerator / denominator` as `1.85x`; a dash when either side is missing.
 *
 * @example
 * ratio(2, 1);    // '2.00x'
 * ratio(null, 1); // '-'
 */
export function ratio(numerator: number | null | undefined, denominator: number | null | undefined): string {
  if (numerator === null || numerator === undefined || denominator === null || denominator === undefined) return '-';
  if (!(denominator > 0) || !Number.isFinite(numerator)) return '-';
  return `${(numerator / denominator).toFixed(2)}x`;
}

/**
 * One Markdown table from a header and rows of cells.
 *
 * @example
 * table(['a', 'b'], [['1', '2']]); // '| a | b |\n|---|---|\n| 1 | 2 |'
 */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), `|${header.map(() => '---').join('|')}|`, ...rows.map(line)].join('\n');
}

/**
 * A row count the way the benchmark names sizes.
 *
 * @example
 * count(10_000_000); // '1e7'
 * count(2000);       // '2,000'
 */
export function count(n: number): string {
  const digits = String(n);
  if (n >= 1e5 && /^10+$/.test(digits)) return `1e${digits.length - 1}`;
  return n.toLocaleString('en-US');
}
