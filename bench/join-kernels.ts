/** Micro-benchmark of the join kernels on one thread: build + probe of int keys against a Map join and a plain typed-array join. */
import { isEntryScript } from '../datasets/entry.js';
import { parseArgs } from 'node:util';
import { makeKeyLayout } from '../kernels/hash/keys.js';
import { buildJoinTable, directSlots, probeJoin, type JoinKeys } from '../kernels/join/index.js';
import { parseScriptArgs, wholeOption } from '../datasets/script-args.js';

/** Inner-join pairs as every contender returns them. */
interface Pairs {
  length: number;
  probe: Int32Array;
  build: Int32Array;
}

type Join = (build: Int32Array, probe: Int32Array) => Pairs;

/**
 * The baseline most JS code would write: a Map from key to its first build row and a `next`
 * chain through the rest, two probe passes so the output is preallocated like the kernel's.
 *
 * @example
 * mapJoin(Int32Array.of(1, 2), Int32Array.of(2)).length; // 1
 */
export function mapJoin(build: Int32Array, probe: Int32Array): Pairs {
  const head = new Map<number, number>();
  const next = new Int32Array(build.length);
  // backwards, so each chain runs in ascending build row order
  for (let r = build.length - 1; r >= 0; r--) {
    const k = build[r]!;
    next[r] = head.get(k) ?? -1;
    head.set(k, r);
  }
  let total = 0;
  const first = new Int32Array(probe.length);
  for (let i = 0; i < probe.length; i++) {
    let r = head.get(probe[i]!) ?? -1;
    first[i] = r;
    for (; r >= 0; r = next[r]!) total++;
  }
  return chainPairs(first, next, total);
}

/**
 * A plain typed-array hash join: open addressing on the key with a multiplicative hash, head
 * and `next` chains, the same two probe passes.
 *
 * @example
 * typedJoin(Int32Array.of(1, 2), Int32Array.of(2)).length; // 1
 */
export function typedJoin(build: Int32Array, probe: Int32Array): Pairs {
  let size = 16;
  while (size < build.length * 2) size <<= 1;
  const mask = size - 1;
  const shift = 32 - Math.log2(size);
  const keys = new Int32Array(size);
  const heads = new Int32Array(size).fill(-1);
  const next = new Int32Array(build.length);
  for (let r = build.length - 1; r >= 0; r--) {
    const k = build[r]!;
    let s = Math.imul(k, 0x9e3779b1) >>> shift;
    while (heads[s] !== -1 && keys[s] !== k) s = (s + 1) & mask;
    keys[s] = k;
    next[r] = heads[s]!;
    heads[s] = r;
  }
  const first = new Int32Array(probe.length);
  let total = 0;
  for (let i = 0; i < probe.length; i++) {
    const k = probe[i]!;
    let s = Math.imul(k, 0x9e3779b1) >>> shift;
    let r = -1;
    for (;;) {
      const h = heads[s]!;
      if (h === -1) break;
      if (keys[s] === k) {
        r = h;
        break;
      }
      s = (s + 1) & mask;
    }
    first[i] = r;
    for (; r >= 0; r = next[r]!) total++;
  }
  return chainPairs(first, next, total);
}

/** The pairs of a chained table's second probe pass: each probe row's chain from `first`, in order, into arrays of `total`. */
function chainPairs(first: Int32Array, next: Int32Array, total: number): Pairs {
  const p = new Int32Array(total);
  const b = new Int32Array(total);
  let o = 0;
  for (let i = 0; i < first.length; i++) {
    for (let r = first[i]!; r >= 0; r = next[r]!) {
      p[o] = i;
      b[o++] = r;
    }
  }
  return { length: total, probe: p, build: b };
}

function keysOf(words: Int32Array): JoinKeys {
  return { words, width: 1, length: words.length, valid: null };
}

