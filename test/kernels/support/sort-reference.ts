/** The reference order: a comparator sort of row numbers (stable by construction: ties fall back to the row). */
import { totalCompare } from './reference.js';
import type { JsValue } from './values.js';

export function refArgsort(keys: readonly (readonly JsValue[])[], descending: readonly boolean[], nullsLast: readonly boolean[]): number[] {
  const n = keys[0]?.length ?? 0;
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((i, j) => {
    for (let k = 0; k < keys.length; k++) {
      const a = keys[k]![i]!;
      const b = keys[k]![j]!;
      if (a === null || b === null) {
        if (a === null && b === null) continue;
        return (a === null ? 1 : -1) * (nullsLast[k] ? 1 : -1);
      }
      const c = totalCompare(a, b) * (descending[k] ? -1 : 1);
      if (c !== 0) return c;
    }
    return i - j;
  });
  return idx;
}
