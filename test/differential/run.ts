/** Runs one query through the engine in every configuration and checks it against the reference and itself. */
import type { DataFrame, LazyFrame } from '../../src/index.js';
import { optimize } from '../../src/optimizer/index.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import type { Row } from '../../src/table/table.js';
import type { DataType } from '../../src/types/dtype.js';
import { refSchemaOf, runPlan } from '../reference/evaluate.js';
import { bitDifference, diffRows } from './compare.js';
import type { Verb } from './verbs.js';

/** The configurations every query runs in. Morsels of 7 rows split even small tables into many. */
export const OPTIMIZE = [true, false] as const;
export const THREADS = [1, 2, 4] as const;
export const MORSEL_SIZES = [7, 1000] as const;

/**
 * A query over a frame: the verbs, applied to the engine and to the reference's own plan. The
 * engine starts from `start` when given (a `scanCsv` of a file holding `frame`'s rows), else from
 * `frame.lazy()`; `csv` gives the reference those files' contents.
 */
export interface Query {
  readonly frame: DataFrame;
  readonly verbs: readonly Verb[];
  readonly start?: LazyFrame;
  /** How `start` was made, for failure messages (default `df.lazy()`). */
  readonly startCode?: string;
  readonly csv?: ReadonlyMap<string, DataFrame>;
}

/** The code of a query, as one would type it. */
export function queryCode(verbs: readonly Verb[], start = 'df.lazy()'): string {
  return `${start}${verbs.map((v) => `\n  ${v.code}`).join('')}`;
}

/**
 * A plan that scans `frame`, every column, as the engine's own scan of an in-memory frame.
 *
 * @example
 * runPlan(scanOf(df)); // df's rows
 */
export function scanOf(frame: DataFrame): LogicalPlan {
  return {
    kind: 'scan',
    source: { type: 'frame', frame: frame.table },
    schema: frame.schema,
    projection: null,
    predicate: null,
    limit: null,
  };
}

/** A result as the comparisons read it: column names, types and rows. */
export interface Answer {
  readonly names: string[];
  readonly dtypes: DataType[];
  readonly rows: Row[];
}

/**
 * The reference evaluator's answer for a plan (`files` maps CSV paths the plan scans).
 *
 * @example
 * diffRows(answerOf(await lf.collect()), planAnswer(lf.plan));
 */
export function planAnswer(plan: LogicalPlan, files: Parameters<typeof runPlan>[1] = {}): Answer {
  const schema = refSchemaOf(plan);
  return { names: [...schema.keys()], dtypes: [...schema.values()], rows: runPlan(plan, files) };
}

function answerOf(df: DataFrame): Answer {
  return { names: df.schema.names, dtypes: df.schema.fields.map((f) => f.dtype), rows: df.toRecords() };
}

function fail(what: string, query: Query, detail: string): never {
  throw new Error(`${what}\n${detail}\nquery:\n${queryCode(query.verbs, query.startCode)}`);
}

/**
 * The reference's answer for a query, plus two plan-level checks that need no execution: the
 * engine's own (unoptimized) plan and its optimized plan, interpreted by the reference, give the
 * same rows as the plan the test built from the verbs' documented meaning.
 */
export function referenceAnswer(query: Query, lf: LazyFrame, planChecks = true): Answer {
  const plan = query.verbs.reduce((p, v) => v.ref(p), scanOf(query.frame));
  const want = planAnswer(plan);
  if (!planChecks) return want;
  const files = query.csv === undefined ? {} : { csv: query.csv };
  const asBuilt = diffRows(planAnswer(lf.plan, files), want);
  if (asBuilt !== null) fail('the engine builds a plan that means something else than the verbs', query, asBuilt);
  const afterRules = diffRows(planAnswer(optimize(lf.plan).plan, files), want);
  if (afterRules !== null) fail('the optimizer changes what the plan computes (reference run of the optimized plan)', query, afterRules);
  return want;
}

/** Which configurations to run; every combination runs. */
export interface Configs {
  /** Also interpret the engine's own plan and its optimized plan with the reference (three reference runs). */
  readonly planChecks?: boolean;
  readonly optimize: readonly boolean[];
  readonly threads: readonly number[];
  readonly morselSizes: readonly number[];
}

export const DEFAULT_CONFIGS: Configs = { optimize: OPTIMIZE, threads: THREADS, morselSizes: MORSEL_SIZES };

/**
 * Runs `query` with the optimizer on and off, on 1, 2 and 4 threads, at morsel sizes 7 and 1000
 * (or the given configurations). Every result must match the reference (floats within 1e-9), and
 * at each morsel size (and optimizer setting) the runs on different thread counts must be
 * bit-identical. Throws on the first disagreement with the configuration, the difference and the
 * query code.
 *
 * @example
 * await checkQuery({ frame: toFrame(table), verbs: [filterVerb, sortVerb] });
 */
export async function checkQuery(query: Query, configs: Configs = DEFAULT_CONFIGS): Promise<void> {
  const lf = query.verbs.reduce((acc, v) => v.apply(acc), query.start ?? query.frame.lazy());
  const want = referenceAnswer(query, lf, configs.planChecks ?? true);
  for (const optimizeOn of configs.optimize) {
    for (const morselSize of configs.morselSizes) {
      let first: { threads: number; answer: Answer } | null = null;
      for (const threads of configs.threads) {
        const config = `optimize: ${optimizeOn}, threads: ${threads}, morselSize: ${morselSize}`;
        let got: Answer;
        try {
          got = answerOf(await lf.collect({ optimize: optimizeOn, threads, morselSize }));
        } catch (e) {
          fail(`collect({ ${config} }) threw`, query, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
        }
        const diff = diffRows(got, want);
        if (diff !== null) fail(`collect({ ${config} }) disagrees with the reference`, query, diff);
        if (first === null) first = { threads, answer: got };
        else {
          const bits = bitDifference(got, first.answer);
          if (bits !== null) fail(`collect({ ${config} }) is not bit-identical to threads: ${first.threads}`, query, bits);
        }
      }
    }
  }
}

/**
 * Runs a one-verb query through its eager DataFrame method (`df.filter(...)`, ...), with the
 * default threads and morsels, and checks it against the reference.
 */
export async function checkEager(frame: DataFrame, v: Verb): Promise<void> {
  if (v.eager === undefined) throw new Error(`${v.code} has no eager form`);
  const query: Query = { frame, verbs: [v] };
  const want = referenceAnswer(query, v.apply(frame.lazy()), false);
  let got: Answer;
  try {
    got = answerOf(await v.eager(frame));
  } catch (e) {
    fail('the eager method threw', query, e instanceof Error ? `${e.name}: ${e.message}` : String(e));
  }
  const diff = diffRows(got, want);
  if (diff !== null) fail('the eager method disagrees with the reference', query, diff);
}
