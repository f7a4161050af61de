/** Text form of the physical plan for explain(): operators top-down, each fused pipeline with its per-morsel steps. */
import type { ExprNode } from '../expr/ast.js';
import { exprToString } from '../expr/display.js';
import { JOIN_PARTITION_BITS, JOIN_PARTITION_ROWS, JOIN_SMALL_ROWS, SLOT_JOIN_DENSITY } from '../../kernels/tuning.js';
import type { JoinHow, JoinValidate } from '../plan/join.js';
import type { LogicalPlan } from '../plan/nodes.js';
import { resolveOptions, type ExecOptions } from './options.js';
import type { PhysicalPlan, Pipeline } from './plan.js';
import { planPhysical } from './planner.js';

function list(exprs: readonly ExprNode[]): string {
  return `[${exprs.map(exprToString).join(', ')}]`;
}

function sortKeys(by: readonly ExprNode[], descending: readonly boolean[], nullsLast: readonly boolean[]): string {
  return `[${by
    .map((b, i) => `${exprToString(b)}${descending[i] ? ' DESC' : ''}${nullsLast[i] === false ? ' NULLS FIRST' : ''}`)
    .join(', ')}]`;
}

/**
 * The physical plan `plan` runs as, one operator per line, children indented. Lines inside a
 * `PIPELINE` run fused, once per morsel, in a worker.
 *
 * @example
 * physicalPlanToString(plan, { threads: 4 });
 * // PHYSICAL PLAN (threads: 4, morsels: source chunks)
 * // FINAL AGGREGATE [col("v1").sum()] BY [col("id1")] (merge in morsel order; by key hash across workers when large)
 * //   PIPELINE per morsel
 * //     PARTIAL AGGREGATE [col("v1").sum()] BY [col("id1")]
 * //     SCAN frame [9 cols] READ 2/9 COLUMNS: ["id1","v1"]
 */
export function physicalPlanToString(plan: LogicalPlan, options: ExecOptions = {}): string {
  const o = resolveOptions(options);
  const morsel = o.morselSize === null ? 'source chunks' : `${o.morselSize} rows`;
  const lines = [`PHYSICAL PLAN (threads: ${o.threads}, morsels: ${morsel})`];
  render(planPhysical(plan), 0, lines);
  return lines.join('\n');
}

function render(p: PhysicalPlan, depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  switch (p.op) {
    case 'collect': {
      const limit = p.limit === null ? '' : ` LIMIT ${p.limit}${p.offset > 0 ? ` OFFSET ${p.offset}` : ''} (stops early)`;
      out.push(`${pad}COLLECT${limit}`);
      pipeline(p.pipeline, [], depth + 1, out);
      return;
    }
    case 'aggregate':
      out.push(`${pad}FINAL AGGREGATE ${list(p.aggs)} BY ${list(p.keys)} (merge in morsel order; by key hash across workers when large)`);
      pipeline(p.pipeline, [`PARTIAL AGGREGATE ${list(p.aggs)} BY ${list(p.keys)}`], depth + 1, out);
      return;
    case 'sort': {
      const keys = sortKeys(p.by, p.descending, p.nullsLast);
      const limit = p.limit === null ? '' : ` LIMIT ${p.limit}${p.offset > 0 ? ` OFFSET ${p.offset}` : ''}`;
      out.push(`${pad}MERGE SORTED RUNS BY ${keys}${limit}`);
      const run = p.limit === null ? `SORT RUN BY ${keys}` : `SORT RUN BY ${keys} TOP ${p.limit + p.offset}`;
      pipeline(p.pipeline, [run], depth + 1, out);
      return;
    }
    case 'groupHead':
      out.push(`${pad}GROUP HEAD ${p.n} BY ${list(p.keys)} (rows in input order)`);
      render(p.input, depth + 1, out);
      return;
    case 'topPerGroup': {
      const key = sortKeys([p.by], [p.descending], [p.nullsLast]);
      out.push(`${pad}SORT BY ${key} (the kept rows only)`);
      out.push(`${pad}  TOP ${p.n} PER GROUP BY ${list(p.keys)} ORDER BY ${key}`);
      render(p.input, depth + 2, out);
      return;
    }
    case 'distinct':
      out.push(`${pad}DISTINCT ON ${p.subset === null ? 'all columns' : JSON.stringify(p.subset)} (first row of each, input order)`);
      render(p.input, depth + 1, out);
      return;
    case 'join': {
      const on = p.how === 'cross' ? '' : ` ON ${JSON.stringify(p.leftOn)} = ${JSON.stringify(p.rightOn)}`;
      out.push(`${pad}HASH JOIN ${p.how.toUpperCase()}${on}${joinStrategy(p.how, p.validate)}`);
      render(p.left, depth + 1, out);
      render(p.right, depth + 1, out);
      return;
    }
    case 'asof': {
      const by = p.byLeft.length === 0 ? '' : ` BY ${JSON.stringify(p.byLeft)} = ${JSON.stringify(p.byRight)}`;
      const tolerance = p.tolerance === null ? '' : ` TOLERANCE ${p.tolerance}`;
      out.push(
        `${pad}ASOF JOIN ${p.strategy.toUpperCase()} ON ${JSON.stringify(p.leftOn)} = ${JSON.stringify(p.rightOn)}${by}${tolerance} (merge of sorted keys per group)`,
      );
      render(p.left, depth + 1, out);
      render(p.right, depth + 1, out);
      return;
    }
    case 'union':
      out.push(`${pad}UNION ${p.inputs.length} INPUTS (each run in turn; chunks stacked in input order)`);
      for (const input of p.inputs) render(input, depth + 1, out);
      return;
    case 'hconcat':
      out.push(
        `${pad}HCONCAT ${p.inputs.length} INPUTS (each run in turn; columns side by side${p.strict ? ', equal heights' : ', shorter inputs padded with nulls'})`,
      );
      for (const input of p.inputs) render(input, depth + 1, out);
      return;
    case 'slice':
      out.push(`${pad}SLICE OFFSET ${p.offset} LENGTH ${p.n}`);
      render(p.input, depth + 1, out);
      return;
  }
}