/** The kernel with the variant `kind` (single hash table, 16 hash partitions, direct index). */
function kernelJoin(kind: 'hash' | 'partitioned' | 'direct', range: number): Join {
  const slots = directSlots(makeKeyLayout(['i32'], [false], [[0, range - 1]]));
  return (build, probe) => {
    const table = buildJoinTable(
      keysOf(build),
      kind === 'direct' ? { directSlots: slots } : { partitionBits: kind === 'partitioned' ? 4 : 0 },
    );
    return probeJoin(table, keysOf(probe), 'inner');
  };
}

/** Seeded uniform ints (xorshift32), so every run joins the same data. */
function randomKeys(n: number, range: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  let s = seed | 0 || 1;
  for (let i = 0; i < n; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    out[i] = Math.floor(((s >>> 0) / 4294967296) * range);
  }
  return out;
}

/** Build keys: each of `n` keys once when distinct, in shuffled order (as the H2O join's right tables). */
function distinctKeys(n: number, seed: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  let s = seed | 0 || 1;
  for (let i = n - 1; i > 0; i--) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    const j = Math.floor(((s >>> 0) / 4294967296) * (i + 1));
    const t = out[i]!;
    out[i] = out[j]!;
    out[j] = t;
  }
  return out;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A checksum of the pairs, so every contender is seen to produce the same join. */
function checksum(p: Pairs): number {
  let h = p.length | 0;
  for (let j = 0; j < p.length; j++) h = (Math.imul(h, 31) + p.probe[j]! * 7 + p.build[j]!) | 0;
  return h;
}

const USAGE = `usage: node dist/bench/join-kernels.js [--rows 1e7] [--build 1e4,1e7] [--runs 5]

  --rows   probe rows (default 1e7)
  --build  build-side row counts, one table each (default 1e4,1e7)
  --runs   timed runs per contender (default 5)
`;

function readOptions(argv: string[]): { rows: number; builds: number[]; runs: number } {
  const { values } = parseArgs({
    args: argv,
    options: { rows: { type: 'string' }, build: { type: 'string' }, runs: { type: 'string' } },
  });
  return {
    rows: wholeOption('rows', values.rows ?? '1e7'),
    builds: (values.build ?? '1e4,1e7').split(',').map((b) => wholeOption('build', b)),
    runs: wholeOption('runs', values.runs ?? '5'),
  };
}

async function main(): Promise<void> {
  const { rows, builds, runs } = parseScriptArgs('join-kernels', USAGE, readOptions);
  console.log(
    `join kernels, one thread: ${rows.toLocaleString('en-US')} probe rows, int keys, inner join; median of ${runs} runs (ms, build + probe)`,
  );
  for (const nb of builds) {
    // probe keys over 1.1x the build keys: about 90% of probe rows match, as in the H2O join
    const range = Math.max(1, Math.round(nb * 1.1));
    const build = distinctKeys(nb, 7);
    const probe = randomKeys(rows, range, 11);
    const contenders: [string, Join][] = [
      ['Map + next chain', mapJoin],
      ['typed-array chains', typedJoin],
      ['kernel: hash', kernelJoin('hash', range)],
      ['kernel: 16 partitions', kernelJoin('partitioned', range)],
    ];
    if (directSlots(makeKeyLayout(['i32'], [false], [[0, range - 1]])) > 0)
      contenders.push(['kernel: direct index', kernelJoin('direct', range)]);
    console.log(`\nbuild ${nb.toLocaleString('en-US')} rows`);
    let expected: number | null = null;
    for (const [name, join] of contenders) {
      const times: number[] = [];
      let pairs = 0;
      for (let r = 0; r < runs; r++) {
        const t0 = performance.now();
        const out = join(build, probe);
        times.push(performance.now() - t0);
        pairs = out.length;
        if (r === 0) {
          const sum = checksum(out);
          if (expected === null) expected = sum;
          else if (sum !== expected) throw new Error(`${name} gives other pairs than the first contender`);
        }
      }
      console.log(`  ${name.padEnd(24)} ${median(times).toFixed(1).padStart(9)} ms   ${pairs.toLocaleString('en-US')} pairs`);
    }
  }
}

if (isEntryScript(import.meta.url)) await main();
