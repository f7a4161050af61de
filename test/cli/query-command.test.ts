/** `volley query`: answers printed for small and real CSV files, plans with --explain, and clear errors with exit code 1. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { runQuery } from '../../cli/query/command.js';
import { parseQueryArgs } from '../../cli/query/options.js';
import { realWorldCsv } from '../../datasets/real-world.js';
import { shutdownPool, type ScanProgress } from '../../src/index.js';
import { withoutProgress } from './progress-lines.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const basic = join(root, 'test', 'fixtures', 'csv', 'basic.csv');
const airports = realWorldCsv('airports');

/** Runs the command in-process and returns its exit code and what it wrote, the timing blanked out. */
async function query(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runQuery(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out: out.replace(/ in \d+\.\d ms /, ' in X ms '), err };
}

afterAll(() => shutdownPool());

describe('options', () => {
  it('takes values that start with "-" and defaults threads to the cores', () => {
    const o = parseQueryArgs(['data.csv', '--sort', '-v1_sum', '--filter', '-v1 > 3', '--limit', '10'], 8);
    expect(o).toMatchObject({ file: 'data.csv', sort: '-v1_sum', filter: '-v1 > 3', limit: 10, threads: 8, explain: false });
  });

  it('passes CSV reading options through', () => {
    expect(parseQueryArgs(['d.tsv', '--null-values', 'NA,N/A', '--delimiter', '\\t', '--try-parse-dates']).csv).toEqual({
      nullValues: ['NA', 'N/A'],
      delimiter: '\t',
      tryParseDates: true,
    });
  });
});

