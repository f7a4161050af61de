/** Dictionary unification: ranges parsed by several threads, each keeping its own dictionaries, give the single-parse dictionary. */
import { describe, expect, it } from 'vitest';
import { ByteDictionary } from '../../../../kernels/csv/dictionary.js';
import { recordRanges } from '../../../../kernels/csv/boundaries.js';
import { parseCsvRange } from '../../../../kernels/csv/parse.js';
import type { CsvParseSpec } from '../../../../kernels/csv/spec.js';
import { RangeFrames } from '../../../../src/io/csv/parallel/assemble.js';
import { int, pick, rng, utf8 } from '../../../kernels/csv/helpers.js';

const spec: CsvParseSpec = {
  dialect: { delimiter: 44, quote: 34, comment: null },
  columns: [{ kind: 'utf8' }, { kind: 'int32' }, { kind: 'utf8', nullValues: [utf8('NA')] }],
  chunkSize: 4,
  dictionaries: 'bytes',
};
const shapes = [
  { name: 'a', dtype: 'Utf8' as const },
  { name: 'n', dtype: 'Int32' as const },
  { name: 'b', dtype: 'Utf8' as const },
];

/** A random three-column file and the ranges a reader would cut it into. */
function randomFile(rnd: () => number) {
  const words = ['x', 'y', 'zz', 'é', '日本', 'NA', 'long-value-that-spills-out-of-a-slot', ''];
  const rows = Array.from({ length: int(rnd, 0, 60) }, (_, i) => `${pick(rnd, words)}${int(rnd, 0, 9)},${i},${pick(rnd, words)}`);
  const bytes = utf8(rows.join('\n'));
  const starts = [0, ...Array.from({ length: int(rnd, 0, 12) }, () => int(rnd, 0, bytes.length))].sort((x, y) => x - y);
  return { bytes, ranges: recordRanges(bytes, starts, spec.dialect) };
}

describe('RangeFrames with thread dictionaries', () => {
  it('equals one parse of the whole file, for any assignment of ranges to threads', async () => {
    const rnd = rng(8);
    for (let f = 0; f < 300; f++) {
      const { bytes, ranges } = randomFile(rnd);
      const whole = parseCsvRange(bytes, 0, bytes.length, { ...spec, dictionaries: 'strings' });
      const expected = await new RangeFrames(shapes).add(whole.columns);
      const threads = int(rnd, 1, 4);
      const dicts = Array.from({ length: threads }, () => spec.columns.map((c) => (c.kind === 'utf8' ? new ByteDictionary() : null)));
      const frames = new RangeFrames(shapes);
      const parts = [];
      for (const r of ranges) {
        // any thread may parse a range; each thread meets its ranges in file order, as workers do
        const t = int(rnd, 0, threads - 1);
        const out = parseCsvRange(bytes.subarray(0, r.end), r.start, r.end, spec, dicts[t]);
        parts.push(await frames.add(out.columns, `thread-${t}`));
      }
      const got = frames.concat(parts);
      expect(got.toColumns(), `file ${f}`).toEqual(expected.toColumns());
      expect(got.getColumns().map((c) => c.dictionary?.values ?? null)).toEqual(
        expected.getColumns().map((c) => c.dictionary?.values ?? null),
      );
    }
  });

  it('with one thread the codes already agree and are left as they are', async () => {
    const bytes = utf8('p,1,q\nr,2,p\np,3,s\n');
    const dicts = spec.columns.map((c) => (c.kind === 'utf8' ? new ByteDictionary() : null));
    const frames = new RangeFrames(shapes);
    const first = parseCsvRange(bytes, 0, 6, spec, dicts);
    const second = parseCsvRange(bytes, 6, bytes.length, spec, dicts);
    const codes = Array.from(second.columns[0]!.chunks[0]!.values as Int32Array);
    await frames.add(first.columns, 'main');
    await frames.add(second.columns, 'main');
    expect(Array.from(second.columns[0]!.chunks[0]!.values as Int32Array)).toEqual(codes);
    expect(second.columns[0]!.encoded).toMatchObject({ base: 1 });
    expect(frames.dictionaries[0]!.values).toEqual(['p', 'r']);
  });
});
