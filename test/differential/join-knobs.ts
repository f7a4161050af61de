/** The join's size thresholds as tests lower them, so small tables take every join path. */
import type * as Tuning from '../../kernels/tuning.js';

/**
 * The thresholds a test sets per run (-1: the real value): `small` for JOIN_SMALL_ROWS (at most
 * this many rows on both sides together join on the calling thread), `partition` for
 * JOIN_PARTITION_ROWS (a build side past it is built in hash partitions by tasks).
 */
export const joinKnobs = { small: -1, partition: -1 };

/**
 * The tuning module with its join thresholds read through {@link joinKnobs}; for `vi.mock`.
 *
 * @example
 * vi.mock('../../kernels/tuning.js', async (load) => (await import('./join-knobs.js')).withJoinKnobs(await load()));
 */
export function withJoinKnobs(real: typeof Tuning): typeof Tuning {
  return {
    ...real,
    get JOIN_SMALL_ROWS() {
      return joinKnobs.small < 0 ? real.JOIN_SMALL_ROWS : joinKnobs.small;
    },
    get JOIN_PARTITION_ROWS() {
      return joinKnobs.partition < 0 ? real.JOIN_PARTITION_ROWS : joinKnobs.partition;
    },
  };
}