describe('answers', () => {
  it('prints the whole table of a small file with its row count', async () => {
    const r = await query(basic, '--try-parse-dates', '--threads', '1');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      [
        'shape: (3, 5)',
        '┌─────┬────────────┬───────┬────────┬────────────┐',
        '│ id  ┆ name       ┆ score ┆ active ┆ joined     │',
        '│ --- ┆ ---        ┆ ---   ┆ ---    ┆ ---        │',
        '│ i32 ┆ str        ┆ f64   ┆ bool   ┆ date       │',
        '╞═════╪════════════╪═══════╪════════╪════════════╡',
        '│ 1   ┆ "Ana"      ┆ 9.5   ┆ true   ┆ 2024-01-02 │',
        '│ 2   ┆ "Bo"       ┆ null  ┆ false  ┆ 2024-02-03 │',
        '│ 3   ┆ "Chen, Li" ┆ 7.0   ┆ true   ┆ null       │',
        '└─────┴────────────┴───────┴────────┴────────────┘',
        '3 rows in X ms (threads: 1)',
        '',
      ].join('\n'),
    );
  });

  it('filters, groups, aggregates with default and given names, and sorts', async () => {
    const r = await query(
      basic,
      '--filter',
      'score is not null',
      '--group-by',
      'active',
      '--agg',
      'count(), sum(score) as total, max(name)',
      '--sort',
      '-total',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('│ active ┆ count ┆ total ┆ name_max   │');
    expect(r.out).toContain('│ true   ┆ 2     ┆ 16.5  ┆ "Chen, Li" │');
    expect(r.out).toMatch(/1 row in X ms \(threads: \d+\)\n$/);
  });

  it('selects expressions, with string escapes, dates and null tests', async () => {
    const r = await query(
      basic,
      '--try-parse-dates',
      '--filter',
      "joined >= date '2024-02-01' or name == 'Chen, Li'",
      '--select',
      'id, upper(name) as name, joined == null as no_date',
    );
    expect(r.code).toBe(0);
    expect(r.out).toContain('│ 2   ┆ "BO"       ┆ false   │');
    expect(r.out).toContain('│ 3   ┆ "CHEN, LI" ┆ true    │');
  });

  it('sorts by a selected name, or, as SQL does, by a column the selection dropped', async () => {
    const byAlias = await query(basic, '--select', 'name, score * 2 as s2', '--sort', 's2 desc', '--threads', '1');
    expect(
      byAlias.out
        .split('\n')
        .filter((l) => l.startsWith('│ "'))
        .map((l) => l.split('┆')[0]!.trim()),
    ).toEqual(['│ "Ana"', '│ "Chen, Li"', '│ "Bo"']);
    const byDropped = await query(basic, '--select', 'name', '--sort', '-id', '--threads', '1');
    expect(
      byDropped.out
        .split('\n')
        .filter((l) => l.startsWith('│ "'))
        .map((l) => l.trim()),
    ).toEqual(['│ "Chen, Li" │', '│ "Bo"       │', '│ "Ana"      │']);
    expect((await query(basic, '--select', 'name', '--sort', 'nope')).err).toMatch(/^volley query: --sort: unknown column "nope"/);
  });

  it('answers on airports.csv as on one thread with two threads', async () => {
    const args = [
      airports,
      '--null-values',
      'NA',
      '--filter',
      "country == 'USA'",
      '--group-by',
      'state',
      '--agg',
      'count(), mean(latitude) as lat',
      '--sort',
      '-count, state',
      '--limit',
      '3',
    ];
    const one = await query(...args, '--threads', '1');
    const two = await query(...args, '--threads', '2');
    expect(one.code).toBe(0);
    expect(one.out).toContain('│ "AK"  ┆ 263   ┆ 61.334311 │');
    expect(one.out).toContain('│ "TX"  ┆ 209   ┆');
    expect(one.out).toMatch(/\n3 rows in X ms \(threads: 1\)\n$/);
    expect(two.out.replace('threads: 2', 'threads: 1')).toBe(one.out);
  });

  it('counts the rows of each group when --group-by comes alone, and prints the first and last rows of a long answer', async () => {
    const r = await query(airports, '--group-by', 'country', '--sort', 'country');
    expect(r.out).toContain('│ "Thailand"                       ┆ 1     │');
    const all = await query(airports);
    expect(all.out).toMatch(/^shape: \(3376, 7\)/);
    expect(all.out.split('\n').filter((l) => l.startsWith('│ "')).length).toBe(20);
    expect(all.out).toContain('3,376 rows in X ms');
  });

  it('prints the plan with --explain instead of running', async () => {
    const r = await query(airports, '--filter', 'latitude > 60', '--select', 'iata', '--explain', '--threads', '2');
    expect(r.code).toBe(0);
    expect(r.out).toContain('== optimized logical plan ==');
    expect(r.out).toContain('PHYSICAL PLAN (threads: 2');
    expect(r.out).toContain('SELECTION: (col("latitude") > 60)');
    expect(r.out).not.toContain('shape:');
  });

  it('reports the load to the progress display, labelled with the file name, and closes it', async () => {
    const seen: { label: string; bytes: number[]; total: number; done: number }[] = [];
    const progress = (label: string) => {
      const record = { label, bytes: [] as number[], total: 0, done: 0 };
      seen.push(record);
      return {
        onProgress: (p: ScanProgress) => {
          record.bytes.push(p.bytes);
          record.total = p.totalBytes;
        },
        done: () => void (record.done += 1),
      };
    };
    const io = { out: () => undefined, err: () => undefined, progress };
    expect(await runQuery([airports, '--group-by', 'state', '--threads', '2'], io)).toBe(0);
    expect(seen).toHaveLength(1);
    const [load] = seen;
    expect(load!.label).toBe('airports.csv');
    expect(load!.done).toBe(1);
    expect(load!.total).toBe(statSync(airports).size);
    expect(load!.bytes.at(-1)).toBe(load!.total);
    // A read that fails beyond the inference sample closes the display too.
    const dir = mkdtempSync(join(tmpdir(), 'volley-query-'));
    try {
      const bad = join(dir, 'late-bad.csv');
      writeFileSync(bad, `v\n${'1\n'.repeat(2000)}oops\n`);
      expect(await runQuery([bad, '--agg', 'sum(v)', '--threads', '1'], io)).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(seen.map((s) => [s.label, s.done])).toEqual([
      ['airports.csv', 1],
      ['late-bad.csv', 1],
    ]);
  });
});

describe('errors', () => {
  it('shows a parse error with the text and a caret under its column', async () => {
    const r = await query(basic, '--filter', "score > 3 and name == 'Ana");
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    expect(r.err).toBe(
      [
        'volley query: --filter: this string is not closed; strings end with a single quote (column 23)',
        "  score > 3 and name == 'Ana",
        `  ${' '.repeat(22)}^`,
        '',
      ].join('\n'),
    );
  });

  it("reports an unknown column with Volley's message, which lists the known ones", async () => {
    const r = await query(basic, '--group-by', 'nmae');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^volley query: --group-by: unknown column "nmae".*known columns: "id", "name", "score", "active", "joined"\n$/);
  });

  it('hints at single quotes when a "double-quoted" string was meant', async () => {
    const r = await query(basic, '--filter', 'name == "Ana"');
    expect(r.err).toContain(`unknown column "Ana"`);
    expect(r.err).toContain(`(double quotes name a column; a string takes single quotes: 'Ana')`);
  });

  it('names the option that holds a type error or a bad sort key', async () => {
    expect((await query(basic, '--agg', 'sum(name)')).err).toMatch(/^volley query: --agg: cannot sum column "name" of type Utf8/);
    const twice = await query(basic, '--agg', 'sum(score), sum(score)');
    expect(twice.err).toBe(
      'volley query: --agg: duplicate output column "score_sum" in agg(); give one of them another name with .alias(...)\n  (name an output with `... as name`)\n',
    );
    expect((await query(basic, '--group-by', 'active', '--sort', '-n')).err).toMatch(
      /^volley query: --sort: unknown column "n".*"active", "count"/,
    );
  });

  it('rejects bad options and a missing file without a stack trace', async () => {
    for (const [args, message] of [
      [[basic, '--limit', 'ten'], '--limit takes a whole number >= 0, got "ten"'],
      [[basic, '--select', 'id', '--agg', 'count()'], '--select picks columns of the rows'],
      [[basic, '--frobnicate'], "Unknown option '--frobnicate'"],
      [[], 'which file?'],
      [[join(root, 'no-such.csv')], `no such file: ${join(root, 'no-such.csv')}`],
    ] as const) {
      const r = await query(...args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.err, args.join(' ')).toContain(message);
      expect(r.err, args.join(' ')).not.toMatch(/\n\s+at /);
    }
  });
});

describe('through main and the built program', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs `query` from main and lists it in the usage', async () => {
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    expect(await main(['query', basic, '--agg', 'count(), max(score)', '--threads', '1'])).toBe(0);
    expect(await main(['help'])).toBe(0);
    vi.restoreAllMocks();
    expect(out).toContain('│ 3     ┆ 9.5       │');
    expect(out).toContain('query    run one query on a CSV file');
    expect(out).toContain('usage: volley query <file.csv> [options]');
  });

  it('exits with 1 and no stack trace for a bad query, 0 for a good one', () => {
    const cli = join(root, 'dist', 'cli', 'main.js');
    if (!existsSync(cli)) throw new Error(`${cli} is not built: run \`npm run build\` first`);
    const bad = spawnSync(process.execPath, [cli, 'query', basic, '--filter', 'score >'], { encoding: 'utf8', timeout: 60_000 });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('volley query: --filter: expected a value, found the end of the text (column 8)\n  score >\n         ^\n');
    const good = spawnSync(process.execPath, [cli, 'query', basic, '--sort', '-score', '--limit', '1', '--select', 'name'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(withoutProgress(good.stderr)).toBe('');
    expect(good.status).toBe(0);
    expect(good.stdout).toContain('│ "Ana" │');
  });
});
