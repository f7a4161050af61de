/** Queries over `scanCsv` (predicates, projections and limits pushed into the scan) against the reference, on random tables written to CSV. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { readCsv, readCsvString, scanCsv, shutdownPool, type CsvReadOptions, type DataFrame } from '../../src/index.js';
import type { DataType } from '../../src/types/dtype.js';
import type { Scalar } from '../../src/table/scalar.js';
import { diffRows } from './compare.js';
import { tableArb, type Table } from './data.js';
import { checkProperty } from './property.js';
import { checkQuery } from './run.js';
import { pipelineArb, refSchema } from './verbs.js';

/** The columns written to CSV: the mixed table's, less the float column with NaN and infinities. */
const CSV_TYPES: Readonly<Record<string, DataType>> = {
  i: 'Int32',
  k: 'Int32',
  big: 'Int64',
  g: 'Float64',
  b: 'Boolean',
  s: 'Utf8',
  d: 'Date',
  t: 'Timestamp',
};
const OPTIONS: CsvReadOptions = { dtypes: { ...CSV_TYPES } };

const dir = mkdtempSync(join(tmpdir(), 'volley-diff-csv-'));
let files = 0;

afterAll(async () => {
  await shutdownPool();
  rmSync(dir, { recursive: true, force: true });
});

/** A CSV field: empty for null (an empty string would read back as null too, so it is written as "-"). */
function field(v: Scalar, dtype: DataType): string {
  if (v === null) return '';
  if (v instanceof Date) return dtype === 'Date' ? v.toISOString().slice(0, 10) : v.toISOString();
  if (typeof v === 'string') return v === '' ? '-' : v;
  return String(v);
}

function writeTable(table: Table): { path: string; rows: Record<string, Scalar>[] } {
  const names = Object.keys(CSV_TYPES);
  const rows = table.rows.map((r) => Object.fromEntries(names.map((n) => [n, n === 's' && r[n] === '' ? '-' : (r[n] ?? null)])));
  const lines = [names.join(','), ...rows.map((r) => names.map((n) => field(r[n] ?? null, CSV_TYPES[n]!)).join(','))];
  const path = join(dir, `t${files++}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, rows };
}

describe('scanCsv: engine vs reference', () => {
  it('reads back what was written, so the reference and the engine start from the same rows', async () => {
    await checkProperty(
      tableArb(40),
      async (table) => {
        const { path, rows } = writeTable(table);
        const frame = await readCsv(path, OPTIONS);
        const names = Object.keys(CSV_TYPES);
        const dtypes = names.map((n) => CSV_TYPES[n]!);
        expect(
          diffRows(
            { names: frame.schema.names, dtypes: frame.schema.fields.map((f) => f.dtype), rows: frame.toRecords() },
            { names, dtypes, rows },
          ),
        ).toBeNull();
      },
      20,
    );
  });

  it('reads the same frame from every input kind (text, Buffer, Node Readable, web ReadableStream) at threads 1 and 2', async () => {
    const rows = (f: DataFrame) => ({
      fields: f.schema.fields,
      rows: f.toRecords(),
      dictionaries: f.getColumns().map((c) => c.dictionary?.values ?? null),
    });
    await checkProperty(
      tableArb(40),
      async (table) => {
        const { path } = writeTable(table);
        const bytes = readFileSync(path);
        const half = bytes.length >> 1;
        const expected = rows(await readCsv(path, OPTIONS));
        for (const threads of [1, 2]) {
          const o = { ...OPTIONS, threads, rangeSize: 97 };
          const reads: Promise<DataFrame>[] = [
            readCsv(path, o),
            readCsvString(bytes.toString('utf8'), o),
            readCsv(bytes, o),
            readCsv(Readable.from([bytes.subarray(0, half), bytes.subarray(half)]), o),
            readCsv(new Blob([bytes]).stream(), o),
          ];
          for (const read of reads) expect(rows(await read)).toEqual(expected);
        }
      },
      20,
    );
  });

  it('runs random pipelines over a CSV scan', async () => {
    await checkProperty(
      fc.tuple(tableArb(), pipelineArb(refSchema(CSV_TYPES), 3)),
      async ([table, verbs]) => {
        const { path } = writeTable(table);
        const frame = await readCsv(path, OPTIONS);
        await checkQuery({
          frame,
          verbs,
          start: scanCsv(path, OPTIONS),
          startCode: `scanCsv(${JSON.stringify(path)}, ${JSON.stringify(OPTIONS)})`,
          csv: new Map([[path, frame]]),
        });
      },
      40,
    );
  });
});
