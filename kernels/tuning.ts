/**
 * Every tuning knob in one place: sizes, thresholds and look-aheads that change speed or memory,
 * never answers. It sits in kernels/ (the bottom of the import direction) so every layer, the
 * worker included, may import it. Each knob says why it has its value, measured where it was.
 */

// ---- chunks and morsels ------------------------------------------------------------------------

/**
 * Rows per stored chunk unless a caller asks otherwise, and the default morsel. Independent of
 * the thread count, so results never depend on it; at 64K rows the 1e7-row H2O frame gives ~150
 * morsels, dozens per core (the design's range is 64K-128K rows).
 */
export const DEFAULT_CHUNK_SIZE = 65_536;

/** Output rows per gathered chunk: the stored chunk size, so gathered frames look like read ones. */
export const OUTPUT_CHUNK = DEFAULT_CHUNK_SIZE;

// ---- handing out tasks --------------------------------------------------------------------------

/** Tasks in flight per worker in the scheduler: enough to hide message latency, few enough to stop fast on abort or an early stop. */
export const IN_FLIGHT_PER_THREAD = 3;

/** Tasks a task stream (a CSV scan) starts ahead of its consumer, per thread: every worker busy, memory bounded by a few ranges. */
export const AHEAD_PER_THREAD = 2;

/**
 * Range tasks started ahead of the consumer, per thread, when every frame is kept anyway: the
 * consumer stalls now and then (a thread's first range brings every value of a high-cardinality
 * column to unify, 50-80 ms on the 1e7-row H2O file), and with AHEAD_PER_THREAD the workers sat
 * idle behind it (70-220 ms per worker per read, traced).
 */
export const KEEP_AHEAD_PER_THREAD = 8;

/**
 * A guided batch takes this share of the morsels left, per thread: a worker's first batch is a
 * large run and the last ones are single morsels, so the workers finish close together. On the
 * 1e7-row H2O frame (~180 morsels, 2 threads) keeping q8's marked rows sent a task per morsel,
 * each a round trip of ~0.1 ms for ~0.05 ms of work.
 */
export const GUIDED_SHARE_PER_THREAD = 2;

/** Morsels per guided batch at most: a worker is busy with its batch until the end, even when the query is aborted. */
export const GUIDED_MAX_BATCH = 16;

/** Chunks per bounds task (min/max of Int32 chunks): a pass over one chunk is short next to a message round trip (not re-measured). */
export const BOUNDS_CHUNKS_PER_TASK = 16;

// ---- the event loop -----------------------------------------------------------------------------

/**
 * With one thread (tasks on the calling thread), a turn of the event loop at least this often, so
 * timers and abort signals get through while a query runs (a chosen bound, not a measured one).
 */
export const YIELD_EVERY_MS = 25;

/** The longest stretch of dense-tree merging on the calling thread between two turns of the event loop. */
export const TREE_YIELD_EVERY_MS = 5;

/** Slots the calling thread merges between two looks at the clock, at most. */
export const TREE_RANGE = 1 << 15;

// ---- aggregation --------------------------------------------------------------------------------

/** Packed keys of at most this many bits aggregate densely (states indexed by key slot); wider keys go through the hash table. */
export const DENSE_BITS = 20;

/**
 * Dense tasks per query: 24 for small keys, 8 when states are large (every task allocates one
 * state per slot, LARGE_KEY_SLOTS or more), fewer when there are not ROWS_PER_SLOT rows per
 * slot. Counts divisible by 2, 4 and 8 keep threads evenly loaded; they depend on the data only,
 * never on the thread count, so results stay reproducible.
 */
export const TASKS_SMALL_KEY = 24;
export const TASKS_LARGE_KEY = 8;
export const LARGE_KEY_SLOTS = 1 << 14;
export const ROWS_PER_SLOT = 2;

/** Rows one batch of dense tasks covers, at most about: a batch is one message each way per worker. */
export const DENSE_BATCH_ROWS = 8 << 20;

/** Slots per dense merge range, at least: smaller ranges cost more in messages than they merge. */
export const MIN_MERGE_RANGE = 4096;

/**
 * Merges up to this weight (groups plus gathered values) run on the calling thread: below it,
 * handing the merge to the pool costs more than it saves. Dense merges are straight passes over
 * slot arrays, so they stay cheap (a few ms) up to a larger weight than hash merges.
 */
export const SMALL_MERGE = 1 << 16;
export const SMALL_DENSE_MERGE = 1 << 19;

/** Partial state (groups plus gathered values) a streaming aggregation lets pile up before it compacts its partials into one. */
export const COMPACT_WEIGHT = 1 << 16;

/**
 * How many times the compacted state's weight the partials of later batches may reach before a
 * streaming aggregation compacts again: each compaction passes over the whole state, so with a
 * factor of 1 a state of 1e5 groups was merged again after every range.
 */
export const COMPACT_GROWTH = 8;

/**
 * A streaming aggregation with the default morsel size aggregates each batch (a parsed range) as
 * one morsel once the first batch's per-morsel partials weigh less than this share of its rows:
 * keys repeat within a range, so one partial per range holds far fewer groups than one per
 * morsel, and there is less to compact (1e7-row H2O file, two threads: q3 and q5, 1e5 groups,
 * 22-38% faster and 25-30% less memory). Near-unique keys keep the morsels, where one table per
 * range only grew out of cache (q10: 25% slower).
 */
export const STREAMING_WHOLE_BATCH = 0.9;

