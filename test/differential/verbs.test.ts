/** Every verb alone, then random pipelines of verbs, engine against reference in every configuration. */
import fc from 'fast-check';
import { afterAll, describe, it } from 'vitest';
import { shutdownPool } from '../../src/index.js';
import { tableArb, toFrame, MIXED_TYPES } from './data.js';
import { checkProperty } from './property.js';
import { checkEager, checkQuery } from './run.js';
import { ALL_VERBS, pipelineArb, refSchema, type VerbKind } from './verbs.js';

afterAll(async () => {
  await shutdownPool();
});

const input = refSchema(MIXED_TYPES);

describe('verbs: engine vs reference', () => {
  it.each(ALL_VERBS.map((k) => [k]))('%s', async (kind: VerbKind) => {
    await checkProperty(
      fc.tuple(tableArb(), pipelineArb(input, 1, [kind])),
      ([table, verbs]) => checkQuery({ frame: toFrame(table), verbs }),
      12,
    );
  });

  it('agrees through the eager DataFrame methods', async () => {
    const eager: VerbKind[] = ['filter', 'withColumns', 'select', 'sort', 'groupByAgg', 'agg', 'groupHead', 'unique'];
    await checkProperty(fc.tuple(tableArb(), pipelineArb(input, 1, eager)), ([table, [v]]) => checkEager(toFrame(table), v!), 40);
  });

  it('runs random pipelines of up to four verbs', async () => {
    await checkProperty(fc.tuple(tableArb(), pipelineArb(input, 4)), ([table, verbs]) => checkQuery({ frame: toFrame(table), verbs }), 80);
  });

  it('runs sorts followed by limits and per-group heads (top-n shapes)', async () => {
    await checkProperty(
      fc
        .tuple(
          tableArb(),
          pipelineArb(input, 1, ['filter', 'sort']),
          pipelineArb(input, 1, ['sort']),
          pipelineArb(input, 1, ['limit', 'groupHead']),
        )
        .map(([t, a, b, c]) => [t, [...a, ...b, ...c]] as const),
      ([table, verbs]) => checkQuery({ frame: toFrame(table), verbs }),
      25,
    );
  });
});
