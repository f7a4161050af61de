/** Whether two DataFrames hold the same answer to the last bit: how runs at different thread counts are compared. */
import type { DataFrame, Scalar } from '../src/index.js';

function show(v: Scalar): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (v instanceof Date) return `Date(${v.getTime()})`;
  if (typeof v === 'string') return JSON.stringify(v);
  return Object.is(v, -0) ? '-0' : String(v);
}

function sameCell(a: Scalar, b: Scalar): boolean {
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && Object.is(a.getTime(), b.getTime());
  return Object.is(a, b);
}

/**
 * Null when `a` and `b` have the same schema and the same cells in the same order (floats bit
 * for bit, -0 apart from 0, NaN equal to NaN); otherwise where they first differ.
 *
 * @example
 * frameDifference(await lf.collect({ threads: 1 }), await lf.collect({ threads: 4 })); // null
 */
export function frameDifference(a: DataFrame, b: DataFrame): string | null {
  const sa = a.schema.toString();
  const sb = b.schema.toString();
  if (sa !== sb) return `schema ${sa} vs ${sb}`;
  if (a.height !== b.height) return `${a.height} rows vs ${b.height} rows`;
  const ra = a.toRecords();
  const rb = b.toRecords();
  for (let r = 0; r < ra.length; r++) {
    for (const name of a.columns) {
      const x = ra[r]![name] ?? null;
      const y = rb[r]![name] ?? null;
      if (!sameCell(x, y)) return `row ${r} "${name}": ${show(x)} vs ${show(y)}`;
    }
  }
  return null;
}
