/** Random query pipelines, each verb applied both to the engine's LazyFrame and to a plan the test builds itself from the verb's documented meaning. */
import fc from 'fast-check';
import { col, type DataFrame, type LazyFrame } from '../../src/index.js';
import type { ExprNode } from '../../src/expr/ast.js';
import type { LogicalPlan } from '../../src/plan/nodes.js';
import type { DataType } from '../../src/types/dtype.js';
import { Schema } from '../../src/types/schema.js';
import { refOutputName, refSchemaOf, type RefSchema } from '../reference/evaluate.js';
import { aggListArb } from './aggs.js';
import { columnsByType, exprArbs, freshNames, gen, typedArb, type Gen } from './exprs.js';

/**
 * One verb of a pipeline: how to apply it to the engine, what it means as a plan, and its code.
 * `ref` is written from the verb's documented meaning and never calls the engine's plan builder,
 * so a builder bug shows up as a difference instead of being copied into the expected answer.
 */
export interface Verb {
  readonly code: string;
  apply(lf: LazyFrame): LazyFrame;
  ref(plan: LogicalPlan): LogicalPlan;
  /** The same verb as an eager DataFrame method, where one exists (`df.filter(...)`, ...). */
  readonly eager?: (df: DataFrame) => Promise<DataFrame>;
}

export function verb(
  code: string,
  apply: (lf: LazyFrame) => LazyFrame,
  ref: (plan: LogicalPlan) => LogicalPlan,
  eager?: (df: DataFrame) => Promise<DataFrame>,
): Verb {
  return { code, apply, ref, ...(eager === undefined ? {} : { eager }), [fc.toStringMethod]: () => code } as Verb;
}

const q = (s: string): string => JSON.stringify(s);
const colNode = (name: string): ExprNode => ({ kind: 'col', name });

/** A scan that only carries a schema: enough for `refSchemaOf`, never run. */
function schemaOnlyScan(schema: RefSchema): LogicalPlan {
  const fields = [...schema].map(([name, dtype]) => ({ name, dtype }));
  return {
    kind: 'scan',
    source: { type: 'csv', path: '(schema only)', options: {} },
    schema: new Schema(fields),
    projection: null,
    predicate: null,
    limit: null,
  };
}

/** The schema after `v`, derived from the reference plan (so by the reference's type rules). */
export function schemaAfter(schema: RefSchema, v: Verb): RefSchema {
  return refSchemaOf(v.ref(schemaOnlyScan(schema)));
}

function names(schema: RefSchema): string[] {
  return [...schema.keys()];
}

function filterArb(schema: RefSchema): fc.Arbitrary<Verb> {
  const arbs = exprArbs(columnsByType(schema));
  return fc.array(arbs.Boolean, { minLength: 1, maxLength: 2 }).map((ps) => {
    const node = ps.map((p) => p.e.node).reduce((a, b): ExprNode => ({ kind: 'binary', op: 'and', left: a, right: b }));
    return verb(
      `.filter(${ps.map((p) => p.code).join(', ')})`,
      (lf) => lf.filter(...ps.map((p) => p.e)),
      (plan) => ({ kind: 'filter', input: plan, predicate: node }),
      (df) => df.filter(...ps.map((p) => p.e)),
    );
  });
}

/** Polars' withColumns: inputs stay in place, a same-named expression replaces its column, the rest append. */
function withColumnsArb(schema: RefSchema): fc.Arbitrary<Verb> {
  const arbs = exprArbs(columnsByType(schema));
  const existing = names(schema);
  const target = fc.oneof(fc.constantFrom('w0', 'w1', 'w2'), fc.constantFrom(...existing));
  return fc.uniqueArray(fc.tuple(target, typedArb(arbs)), { minLength: 1, maxLength: 3, selector: ([n]) => n }).map((items) => {
    const gens = items.map(([name, { g }]) => gen(g.e.alias(name), `${g.code}.alias(${q(name)})`));
    return verb(
      `.withColumns(${gens.map((g) => g.code).join(', ')})`,
      (lf) => lf.withColumns(...gens.map((g) => g.e)),
      (plan) => {
        const byName = new Map(gens.map((g) => [refOutputName(g.e.node), g.e.node] as const));
        const exprs = existing.map((n) => byName.get(n) ?? colNode(n));
        for (const [n, e] of byName) if (!schema.has(n)) exprs.push(e);
        return { kind: 'project', input: plan, exprs };
      },
      (df) => df.withColumns(...gens.map((g) => g.e)),
    );
  });
}