/**
 * How a join will run, as far as the plan knows it: its build side always; whether it runs on
 * the calling thread or as tasks, and whether the build is stored by key or partitioned, only
 * once the sizes and keys of its inputs are known, so the text states the rule.
 */
function joinStrategy(how: JoinHow, validate: JoinValidate): string {
  if (how === 'cross') return '';
  const sides = how === 'right' ? 'build left, probe right' : 'build right, probe left';
  if (validate !== 'm:m') return ` (${sides}; on the calling thread, validating keys)`;
  return (
    ` (${sides}; on the calling thread when both sides hold <= ${JOIN_SMALL_ROWS} rows together, else probe morsels ` +
    `in parallel tasks; a build side of > ${JOIN_PARTITION_ROWS} rows is ` +
    (how === 'full'
      ? ''
      : `stored in rows by key when its keys are distinct integers or codes filling at least 1/${SLOT_JOIN_DENSITY} of their range, else `) +
    `built in ${1 << JOIN_PARTITION_BITS} hash partitions when its keys need hashing)`
  );
}

function pipeline(pl: Pipeline, sinks: readonly string[], depth: number, out: string[]): void {
  const pad = '  '.repeat(depth);
  out.push(`${pad}PIPELINE per morsel`);
  const inner = `${pad}  `;
  for (const s of sinks) out.push(inner + s);
  for (let i = pl.steps.length - 1; i >= 0; i--) {
    const step = pl.steps[i]!;
    out.push(inner + (step.kind === 'filter' ? `FILTER ${exprToString(step.predicate)}` : `PROJECT ${list(step.exprs)}`));
  }
  const src = pl.source;
  switch (src.kind) {
    case 'frame': {
      const total = src.frame.width;
      out.push(`${inner}SCAN frame [${total} cols] READ ${src.columns.length}/${total} COLUMNS: ${JSON.stringify(src.columns)}`);
      return;
    }
    case 'csv': {
      const total = src.schema.length;
      let line = `${inner}SCAN csv ${JSON.stringify(src.path)} [${total} cols] READ ${src.columns.length}/${total} COLUMNS: ${JSON.stringify(src.columns)}`;
      if (src.predicate !== null) line += ` FILTER WHILE PARSING: ${exprToString(src.predicate)}`;
      if (src.limit !== null) line += ` LIMIT ${src.limit} (stops parsing)`;
      out.push(`${line} (byte ranges parsed in parallel)`);
      return;
    }
    case 'parquet': {
      const total = src.schema.length;
      const groups = src.info.rowGroups.length;
      let line = `${inner}SCAN parquet ${JSON.stringify(src.path)} [${total} cols] READ ${src.columns.length}/${total} COLUMNS: ${JSON.stringify(src.columns)}`;
      line += ` ROW GROUPS: ${src.rowGroups.length}/${groups} read`;
      if (src.predicate !== null) line += `, ${groups - src.rowGroups.length} skipped by statistics of ${exprToString(src.predicate)}`;
      if (src.limit !== null) line += ` LIMIT ${src.limit} (stops decoding once the row groups hold it)`;
      out.push(line);
      return;
    }
    case 'plan':
      out.push(`${inner}SOURCE (materialized)`);
      render(src.plan, depth + 2, out);
  }
}
