/** The join's size thresholds as tests lower them, so small tables take every join path. */
import type * as Tuning from '../../kernels/tuning.js';

/**
 * The thresholds a test sets per run (-1: the real value): `small` for JOIN_SMALL_ROWS (at most
 * this many rows on both sides together join on the calling thread), `partition` for
 * JOIN_PARTITION_ROWS (a build side past it is built in hash partitions by tasks), `direct` for
 * DIRECT_JOIN_LIMIT (most slots of a direct table built on the calling thread) and `slots` for
 * SLOT_JOIN_LIMIT (most slots of a slot table; 0: none is built).
 */
export const joinKnobs = { small: -1, partition: -1, direct: -1, slots: -1 };

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
    get DIRECT_JOIN_LIMIT() {
      return joinKnobs.direct < 0 ? real.DIRECT_JOIN_LIMIT : joinKnobs.direct;
    },
    get SLOT_JOIN_LIMIT() {
      return joinKnobs.slots < 0 ? real.SLOT_JOIN_LIMIT : joinKnobs.slots;
    },
  };
}

/**
 * Sets every knob at once: those not named go back to their real values.
 *
 * @example
 * setJoinKnobs({ small: 0, partition: 0 }); // tasks, partitioned builds
 * setJoinKnobs({}); // the real thresholds again
 */
export function setJoinKnobs(k: Partial<typeof joinKnobs>): void {
  joinKnobs.small = k.small ?? -1;
  joinKnobs.partition = k.partition ?? -1;
  joinKnobs.direct = k.direct ?? -1;
  joinKnobs.slots = k.slots ?? -1;
}