/** select: at least one plain column (so the height is the input's), plus aliased expressions. */
function selectArb(schema: RefSchema): fc.Arbitrary<Verb> {
  const arbs = exprArbs(columnsByType(schema));
  return fc
    .tuple(fc.uniqueArray(fc.constantFrom(...names(schema)), { minLength: 1, maxLength: 3 }), fc.array(typedArb(arbs), { maxLength: 2 }))
    .map(([cols, exprs]) => {
      const aliases = freshNames('e', schema.keys(), exprs.length);
      const gens = [
        ...cols.map((n) => gen(col(n), `col(${q(n)})`)),
        ...exprs.map(({ g }, i) => gen(g.e.alias(aliases[i]!), `${g.code}.alias(${q(aliases[i]!)})`)),
      ];
      return verb(
        `.select(${gens.map((g) => g.code).join(', ')})`,
        (lf) => lf.select(...gens.map((g) => g.e)),
        (plan) => ({ kind: 'project', input: plan, exprs: gens.map((g) => g.e.node) }),
        // With only column names, the eager select is synchronous and zero-copy; either way, a frame.
        async (df) => df.select(...gens.map((g) => g.e)),
      );
    });
}

function sortArb(schema: RefSchema): fc.Arbitrary<Verb> {
  const arbs = exprArbs(columnsByType(schema), 2);
  const key = fc.oneof(
    { arbitrary: fc.constantFrom(...names(schema)).map((n) => ({ code: q(n), by: n as string | Gen['e'], node: colNode(n) })), weight: 3 },
    { arbitrary: typedArb(arbs).map(({ g }) => ({ code: g.code, by: g.e as string | Gen['e'], node: g.e.node })), weight: 1 },
  );
  return fc.tuple(fc.array(fc.tuple(key, fc.boolean(), fc.boolean()), { minLength: 1, maxLength: 3 })).map(([keys]) => {
    const desc = keys.map(([, d]) => d);
    const nullsLast = keys.map(([, , n]) => n);
    const code = `.sort([${keys.map(([k]) => k.code).join(', ')}], { descending: ${JSON.stringify(desc)}, nullsLast: ${JSON.stringify(nullsLast)} })`;
    return verb(
      code,
      (lf) =>
        lf.sort(
          keys.map(([k]) => k.by),
          { descending: desc, nullsLast },
        ),
      (plan) => ({ kind: 'sort', input: plan, by: keys.map(([k]) => k.node), descending: desc, nullsLast }),
      (df) =>
        df.sort(
          keys.map(([k]) => k.by),
          { descending: desc, nullsLast },
        ),
    );
  });
}

function limitArb(): fc.Arbitrary<Verb> {
  return fc.oneof(
    fc.integer({ min: 0, max: 30 }).map((n) =>
      verb(
        `.limit(${n})`,
        (lf) => lf.limit(n),
        (plan) => ({ kind: 'limit', input: plan, n, offset: 0 }),
      ),
    ),
    fc.integer({ min: 0, max: 30 }).map((n) =>
      verb(
        `.head(${n})`,
        (lf) => lf.head(n),
        (plan) => ({ kind: 'limit', input: plan, n, offset: 0 }),
      ),
    ),
    fc.tuple(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 30 })).map(([o, n]) =>
      verb(
        `.slice(${o}, ${n})`,
        (lf) => lf.slice(o, n),
        (plan) => ({ kind: 'limit', input: plan, n, offset: o }),
      ),
    ),
  );
}