/**
 * Bytes of spare dense partials one thread keeps between queries, at most: reusing a spent
 * partial instead of mapping fresh pages that two threads then fault in one at a time took q3
 * at two threads from 63-65 ms to 55-59 ms; 32 MB holds q3's partials at 1e7 rows.
 */
export const SPARE_PARTIAL_BYTES = 32 << 20;

// ---- sorting ------------------------------------------------------------------------------------

/** Rows merged by one sort task; larger merges are cut into slices that merge in parallel. */
export const SMALL_SORT = 1 << 17;

/** Samples per run and slice when cutting sorted runs: enough for even slices, few enough to sort in a blink. */
export const SORT_OVERSAMPLE = 8;

// ---- joins -------------------------------------------------------------------------------------

/**
 * A join whose two sides hold at most this many rows together runs on the calling thread:
 * below it, a pool round (morsel descriptors out, output chunks back) costs more than the join.
 * Measured on int keys (2-core machine under load, medians of 15): 16K-64K rows in all joined in
 * 0.75-1.5 ms here and in 9.4-10.4 ms as tasks on a 2-thread pool; such a probe side is one
 * default morsel, so the pool cannot split it anyway.
 */
export const JOIN_SMALL_ROWS = 1 << 16;

/**
 * A build side with more rows than this is built in hash partitions by several tasks (keys
 * encoded per morsel, then each partition built in shared memory); a smaller one is built in one
 * pass on the calling thread, which is faster than a round of tasks.
 */
export const JOIN_PARTITION_ROWS = 1 << 18;

/** Partition bits of a partitioned build: 16 partitions, enough for the build tasks to balance over a few threads. */
export const JOIN_PARTITION_BITS = 4;

/** Most slots a direct join table may take: 2^20 offsets are 4 MiB, about what a small hash table costs anyway. */
export const DIRECT_JOIN_LIMIT = 1 << 20;

/**
 * A large build side keyed by one packed word of at most this many values, with no repeated key,
 * is stored by key slot (`kernels/join/slots.ts`): 2^26 slots of q5's 8-word rows are 2 GiB, the
 * most a table may take over its rows' own size under SLOT_JOIN_DENSITY.
 */
export const SLOT_JOIN_LIMIT = 1 << 26;

/**
 * Most slots per build row of a slot table: past it the table is mostly empty rows, and a hash
 * table of the rows themselves is smaller. The H2O big table's id3 (1e7 distinct keys out of
 * 1.1e7) takes 1.1.
 */
export const SLOT_JOIN_DENSITY = 2;

/** Most Int32 words a slot table may take (4 GiB): beyond it (wide rows over many slots) the join builds a hash table. */
export const SLOT_TABLE_MAX_WORDS = 1 << 30;

/**
 * Bytes of a finished join's build table kept for the next join's build to refill (key words,
 * hashes, slots, CSR: about 40 bytes per build row). Fresh shared pages cost a fault each on
 * first write (about 0.5 ms per MB here), and a partitioned build's pages came back fresh on
 * every join at two threads. 768 MiB holds the whole table of a 1e7-row build side: with 256 MiB
 * the build tasks' own segments did not fit, and q5's build at 1e7 rows took 790-850 ms on every
 * other run at two threads instead of 410-450 ms.
 */
export const JOIN_SPARE_BYTES = 3 << 28;

// ---- CSV strings -------------------------------------------------------------------------------

/**
 * readCsv stores a Utf8 column plain (every row's value an entry of its own, no dictionary
 * lookup while parsing; see Dictionary.plain) when, among the first PLAIN_SAMPLE_ROWS records of
 * its sample, at least PLAIN_MIN_VALUES values are non-null and at least PLAIN_DISTINCT_SHARE of
 * them are distinct (only columns that already look so among the schema inference's records are
 * counted; see plainSlots). The H2O join table's id6 (every value distinct) spent 3.5 s of each
 * 1e7-row read filling a 512 MB hash table, a cache miss per row, and about as long again on the
 * calling thread unifying the threads' dictionaries; plain, its read is a copy of bytes. A key of
 * bounded cardinality stays a dictionary: the groupby table's id3 at 1e7 rows (100,000 values) is
 * expected 92% distinct over 16,384 records; at 1e6 rows (10,000 values) it shows 95% among the
 * first thousand records, as the join table's id5 does at 1e7 rows, so neither is even counted.
 */
export const PLAIN_SAMPLE_ROWS = 16_384;
export const PLAIN_MIN_VALUES = 4_096;
export const PLAIN_DISTINCT_SHARE = 0.97;

// ---- shared memory ------------------------------------------------------------------------------

/**
 * Shared memory received from workers is reported to the calling thread's heap in steps of this
 * many bytes (see reportSharedMemory): above glibc's largest mmap threshold (32 MiB), so the
 * report's allocation is always a fresh mapping that is never written, and few enough reports
 * that each costs well under a millisecond.
 */
export const HEAP_REPORT_BYTES = 64 << 20;

/**
 * A lent shared segment may be larger than asked by this fraction (1/2^SEGMENT_SLACK_SHIFT =
 * 1/8): ranges of one file hold about the same rows, so their chunks differ by a few percent,
 * and a bound on the slack keeps a large segment from being spent on a small array.
 */
export const SEGMENT_SLACK_SHIFT = 3;

/** Below this many bytes an allocation does not look for a lent segment: tiny arrays are cheap to map. */
export const MIN_SEGMENT_REUSE_BYTES = 4096;

/** Segments a streaming scan holds for its next range task at most: a few batches' worth of chunks and bitmaps. */
export const MAX_HELD_SEGMENTS = 1024;
