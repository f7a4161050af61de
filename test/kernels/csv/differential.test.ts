/** Random CSVs parsed by parseCsvRange and by papaparse plus a direct conversion must agree value for value. */
import { describe, expect, it } from 'vitest';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import { checkChunks, decode, randomCsv, reference, rng, utf8 } from './helpers.js';

describe('parseCsvRange vs papaparse', () => {
  it('agrees on 3000 random files (delimiters, quotes, CRLF, embedded newlines, nulls, unicode)', () => {
    const rnd = rng(2024);
    for (let f = 0; f < 3000; f++) {
      const csv = randomCsv(rnd, { maxRows: 20, maxColumns: 7 });
      const bytes = utf8(csv.text);
      const result = parseCsvRange(bytes, 0, bytes.length, csv.spec);
      checkChunks(result, csv.spec.chunkSize);
      const expected = reference(csv.text, csv);
      expect(decode(result), `file ${f}: ${JSON.stringify(csv.text)} ${csv.kinds.join(',')}`).toEqual(expected);
      expect(result.rows).toBe(expected[0]?.length ?? result.rows);
      expect(result.end).toBe(bytes.length);
    }
  });

  it('agrees on a few large files', () => {
    const rnd = rng(99);
    for (let f = 0; f < 5; f++) {
      const csv = randomCsv(rnd, { maxRows: 5000, maxColumns: 8 });
      const bytes = utf8(csv.text);
      const spec = { ...csv.spec, chunkSize: 1000 };
      const result = parseCsvRange(bytes, 0, bytes.length, spec);
      checkChunks(result, spec.chunkSize);
      expect(decode(result)).toEqual(reference(csv.text, csv));
    }
  });
});
