/** Runs fast-check properties with one seed for the whole suite, so a failure can be replayed exactly. */
import fc from 'fast-check';

/**
 * The seed: `VOLLEY_FC_SEED` when set (to replay a reported failure or explore new cases), else
 * a fixed one so that CI runs the same cases every time.
 */
export const SEED = process.env.VOLLEY_FC_SEED !== undefined ? Number(process.env.VOLLEY_FC_SEED) : 20240917;

/** Multiplies every property's number of cases: `VOLLEY_FC_RUNS=10` explores ten times longer than CI does. */
export const RUNS_SCALE = process.env.VOLLEY_FC_RUNS !== undefined ? Math.max(1, Number(process.env.VOLLEY_FC_RUNS)) : 1;

/**
 * Asserts an async property over `numRuns` generated cases. On failure fast-check shrinks the case
 * (fewer rows, simpler expressions) and reports the smallest one with the seed and path to replay it.
 *
 * @example
 * await checkProperty(tableArb(), async (t) => { ... }, 20);
 */
export async function checkProperty<T>(arb: fc.Arbitrary<T>, check: (value: T) => Promise<void>, numRuns: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arb, async (value) => {
      await check(value);
    }),
    { numRuns: Math.round(numRuns * RUNS_SCALE), seed: SEED, endOnFailure: false, verbose: 0 },
  );
}
