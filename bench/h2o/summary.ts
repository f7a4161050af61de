/** Row count and per-column sums of a Volley answer, computed the same way every peer runner computes its own. */

import type { DataFrame } from '../../src/index.js';
import type { AnswerSummary } from '../peers/runner.js';

const NUMERIC = new Set(['Int32', 'Int64', 'Float64']);

function isValid(validity: Uint8Array | null, i: number): boolean {
  return validity === null || ((validity[i >> 3] ?? 0) & (1 << (i & 7))) !== 0;
}

/**
 * Sums numeric columns in Float64, skipping nulls and NaN, which is the rule the DuckDB,
 * Polars and Arquero runners follow, so the sums can be compared across engines. Dates,
 * booleans and strings are left out because the reference does not count them as numbers.
 *
 * @example
 * summarizeFrame(answer); // { rows: 100, sums: { v1: 29998881, id4: 5050 } }
 */
export function summarizeFrame(frame: DataFrame): AnswerSummary {
  const sums: Record<string, number> = {};
  for (const column of frame.getColumns()) {
    if (!NUMERIC.has(column.dtype)) continue;
    let sum = 0;
    for (const chunk of column.chunks) {
      const { values, validity } = chunk;
      for (let i = 0; i < chunk.length; i++) {
        if (!isValid(validity, i)) continue;
        const v = Number(values[i]);
        if (!Number.isNaN(v)) sum += v;
      }
    }
    sums[column.name] = sum;
  }
  return { rows: frame.height, sums };
}