/** A group key as code, as what `groupBy` takes, and as a node. */
interface Key {
  readonly code: string;
  readonly key: string | Gen['e'];
  readonly node: ExprNode;
}

/**
 * 1 to 3 distinct group keys: mostly plain columns of any type (Float64 included: NaN and -0
 * must group as in Polars), sometimes an expression aliased k0, k1, ...
 */
function groupKeyArb(schema: RefSchema): fc.Arbitrary<Key[]> {
  const arbs = exprArbs(columnsByType(schema), 1);
  const choice = fc.oneof(
    { arbitrary: fc.constantFrom(...names(schema)), weight: 4 },
    { arbitrary: fc.oneof(arbs.Int32, arbs.Utf8, arbs.Boolean, arbs.Date), weight: 1 },
  );
  return fc.uniqueArray(choice, { minLength: 1, maxLength: 3, selector: (c) => (typeof c === 'string' ? c : c.code) }).map((choices) => {
    const aliases = freshNames('k', schema.keys(), choices.length);
    const keys = choices.map((c, i): Key => {
      if (typeof c === 'string') return { code: q(c), key: c, node: colNode(c) };
      const e = c.e.alias(aliases[i]!);
      return { code: `${c.code}.alias(${q(aliases[i]!)})`, key: e, node: e.node };
    });
    // Two keys with one output name would be a plan error, not a useful case.
    return keys.filter((k, i) => keys.findIndex((o) => refOutputName(o.node) === refOutputName(k.node)) === i);
  });
}

function groupByAggArb(schema: RefSchema): fc.Arbitrary<Verb> {
  return fc.tuple(groupKeyArb(schema), aggListArb(columnsByType(schema), schema.keys())).map(([keys, aggs]) =>
    verb(
      `.groupBy(${keys.map((k) => k.code).join(', ')}).agg(${aggs.map((a) => a.code).join(', ')})`,
      (lf) => lf.groupBy(...keys.map((k) => k.key)).agg(...aggs.map((a) => a.e)),
      (plan) => ({ kind: 'aggregate', input: plan, keys: keys.map((k) => k.node), aggs: aggs.map((a) => a.e.node) }),
      (df) => df.groupBy(...keys.map((k) => k.key)).agg(...aggs.map((a) => a.e)),
    ),
  );
}

function aggArb(schema: RefSchema): fc.Arbitrary<Verb> {
  return aggListArb(columnsByType(schema), schema.keys()).map((aggs) =>
    verb(
      `.agg(${aggs.map((a) => a.code).join(', ')})`,
      (lf) => lf.agg(...aggs.map((a) => a.e)),
      (plan) => ({ kind: 'aggregate', input: plan, keys: [], aggs: aggs.map((a) => a.e.node) }),
      (df) => df.agg(...aggs.map((a) => a.e)),
    ),
  );
}

function groupHeadArb(schema: RefSchema): fc.Arbitrary<Verb> {
  return fc.tuple(groupKeyArb(schema), fc.integer({ min: 0, max: 3 })).map(([keys, n]) =>
    verb(
      `.groupBy(${keys.map((k) => k.code).join(', ')}).head(${n})`,
      (lf) => lf.groupBy(...keys.map((k) => k.key)).head(n),
      (plan) => ({ kind: 'groupHead', input: plan, keys: keys.map((k) => k.node), n }),
      (df) => df.groupBy(...keys.map((k) => k.key)).head(n),
    ),
  );
}

