/** Column names: from the header record, or column_1, column_2, ... when the file has none. */

/**
 * Names for `n` columns of a file without a header.
 *
 * @example
 * defaultNames(2); // ['column_1', 'column_2']
 */
export function defaultNames(n: number): string[] {
  return Array.from({ length: n }, (_, i) => `column_${i + 1}`);
}

/**
 * Names from header fields. An empty name becomes `column_<position>`; a repeated name gets a
 * `_duplicated_<k>` suffix as in Polars, so every column stays addressable.
 *
 * @example
 * headerNames(['a', '', 'a']); // ['a', 'column_2', 'a_duplicated_0']
 */
export function headerNames(fields: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeats = new Map<string, number>();
  return fields.map((raw, i) => {
    const name = raw === '' ? `column_${i + 1}` : raw;
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    let k = repeats.get(name) ?? 0;
    let renamed = `${name}_duplicated_${k}`;
    while (seen.has(renamed)) renamed = `${name}_duplicated_${++k}`;
    repeats.set(name, k + 1);
    seen.add(renamed);
    return renamed;
  });
}
