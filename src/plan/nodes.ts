/** Logical plan nodes: what a query computes, free of how or where it runs. */
import type { ExprNode } from '../expr/ast.js';
import type { Schema } from '../types/schema.js';
import type { Table } from '../table/table.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import type { ParquetFileInfo } from '../io/parquet/metadata.js';
import type { AsofSettings } from './asof.js';
import type { JoinSettings } from './join.js';

/** Where a scan reads from. A second backend (e.g. SQL) can walk these without running anything. */
export type ScanSource =
  | { readonly type: 'frame'; readonly frame: Table }
  | { readonly type: 'csv'; readonly path: string; readonly options: CsvReadOptions }
  /** A Parquet file whose footer (types, row groups, statistics) was read when the plan was built. */
  | { readonly type: 'parquet'; readonly path: string; readonly info: ParquetFileInfo };

/**
 * A logical plan node. Inputs are nested (`input`), so a plan is a tree. `schema` on the scan is
 * the source's full schema; every other node's output schema is derived (see schema.ts).
 */
export type LogicalPlan =
  | {
      readonly kind: 'scan';
      readonly source: ScanSource;
      /** Full schema of the source. */
      readonly schema: Schema;
      /** Columns to read (projection pushdown); null = all, in source order. */
      readonly projection: readonly string[] | null;
      /** Rows failing this predicate are dropped while reading (predicate pushdown). */
      readonly predicate: ExprNode | null;
      /** Stop after this many rows (limit pushdown); null = no limit. Applied after `predicate`. */
      readonly limit: number | null;
    }
  | { readonly kind: 'filter'; readonly input: LogicalPlan; readonly predicate: ExprNode }
  /** Output exactly `exprs` (each named by its alias or root column). select/withColumns/rename/drop build this. */
  | { readonly kind: 'project'; readonly input: LogicalPlan; readonly exprs: readonly ExprNode[] }
  /** Group by `keys` (empty = one group over all rows) and compute `aggs` (each contains agg nodes). */
  | { readonly kind: 'aggregate'; readonly input: LogicalPlan; readonly keys: readonly ExprNode[]; readonly aggs: readonly ExprNode[] }
  | {
      readonly kind: 'sort';
      readonly input: LogicalPlan;
      readonly by: readonly ExprNode[];
      readonly descending: readonly boolean[];
      readonly nullsLast: readonly boolean[];
    }
  /** Rows [offset, offset + n). */
  | { readonly kind: 'limit'; readonly input: LogicalPlan; readonly n: number; readonly offset: number }
  /** The first `n` rows of each group of `keys`, in input order. */
  | { readonly kind: 'groupHead'; readonly input: LogicalPlan; readonly keys: readonly ExprNode[]; readonly n: number }
  /** Distinct rows over `subset` columns (null = all), keeping the first row of each, in input order. */
  | { readonly kind: 'distinct'; readonly input: LogicalPlan; readonly subset: readonly string[] | null }
  /**
   * An equi join of `input` (the left side) with `right` on `leftOn[i] = rightOn[i]` (empty for
   * cross). The left side is `input` so that walks down a chain of single-input nodes still reach
   * a scan; walks that must see every node use `inputsOf` (visit.ts).
   */
  | ({ readonly kind: 'join'; readonly input: LogicalPlan; readonly right: LogicalPlan } & JoinSettings)
  /**
   * An as-of join: every row of `input` (the left side) once, with the row of `right` whose sorted
   * key is nearest by `strategy` within the same `by` group (see asof.ts). Two inputs, as `join`.
   */
  | ({ readonly kind: 'asof'; readonly input: LogicalPlan; readonly right: LogicalPlan } & AsofSettings)
  /**
   * The rows of `input`, then of each of `rest` in turn (a vertical concat, SQL's UNION ALL). Every
   * input has the same schema, names, order and types; a relaxed or diagonal concat reaches this
   * node through a projection per input (see union.ts). `input` is the first input so that walks
   * down single-input chains keep working; walks that must see every input use `inputsOf`.
   */
  | { readonly kind: 'union'; readonly input: LogicalPlan; readonly rest: readonly LogicalPlan[] }
  /**
   * The columns of `input`, then of each of `rest`, side by side (a horizontal concat): row i of
   * the output is row i of every input; a shorter input is padded with nulls, or, when `strict`,
   * heights that differ fail when it runs. No name is in two inputs.
   */
  | { readonly kind: 'hconcat'; readonly input: LogicalPlan; readonly rest: readonly LogicalPlan[]; readonly strict: boolean };

export type PlanKind = LogicalPlan['kind'];
