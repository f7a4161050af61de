/** concat: DataFrames combined vertically (strict or relaxed), diagonally or horizontally, as Polars' `pl.concat`. */
import { InvalidArgumentError } from '../errors.js';
import { type ConcatOptions, concatTables } from '../table/concat.js';
import { DataFrame, LazyFrame } from './frames.js';

export type { ConcatHow, ConcatOptions } from '../table/concat.js';

/**
 * DataFrames combined into one, as Polars' `pl.concat(items, how=...)`:
 * - `vertical` (default): rows of each frame in turn; every frame has the first one's names, in
 *   its order, with its types. A type clash is a `ConcatError` with code `TYPE_ERROR`, a missing
 *   column `COLUMN_NOT_FOUND`, an extra column or another order `PLAN_ERROR`; the error's fields
 *   name the frame index, the column and both types.
 * - `vertical_relaxed`: columns matched by name, in the first frame's order; numbers are upcast
 *   to a common type (Int32 → Int64 → Float64, Int32 → Float64); other clashes are `TYPE_ERROR`.
 * - `diagonal`: every name of every frame (first-seen order); a frame without a column gives
 *   nulls of its type; types are upcast as in `vertical_relaxed`.
 * - `horizontal`: the frames' columns side by side; a name in two frames is `DUPLICATE_COLUMN`;
 *   shorter frames are padded with nulls, as Polars does (`strict: true` makes that
 *   `LENGTH_MISMATCH`).
 *
 * Chunks are shared, never copied, where the type already fits: a vertical concat is the list of
 * the inputs' chunks. Utf8 columns get one dictionary (the first frame's, extended), and only the
 * chunks of frames with other codes are rewritten, through a code-to-code table. Upcasts and null
 * fills make new chunks in shared memory. `rechunk: true` copies the result into chunks of the
 * standard size.
 *
 * It returns a Promise, as every DataFrame verb that gives a new frame does (`df.vstack` is this
 * with two frames), so errors arrive as rejections. LazyFrames are not accepted yet (an
 * `INVALID_ARGUMENT`): a lazy concat needs a union node in the plan.
 *
 * @example
 * const all = await concat([jan, feb, mar]);
 * const wide = await concat([a, b], { how: 'diagonal' });
 */
export async function concat(items: readonly DataFrame[], options: ConcatOptions = {}): Promise<DataFrame> {
  if (!Array.isArray(items)) throw new InvalidArgumentError('items', items, 'concat takes an array of DataFrames');
  const tables = items.map((f, i) => {
    if (f instanceof LazyFrame)
      throw new InvalidArgumentError(`items[${i}]`, f, 'concat of LazyFrames is not supported yet: pass DataFrames');
    if (!(f instanceof DataFrame)) throw new InvalidArgumentError(`items[${i}]`, f, `concat: items[${i}] is not a DataFrame`);
    return f.table;
  });
  return new DataFrame(concatTables(tables, options));
}
