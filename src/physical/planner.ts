/** The physical planner: a logical plan becomes operators, with scan → filter → project chains fused into pipelines. */
import type { ExprNode } from '../expr/ast.js';
import { columnsUsed } from '../expr/names.js';
import { conjoin, conjuncts } from '../optimizer/exprs.js';
import type { LogicalPlan } from '../plan/nodes.js';
import { schemaOf } from '../plan/schema.js';
import { projectMakesStrings, stageMadeStrings } from './made-strings.js';
import type { PhysicalPlan, Pipeline, PipelineSource, PipelineStep } from './plan.js';
import { keptRowGroups } from './row-groups.js';

/** Largest per-group head that runs as a per-group top-n instead of a full sort. */
const TOP_PER_GROUP_MAX = 16;

/**
 * Plan `plan` for execution. Chains of filters and projections over a scan (or over another
 * operator's output) become one pipeline; aggregation and sorting take their input pipeline as
 * their first phase, so filter → project → partial aggregate run in one pass per morsel.
 *
 * @example
 * const phys = planPhysical(optimize(lf.plan).plan);
 * phys.op; // 'aggregate'
 */
export function planPhysical(plan: LogicalPlan): PhysicalPlan {
  return planNode(stageMadeStrings(plan));
}

function planNode(plan: LogicalPlan): PhysicalPlan {
  const schema = schemaOf(plan);
  switch (plan.kind) {
    case 'scan':
    case 'filter':
    case 'project':
      return { op: 'collect', pipeline: pipelineOf(plan, true), limit: null, offset: 0, schema };
    case 'limit': {
      const input = plan.input;
      if (input.kind === 'sort') return sortOp(input, plan.n, plan.offset);
      if (input.kind === 'scan' || input.kind === 'filter' || input.kind === 'project')
        return { op: 'collect', pipeline: pipelineOf(input, true), limit: plan.n, offset: plan.offset, schema };
      return { op: 'slice', input: planNode(input), n: plan.n, offset: plan.offset, schema };
    }
    case 'aggregate':
      return { op: 'aggregate', pipeline: pipelineOf(plan.input), keys: plan.keys, aggs: plan.aggs, schema };
    case 'sort':
      return sortOp(plan, null, 0);
    case 'groupHead': {
      const input = plan.input;
      if (input.kind === 'sort' && input.by.length === 1 && plan.n >= 1 && plan.n <= TOP_PER_GROUP_MAX && topKeyType(input)) {
        return {
          op: 'topPerGroup',
          input: planNode(input.input),
          keys: plan.keys,
          n: plan.n,
          by: input.by[0]!,
          descending: input.descending[0] ?? false,
          nullsLast: input.nullsLast[0] ?? true,
          schema,
        };
      }
      return { op: 'groupHead', input: planNode(input), keys: plan.keys, n: plan.n, schema };
    }
    case 'distinct':
      return { op: 'distinct', input: planNode(plan.input), subset: plan.subset, schema };
    case 'join': {
      const { input, right, kind: _, ...spec } = plan;
      return { op: 'join', left: planNode(input), right: planNode(right), ...spec, schema };
    }
    case 'asof': {
      const { input, right, kind: _, ...spec } = plan;
      return { op: 'asof', left: planNode(input), right: planNode(right), ...spec, schema };
    }
    case 'union':
      return { op: 'union', inputs: [plan.input, ...plan.rest].map(planNode), schema };
    case 'hconcat':
      return { op: 'hconcat', inputs: [plan.input, ...plan.rest].map(planNode), strict: plan.strict, schema };
  }
}

/** A sort key whose values a double holds exactly (so the per-group top-n compares them as numbers). */
function topKeyType(sort: Extract<LogicalPlan, { kind: 'sort' }>): boolean {
  const by = sort.by[0]!;
  const t = schemaOf({ kind: 'project', input: sort.input, exprs: [by] }).fields[0]!.dtype;
  return t === 'Float64' || t === 'Int32' || t === 'Date' || t === 'Boolean' || t === 'Utf8';
}

function sortOp(plan: Extract<LogicalPlan, { kind: 'sort' }>, limit: number | null, offset: number): PhysicalPlan {
  return {
    op: 'sort',
    pipeline: pipelineOf(plan.input),
    by: plan.by,
    descending: plan.by.map((_, i) => plan.descending[i] ?? false),
    nullsLast: plan.by.map((_, i) => plan.nullsLast[i] ?? true),
    limit,
    offset,
    schema: schemaOf(plan),
  };
}

