/**
 * The physical plan: which operators run, which of them fuse into one per-morsel pipeline, and
 * where results are materialized. Expressions stay in AST form here; they are lowered to kernel
 * IR when a stage runs, against the actual dictionaries of its input.
 */
import type { ExprNode } from '../expr/ast.js';
import type { CsvReadOptions } from '../io/csv/options.js';
import type { ParquetFileInfo } from '../io/parquet/metadata.js';
import type { Table } from '../table/table.js';
import type { AsofSettings } from '../plan/asof.js';
import type { JoinSettings } from '../plan/join.js';
import type { Schema } from '../types/schema.js';

/** Where a pipeline's morsels come from: a frame, a CSV or Parquet file (read with projection), or another operator's output. */
export type PipelineSource =
  | { readonly kind: 'frame'; readonly frame: Table; readonly columns: readonly string[] }
  | {
      readonly kind: 'csv';
      readonly path: string;
      readonly options: CsvReadOptions;
      readonly schema: Schema;
      readonly columns: readonly string[];
      /** Applied in the tasks that parse the file, right after each range is parsed (Utf8-free conjuncts of the scan predicate). */
      readonly predicate: ExprNode | null;
      /** Stop the scan once this many rows passed `predicate`. */
      readonly limit: number | null;
    }
  | {
      readonly kind: 'parquet';
      readonly path: string;
      readonly info: ParquetFileInfo;
      readonly schema: Schema;
      readonly columns: readonly string[];
      /** The row groups read (ascending): those the statistics cannot rule out for `predicate`. */
      readonly rowGroups: readonly number[];
      /** The scan predicate the row groups were judged by (it still runs on their rows, as a filter step). */
      readonly predicate: ExprNode | null;
      /** Stop after this many rows (a scan limit with no predicate). */
      readonly limit: number | null;
    }
  | { readonly kind: 'plan'; readonly plan: PhysicalPlan };

/** A row-wise step of a fused pipeline (FilterExec, ProjectExec). */
export type PipelineStep =
  | { readonly kind: 'filter'; readonly predicate: ExprNode }
  | { readonly kind: 'project'; readonly exprs: readonly ExprNode[] };

/** Scan → filter/project steps, run as one task per morsel. `schema` is the schema after the steps. */
export interface Pipeline {
  readonly source: PipelineSource;
  readonly steps: readonly PipelineStep[];
  readonly schema: Schema;
}

/**
 * A physical operator. Every variant knows its output `schema`.
 * - `collect`: the pipeline's rows, stopping early after `offset + limit` rows when limited.
 * - `aggregate`: PartialAggregateExec fused into the pipeline, then FinalAggregateExec (merge in
 *   morsel order, partitioned by key hash across workers when the groups are many).
 * - `sort`: per-morsel sorted runs (top-k when limited) in the pipeline, then a merge.
 * - `groupHead` / `distinct`: group ids over a materialized input, then a row mask.
 * - `topPerGroup`: sort-then-groupHead rewritten as a per-group top-n, then a sort of the survivors.
 * - `slice`: rows [offset, offset + n) of a materialized input (LimitExec).
 * - `join`: both sides materialized, then a hash join (build on the right side, on the left for a
 *   right join): on the calling thread when small, else a table in shared memory (built in hash
 *   partitions by tasks when large) and one task per probe morsel that probes and gathers its output.
 * - `asof`: both sides materialized, then one merge of the sorted keys per `by` group on the
 *   calling thread, right columns gathered by row index.
 * - `union`: each input run in turn, their outputs stacked in input order (chunks shared, Utf8
 *   dictionaries unified); an operator above reads its morsels as it reads a scan's.
 * - `hconcat`: each input run in turn, their columns put side by side (shorter ones padded with
 *   nulls unless `strict`).
 */
export type PhysicalPlan =
  | { readonly op: 'collect'; readonly pipeline: Pipeline; readonly limit: number | null; readonly offset: number; readonly schema: Schema }
  | {
      readonly op: 'aggregate';
      readonly pipeline: Pipeline;
      readonly keys: readonly ExprNode[];
      readonly aggs: readonly ExprNode[];
      readonly schema: Schema;
    }
  | {
      readonly op: 'sort';
      readonly pipeline: Pipeline;
      readonly by: readonly ExprNode[];
      readonly descending: readonly boolean[];
      readonly nullsLast: readonly boolean[];
      readonly limit: number | null;
      readonly offset: number;
      readonly schema: Schema;
    }
  | {
      readonly op: 'groupHead';
      readonly input: PhysicalPlan;
      readonly keys: readonly ExprNode[];
      readonly n: number;
      readonly schema: Schema;
    }
  | {
      readonly op: 'topPerGroup';
      readonly input: PhysicalPlan;
      readonly keys: readonly ExprNode[];
      readonly n: number;
      readonly by: ExprNode;
      readonly descending: boolean;
      readonly nullsLast: boolean;
      readonly schema: Schema;
    }
  | { readonly op: 'distinct'; readonly input: PhysicalPlan; readonly subset: readonly string[] | null; readonly schema: Schema }
  | { readonly op: 'slice'; readonly input: PhysicalPlan; readonly n: number; readonly offset: number; readonly schema: Schema }
  | ({ readonly op: 'join'; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly schema: Schema } & JoinSettings)
  | ({ readonly op: 'asof'; readonly left: PhysicalPlan; readonly right: PhysicalPlan; readonly schema: Schema } & AsofSettings)
  | { readonly op: 'union'; readonly inputs: readonly PhysicalPlan[]; readonly schema: Schema }
  | { readonly op: 'hconcat'; readonly inputs: readonly PhysicalPlan[]; readonly strict: boolean; readonly schema: Schema };

export type PhysicalOp = PhysicalPlan['op'];
