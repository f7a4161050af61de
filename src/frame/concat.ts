/** concat: frames combined vertically (strict or relaxed), diagonally or horizontally, as Polars' `pl.concat`; lazily when any is a LazyFrame. */
import { InvalidArgumentError } from '../errors.js';
import type { LogicalPlan } from '../plan/nodes.js';
import { hconcatPlan, unionPlan } from '../plan/union.js';
import { concatHow, type ConcatOptions, concatTables } from '../table/concat.js';
import { DataFrame, LazyFrame } from './frames.js';

export type { ConcatHow, ConcatOptions } from '../table/concat.js';

/**
 * Frames combined into one, as Polars' `pl.concat(items, how=...)`:
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
 * DataFrames only: a Promise of a DataFrame, as every DataFrame verb that gives a new frame
 * returns (`df.vstack` is this with two frames), so errors arrive as rejections. Chunks are
 * shared, never copied, where the type already fits: a vertical concat is the list of the inputs'
 * chunks. Utf8 columns get one dictionary (the first frame's, extended), and only the chunks of
 * frames with other codes are rewritten, through a code-to-code table. Upcasts and null fills
 * make new chunks in shared memory. `rechunk: true` copies the result into chunks of the
 * standard size.
 *
 * Any LazyFrame among the items (DataFrames may sit beside them): a LazyFrame, as Polars' concat
 * of LazyFrames. (The declared type follows the array's type: `DataFrame[]` gives a Promise, an
 * array typed to hold LazyFrames a LazyFrame; what decides at run time is whether an item is a
 * LazyFrame, so an array typed `(DataFrame | LazyFrame)[]` should hold one.) Its plan is one union node over the inputs, each brought to the output schema
 * by a projection where it needs one (casts for relaxed and diagonal, typed nulls for the columns
 * an input lacks). The checks and errors are the eager ones, thrown at once, as every lazy verb
 * throws. When collected, the inputs run in turn and their rows are stacked in input order, so
 * the answer is the same for every thread count and morsel size; filters and projections above
 * the concat move into every input (a scan of each file reads only what the query needs).
 * `how: 'horizontal'` is an `HCONCAT` node: the inputs run in turn and their columns are put
 * side by side (a name in two inputs fails at once; unequal heights are padded with nulls, or
 * with `strict: true` fail with `LENGTH_MISMATCH` when collected); only column choices move into
 * its inputs, filters and limits stay above it. `rechunk: true` is refused for LazyFrames (an
 * `INVALID_ARGUMENT`): collect, then concat the DataFrames with it.
 *
 * @example
 * const all = await concat([jan, feb, mar]);
 * const wide = await concat([a, b], { how: 'diagonal' });
 * const lazy = concat([scanCsv('a.csv'), scanCsv('b.csv')]).filter(col('v').gt(0)); // a LazyFrame
 */
export function concat(items: readonly DataFrame[], options?: ConcatOptions): Promise<DataFrame>;
export function concat(items: readonly (DataFrame | LazyFrame)[], options?: ConcatOptions): LazyFrame;
export function concat(items: readonly (DataFrame | LazyFrame)[], options: ConcatOptions = {}): Promise<DataFrame> | LazyFrame {
  if (Array.isArray(items) && items.some((f) => f instanceof LazyFrame)) return concatLazy(items, options);
  return concatFrames(items as readonly DataFrame[], options);
}

async function concatFrames(items: readonly DataFrame[], options: ConcatOptions): Promise<DataFrame> {
  if (!Array.isArray(items)) throw new InvalidArgumentError('items', items, 'concat takes an array of DataFrames or LazyFrames');
  const tables = items.map((f, i) => {
    if (!(f instanceof DataFrame))
      throw new InvalidArgumentError(`items[${i}]`, f, `concat: items[${i}] is not a DataFrame or a LazyFrame`);
    return f.table;
  });
  return new DataFrame(concatTables(tables, options));
}

function concatLazy(items: readonly (DataFrame | LazyFrame)[], options: ConcatOptions): LazyFrame {
  const how = concatHow(options);
  if (options.rechunk === true)
    throw new InvalidArgumentError(
      'rechunk',
      true,
      'concat of LazyFrames takes no rechunk (the plan re-cuts its morsels anyway): collect, then concat the DataFrames with rechunk: true',
    );
  const plans = items.map((f, i): LogicalPlan => {
    if (f instanceof LazyFrame) return f.plan;
    if (f instanceof DataFrame) return f.lazy().plan;
    throw new InvalidArgumentError(`items[${i}]`, f, `concat: items[${i}] is not a DataFrame or a LazyFrame`);
  });
  return new LazyFrame(how === 'horizontal' ? hconcatPlan(plans, options.strict === true) : unionPlan(plans, how));
}