/**
 * The fused pipeline computing `top`: its filters and projections down to a scan or to the
 * nearest operator that must materialize (which becomes the pipeline's source). A projection
 * that makes strings per row (made-strings.ts) materializes too, so that what reads them sees a
 * dictionary, unless it is the top of a pipeline that only collects rows (`collects`).
 */
export function pipelineOf(top: LogicalPlan, collects = false): Pipeline {
  const steps: PipelineStep[] = [];
  let node = top;
  while (node.kind === 'filter' || node.kind === 'project') {
    if (node.kind === 'project' && !(node === top && collects) && projectMakesStrings(node.exprs, schemaOf(node.input))) break;
    steps.unshift(node.kind === 'filter' ? { kind: 'filter', predicate: node.predicate } : { kind: 'project', exprs: node.exprs });
    node = node.input;
  }
  let source: PipelineSource;
  const scan = node.kind === 'scan' ? scanSource(node) : null;
  if (node.kind === 'project') {
    source = { kind: 'plan', plan: { op: 'collect', pipeline: pipelineOf(node, true), limit: null, offset: 0, schema: schemaOf(node) } };
  } else if (node.kind !== 'scan') {
    source = { kind: 'plan', plan: planNode(node) };
  } else if (node.limit === null || scan!.limitInSource) {
    source = scan!.source;
    steps.unshift(...scan!.steps);
  } else {
    // a scan limit counts rows before the later steps: it materializes on its own, stopping early
    const unlimited: LogicalPlan = { ...node, limit: null };
    source = {
      kind: 'plan',
      plan: { op: 'collect', pipeline: pipelineOf(unlimited), limit: node.limit, offset: 0, schema: schemaOf(node) },
    };
  }
  return { source, steps, schema: schemaOf(top) };
}

/**
 * The columns a scan reads (its projection plus what its predicate needs) and the steps that apply
 * its predicate and projection. A CSV scan takes the conjuncts of its predicate that read no Utf8
 * column (they lower without the file's dictionaries, which exist only once it is parsed) into
 * the tasks that parse the file, and with them its limit when nothing is left for a later filter.
 */
function scanSource(scan: Extract<LogicalPlan, { kind: 'scan' }>): {
  source: PipelineSource;
  steps: PipelineStep[];
  limitInSource: boolean;
} {
  const all = scan.schema.names;
  const wanted = scan.projection ?? all;
  const steps: PipelineStep[] = [];
  let read = wanted;
  let pushed: ExprNode | null = null;
  let residual: ExprNode | null = scan.predicate;
  if (scan.source.type === 'csv' && scan.predicate !== null) {
    const parts = conjuncts(scan.predicate);
    const inScan = (e: ExprNode): boolean => columnsUsed(e).every((n) => scan.schema.get(n).dtype !== 'Utf8');
    pushed = conjoin(parts.filter(inScan));
    residual = conjoin(parts.filter((e) => !inScan(e)));
  }
  if (scan.predicate !== null) {
    const need = new Set([...wanted, ...columnsUsed(scan.predicate)]);
    read = all.filter((n) => need.has(n));
    if (residual !== null) steps.push({ kind: 'filter', predicate: residual });
    if (read.length !== wanted.length || read.some((n, i) => n !== wanted[i]))
      steps.push({ kind: 'project', exprs: wanted.map((name): ExprNode => ({ kind: 'col', name })) });
  } else if (scan.projection !== null) {
    read = wanted;
  }
  if (scan.source.type === 'frame')
    return { source: { kind: 'frame', frame: scan.source.frame, columns: read }, steps, limitInSource: false };
  if (scan.source.type === 'parquet') {
    // statistics skip whole row groups only: the predicate stays a filter step on the rows kept
    const limitInSource = scan.limit !== null && scan.predicate === null;
    const source: PipelineSource = {
      kind: 'parquet',
      path: scan.source.path,
      info: scan.source.info,
      schema: scan.schema,
      columns: read,
      rowGroups: keptRowGroups(scan.source.info, scan.schema, scan.predicate),
      predicate: scan.predicate,
      limit: limitInSource ? scan.limit : null,
    };
    return { source, steps, limitInSource };
  }
  const limitInSource = scan.limit !== null && residual === null;
  const source: PipelineSource = {
    kind: 'csv',
    path: scan.source.path,
    options: scan.source.options,
    schema: scan.schema,
    columns: read,
    predicate: pushed,
    limit: limitInSource ? scan.limit : null,
  };
  return { source, steps, limitInSource };
}
