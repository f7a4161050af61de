/** scanCsv: the schema is known at build time (as readCsv would infer it), and collect reads the file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { col } from '../../src/expr/index.js';
import { inferCsvSchema } from '../../src/io/csv/schema.js';
import { scanCsv } from '../../src/frame/scan.js';
import { CsvError } from '../../src/io/csv/errors.js';
import { readCsvInput as readCsv } from '../../src/io/csv/read.js';
import { ColumnNotFoundError } from '../../src/types/schema.js';

const dir = mkdtempSync(join(tmpdir(), 'volley-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const small = () => file('small.csv', 'id1,v1,v3\na,1,1.5\nb,2,\na,3,3.5\n');

describe('scanCsv', () => {
  it('knows the schema before collecting and type-checks verbs against it', () => {
    const lf = scanCsv(small());
    expect(lf.schema.toString()).toBe('{id1: Utf8, v1: Int32, v3: Float64}');
    expect(() => lf.select('nope')).toThrow(ColumnNotFoundError);
    expect(() => lf.select('nope')).toThrow(/known columns: "id1", "v1", "v3"/);
    expect(() => lf.groupBy('v1').agg(col('id1').sum())).toThrow(/cannot sum column "id1" of type Utf8/);
    expect(lf.plan).toMatchObject({ kind: 'scan', source: { type: 'csv', options: {} } });
  });

  it('passes options through to the reader', () => {
    const path = file('opts.csv', 'a;b\n1;x\n2;NA\n');
    const lf = scanCsv(path, { nullValues: 'NA', dtypes: { a: 'Float64' } });
    expect(lf.schema.toString()).toBe('{a: Float64, b: Utf8}');
    expect(lf.plan).toMatchObject({ source: { type: 'csv', path, options: { nullValues: 'NA' } } });
  });

  it('fails at once for a missing file', () => {
    expect(() => scanCsv(join(dir, 'missing.csv'))).toThrow(CsvError);
    expect(() => scanCsv(join(dir, 'missing.csv'))).toThrow(/file not found/);
  });

  it('collects through the optimizer: projection and predicate reach the scan', async () => {
    const lf = scanCsv(small()).filter(col('v1').gt(1)).select('id1', 'v3');
    expect(lf.explain()).toContain('SELECTION: (col("v1") > 1)');
    const out = await lf.collect({ threads: 1 });
    expect(out.toRecords()).toEqual([
      { id1: 'b', v3: null },
      { id1: 'a', v3: 3.5 },
    ]);
  });
});

describe('inferCsvSchema', () => {
  it('agrees with readCsv when the sample reaches past the first read', async () => {
    const rows = Array.from({ length: 120_000 }, (_, i) => `${i},k${i % 7},${i / 2}`);
    rows.push('not-a-number,k0,1.5');
    const path = file('big.csv', `n,k,f\n${rows.join('\n')}\n`);
    const all = inferCsvSchema(path, { inferSchemaLength: 0 });
    expect(all.toString()).toBe('{n: Utf8, k: Utf8, f: Float64}');
    expect(all.equals((await readCsv(path, { inferSchemaLength: 0 })).schema)).toBe(true);
    expect(inferCsvSchema(path, {}).toString()).toBe('{n: Int32, k: Utf8, f: Float64}');
  });

  it('handles a quoted field with newlines across the first cut', async () => {
    const head = Array.from({ length: 70_000 }, (_, i) => `${i},"short"`).join('\n');
    const spanning = `70000,"${'line\n'.repeat(100_000)}end"`;
    const path = file('quoted.csv', `a,b\n${head}\n${spanning}\n70001,"x"\n`);
    const schema = inferCsvSchema(path, { inferSchemaLength: 0 });
    expect(schema.equals((await readCsv(path, { inferSchemaLength: 0 })).schema)).toBe(true);
    expect(schema.toString()).toBe('{a: Int32, b: Utf8}');
  });
});
