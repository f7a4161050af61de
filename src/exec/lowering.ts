/** Lowering a pipeline's steps against its actual source frame, and cutting dead columns out of filters. */
import type { PhysExpr } from '../../kernels/ir.js';
import type { VecKind } from '../../kernels/vec.js';
import type { KeyBounds } from '../../kernels/hash/keys.js';
import { outputName } from '../expr/names.js';
import { kindOf } from '../physical/kinds.js';
import { lowerExpr, type ColumnInfo } from '../physical/lower.js';
import type { PipelineStep } from '../physical/plan.js';
import type { StepSpec } from '../pool/protocol.js';
import type { Table } from '../table/table.js';

/** A step with its expressions lowered; liveness is filled in once the sink is known. */
type LoweredStep =
  | { readonly op: 'filter'; readonly predicate: PhysExpr }
  | { readonly op: 'project'; readonly exprs: readonly PhysExpr[] };

/** A lowered pipeline: the source columns it reads, its steps, and the columns it ends with. */
export interface LoweredPipeline {
  readonly read: readonly string[];
  readonly kinds: readonly VecKind[];
  readonly steps: readonly LoweredStep[];
  readonly columns: readonly ColumnInfo[];
}

/**
 * What expressions may assume about a frame's columns: their types, dictionaries, and whether
 * any value is null (exact, from the chunks' null counts).
 */
export function frameColumns(frame: Table, names: readonly string[], bounds?: ReadonlyMap<string, KeyBounds>): ColumnInfo[] {
  return names.map((n) => {
    const c = frame.getColumn(n);
    return { name: n, dtype: c.dtype, dict: c.dictionary, nullable: c.nullCount > 0, bounds: bounds?.get(n) ?? null };
  });
}

/**
 * Lower `steps` over columns `read` of `frame`.
 *
 * @example
 * const lp = lowerPipeline([{ kind: 'filter', predicate: col('v1').gt(2).node }], df, ['id1', 'v1']);
 */
export function lowerPipeline(
  steps: readonly PipelineStep[],
  frame: Table,
  read: readonly string[],
  bounds?: ReadonlyMap<string, KeyBounds>,
): LoweredPipeline {
  let columns = frameColumns(frame, read, bounds);
  const kinds = columns.map((c) => kindOf(c.dtype));
  const lowered: LoweredStep[] = [];
  for (const step of steps) {
    if (step.kind === 'filter') {
      lowered.push({ op: 'filter', predicate: lowerExpr(step.predicate, columns).expr });
    } else {
      const ls = step.exprs.map((e) => lowerExpr(e, columns));
      lowered.push({ op: 'project', exprs: ls.map((l) => l.expr) });
      const before = columns;
      // a column passed through keeps its known bounds
      columns = ls.map((l, i) => ({
        name: outputName(step.exprs[i]!),
        dtype: l.dtype,
        dict: l.dict,
        nullable: l.nullable,
        bounds: l.expr.op === 'input' ? (before[l.expr.index]?.bounds ?? null) : null,
        ...(l.made === undefined ? {} : { made: l.made }),
      }));
    }
  }
  return { read, kinds, steps: lowered, columns };
}

/**
 * The steps as task messages. `sinkReads` are the expressions the sink evaluates (null: the sink
 * keeps every column); a filter then gathers only the columns some later step or the sink reads.
 */
export function stepSpecs(lp: LoweredPipeline, sinkReads: readonly PhysExpr[] | null): StepSpec[] {
  let needed: boolean[] = sinkReads === null ? lp.columns.map(() => true) : markInputs(sinkReads, lp.columns.length);
  const out: StepSpec[] = [];
  for (let i = lp.steps.length - 1; i >= 0; i--) {
    const step = lp.steps[i]!;
    if (step.op === 'project') {
      out.unshift({ op: 'project', exprs: step.exprs });
      needed = markInputs(step.exprs, widthBefore(lp, i));
    } else {
      out.unshift({ op: 'filter', predicate: step.predicate, live: needed });
      const pred = markInputs([step.predicate], needed.length);
      needed = needed.map((n, k) => n || pred[k]!);
    }
  }
  return out;
}

/** Columns in the batch before step i. */
function widthBefore(lp: LoweredPipeline, i: number): number {
  for (let j = i - 1; j >= 0; j--) {
    const s = lp.steps[j]!;
    if (s.op === 'project') return s.exprs.length;
  }
  return lp.read.length;
}

function markInputs(exprs: readonly PhysExpr[], width: number): boolean[] {
  const used = new Array<boolean>(width).fill(false);
  const visit = (e: PhysExpr): void => {
    switch (e.op) {
      case 'input':
        used[e.index] = true;
        return;
      case 'const':
        return;
      case 'arith':
      case 'cmp':
      case 'and':
      case 'or':
        visit(e.left);
        visit(e.right);
        return;
      case 'not':
      case 'isNull':
      case 'isNotNull':
      case 'math':
      case 'round':
      case 'cast':
      case 'isIn':
      case 'lookup':
      case 'datePart':
      case 'epoch':
      case 'dateTruncate':
      case 'dateOffset':
      case 'strictParse':
        visit(e.arg);
        return;
      case 'makeStr':
        e.args.forEach(visit);
        return;
      case 'pow':
        visit(e.base);
        visit(e.exponent);
        return;
      case 'fillNull':
        visit(e.arg);
        visit(e.fill);
        return;
      case 'when':
        for (const b of e.branches) {
          visit(b.when);
          visit(b.then);
        }
        visit(e.otherwise);
    }
  };
  exprs.forEach(visit);
  return used;
}
