/** One dictionary for several Utf8 columns, with a code-to-code table for each source dictionary. */
import { Dictionary } from './dictionary.js';

/**
 * The union of several dictionaries, and per source the table from its codes to the union's
 * (null where the codes already agree, so those chunks can be shared as they are). The first
 * dictionary's codes never change: when every other one is the same object, or only holds a
 * prefix of it, the first dictionary itself is the union. Source dictionaries are never changed.
 *
 * @example
 * const { dictionary, remaps } = unifyDictionaries([new Dictionary(['a', 'b']), new Dictionary(['b', 'c'])]);
 * dictionary.values; // ['a', 'b', 'c']
 * remaps;            // [null, Int32Array [1, 2]]
 */
export function unifyDictionaries(dicts: readonly Dictionary[]): {
  dictionary: Dictionary;
  remaps: (Int32Array | null)[];
} {
  const first = dicts[0] ?? new Dictionary();
  let union: Dictionary | null = null;
  const remaps = dicts.map((d) => {
    if (d === first) return null;
    union ??= new Dictionary(first.values);
    const table = new Int32Array(d.size);
    let identity = true;
    for (let k = 0; k < d.size; k++) {
      const code = union.intern(d.values[k]!);
      table[k] = code;
      if (code !== k) identity = false;
    }
    return identity ? null : table;
  });
  const grown = union !== null && (union as Dictionary).size > first.size;
  return { dictionary: grown ? union! : first, remaps };
}