function uniqueArb(schema: RefSchema): fc.Arbitrary<Verb> {
  return fc.option(fc.uniqueArray(fc.constantFrom(...names(schema)), { minLength: 1, maxLength: 2 })).map((subset) =>
    subset === null
      ? verb(
          '.unique()',
          (lf) => lf.unique(),
          (plan) => ({ kind: 'distinct', input: plan, subset: null }),
          (df) => df.unique(),
        )
      : verb(
          `.unique({ subset: ${JSON.stringify(subset)} })`,
          (lf) => lf.unique({ subset }),
          (plan) => ({ kind: 'distinct', input: plan, subset }),
          (df) => df.unique({ subset }),
        ),
  );
}

function renameArb(schema: RefSchema): fc.Arbitrary<Verb> {
  const all = names(schema);
  return fc.uniqueArray(fc.constantFrom(...all), { minLength: 1, maxLength: 2 }).map((from) => {
    const mapping = Object.fromEntries(from.map((n, i) => [n, `r${i}_${n}`]));
    return verb(
      `.rename(${JSON.stringify(mapping)})`,
      (lf) => lf.rename(mapping),
      (plan) => ({
        kind: 'project',
        input: plan,
        exprs: all.map((n): ExprNode => (n in mapping ? { kind: 'alias', arg: colNode(n), name: mapping[n]! } : colNode(n))),
      }),
    );
  });
}

function dropArb(schema: RefSchema): fc.Arbitrary<Verb> | null {
  const all = names(schema);
  if (all.length < 2) return null;
  return fc.uniqueArray(fc.constantFrom(...all), { minLength: 1, maxLength: all.length - 1 }).map((gone) =>
    verb(
      `.drop(${gone.map(q).join(', ')})`,
      (lf) => lf.drop(...gone),
      (plan) => ({ kind: 'project', input: plan, exprs: all.filter((n) => !gone.includes(n)).map(colNode) }),
    ),
  );
}

/** The verbs `kinds` allows, over a given input schema. */
export type VerbKind =
  | 'filter'
  | 'withColumns'
  | 'select'
  | 'sort'
  | 'limit'
  | 'groupByAgg'
  | 'agg'
  | 'groupHead'
  | 'unique'
  | 'rename'
  | 'drop';

export const ALL_VERBS: readonly VerbKind[] = [
  'filter',
  'withColumns',
  'select',
  'sort',
  'limit',
  'groupByAgg',
  'agg',
  'groupHead',
  'unique',
  'rename',
  'drop',
];

/** One random verb among `kinds` that fits `schema`. */
export function verbArb(schema: RefSchema, kinds: readonly VerbKind[] = ALL_VERBS): fc.Arbitrary<Verb> {
  const make: Record<VerbKind, () => fc.Arbitrary<Verb> | null> = {
    filter: () => filterArb(schema),
    withColumns: () => withColumnsArb(schema),
    select: () => selectArb(schema),
    sort: () => sortArb(schema),
    limit: () => limitArb(),
    groupByAgg: () => groupByAggArb(schema),
    agg: () => aggArb(schema),
    groupHead: () => groupHeadArb(schema),
    unique: () => uniqueArb(schema),
    rename: () => renameArb(schema),
    drop: () => dropArb(schema),
  };
  const options = kinds.map((k) => make[k]()).filter((a): a is fc.Arbitrary<Verb> => a !== null);
  return fc.oneof(...options);
}

/** A pipeline of 1 to `steps` verbs, each generated against the schema the previous ones leave. */
export function pipelineArb(schema: RefSchema, steps: number, kinds: readonly VerbKind[] = ALL_VERBS): fc.Arbitrary<Verb[]> {
  return verbArb(schema, kinds).chain((v) => {
    if (steps <= 1) return fc.constant<Verb[]>([v]);
    const next = schemaAfter(schema, v);
    return fc.oneof(
      fc.constant<Verb[]>([v]),
      pipelineArb(next, steps - 1, kinds).map((rest) => [v, ...rest]),
    );
  });
}

/** The input schema of the generated tables as a reference schema. */
export function refSchema(types: Readonly<Record<string, DataType>>): RefSchema {
  return new Map(Object.entries(types));
}
