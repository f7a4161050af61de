/** Polars-style text rendering of a DataFrame. */
import type { DataFrame } from './dataframe.js';

export interface FormatOptions {
  maxRows?: number;
  maxColumns?: number;
  maxStringLength?: number;
}

export function formatFrame(df: DataFrame, options: FormatOptions = {}): string {
  throw new Error('not implemented yet');
}
