/** Finds each probe row's key id in a join table (-1 when its key is null or absent): the one step that differs per table variant. */
import { KernelInvariantError } from '../errors.js';
import { partitionOf } from './build-partitioned.js';
import { hashJoinKeys, type JoinKeys } from './keys.js';
import { slotOfWord, type DirectJoinTable, type HashJoinTable, type JoinTable, type PartitionedJoinTable } from './table.js';

/**
 * Key id per probe row, or -1 where the row's key is null or not on the build side. `hashes`
 * (from `hashJoinKeys`) are computed when not given; a direct table needs none. With `positions`,
 * a unique partitioned table gives each hit's index into `rows` instead (its key's one row sits
 * at the partition's first row plus the key's id there), which saves the probe a random read of
 * `offsets` per hit. `out` (probe.length, any contents: every element is written) saves the allocation.
 *
 * @example
 * const ids = lookupKeys(table, probeKeys); // Int32Array, one key id per probe row
 */
export function lookupKeys(
  table: JoinTable,
  probe: JoinKeys,
  hashes?: Int32Array,
  positions = false,
  out: Int32Array = new Int32Array(probe.length),
): Int32Array {
  if (table.kind === 'direct') return lookupDirect(table, probe, out);
  const width = table.kind === 'hash' ? table.width : table.parts[0]!.width;
  // equal keys need equal layouts: a width mismatch means the sides were encoded differently
  if (probe.width !== width) throw new KernelInvariantError(`probe keys have ${probe.width} words per row, the build side ${width}`);
  // one-word keys take their slot from the word: no hash pass, no array per morsel
  if (table.kind === 'hash') return lookupHashed(table, probe, width === 1 ? null : (hashes ?? hashJoinKeys(probe)), out);
  return lookupPartitioned(table, probe, hashes ?? hashJoinKeys(probe), positions && table.unique, out);
}

function lookupDirect(t: DirectJoinTable, probe: JoinKeys, out: Int32Array): Int32Array {
  const n = probe.length;
  const words = probe.words;
  const valid = probe.valid;
  const offsets = t.offsets;
  const slots = t.keyCount;
  for (let i = 0; i < n; i++) {
    const w = words[i]!;
    // unsigned compare: negative words (other bounds, stray values) are out of range too
    out[i] = (valid === null || valid[i] !== 0) && w >>> 0 < slots && offsets[w + 1]! > offsets[w]! ? w : -1;
  }
  return out;
}

function lookupHashed(t: HashJoinTable, probe: JoinKeys, hashes: Int32Array | null, out: Int32Array): Int32Array {
  const n = probe.length;
  const valid = probe.valid;
  if (t.width === 1) {
    const words = probe.words;
    const slots = t.slots;
    const mask = t.mask;
    const shift = t.shift;
    for (let i = 0; i < n; i++) {
      if (valid !== null && valid[i] === 0) {
        out[i] = -1;
        continue;
      }
      const w = words[i]!;
      let s = slotOfWord(w, shift);
      let id = -1;
      for (;;) {
        const c = slots[2 * s]!;
        if (c === 0) break;
        if (slots[2 * s + 1] === w) {
          id = c - 1;
          break;
        }
        s = (s + 1) & mask;
      }
      out[i] = id;
    }
    return out;
  }
  const h = hashes!;
  for (let i = 0; i < n; i++) out[i] = valid !== null && valid[i] === 0 ? -1 : findWide(t, probe.words, i * t.width, h[i]!);
  return out;
}

function lookupPartitioned(t: PartitionedJoinTable, probe: JoinKeys, hashes: Int32Array, positions: boolean, out: Int32Array): Int32Array {
  const n = probe.length;
  const valid = probe.valid;
  const W = probe.width;
  for (let i = 0; i < n; i++) {
    if (valid !== null && valid[i] === 0) {
      out[i] = -1;
      continue;
    }
    const h = hashes[i]!;
    const p = partitionOf(h, t.bits);
    const part = t.parts[p]!;
    const id = W === 1 ? findWord(part, probe.words[i]!) : findWide(part, probe.words, i * W, h);
    // partition p's key ids start at keyBase[p] and its rows at keyBase[p] - p
    out[i] = id < 0 ? -1 : t.keyBase[p]! + id - (positions ? p : 0);
  }
  return out;
}

function findWord(t: HashJoinTable, w: number): number {
  const slots = t.slots;
  const mask = t.mask;
  let s = slotOfWord(w, t.shift);
  for (;;) {
    const c = slots[2 * s]!;
    if (c === 0) return -1;
    if (slots[2 * s + 1] === w) return c - 1;
    s = (s + 1) & mask;
  }
}

/** Key id of the words at `at` (any width), comparing hashes first and the words only on a hash match. */
function findWide(t: HashJoinTable, words: Int32Array, at: number, h: number): number {
  const W = t.width;
  const slots = t.slots;
  const mask = t.mask;
  const own = t.words;
  let s = h & mask;
  for (;;) {
    const c = slots[2 * s]!;
    if (c === 0) return -1;
    const id = c - 1;
    if (slots[2 * s + 1] === h) {
      const base = t.firstRow[id]! * W;
      let w = 0;
      while (w < W && own[base + w] === words[at + w]) w++;
      if (w === W) return id;
    }
    s = (s + 1) & mask;
  }
}
