/** Shared helpers for the CSV reader tests: fixture paths, error capture, chunk shapes. */
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { CsvError, CsvOptionError } from '../../../src/io/csv/index.js';
import type { Table } from '../../../src/table/table.js';

/** Absolute path of a file in test/fixtures/csv. */
export function fixture(name: string): string {
  return fileURLToPath(new URL(`../../fixtures/csv/${name}`, import.meta.url));
}

/** The CsvError a read rejects with; fails the test when it resolves or throws something else. */
export async function csvError(read: Promise<unknown>): Promise<CsvError> {
  try {
    await read;
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return e as CsvError;
  }
  throw new Error('expected the read to fail with a CsvError');
}

/** The CsvOptionError a read rejects with (code INVALID_ARGUMENT); fails the test otherwise. */
export async function optionError(read: Promise<unknown>): Promise<CsvOptionError> {
  try {
    await read;
  } catch (e) {
    expect(e).toBeInstanceOf(CsvOptionError);
    expect((e as CsvOptionError).code).toBe('INVALID_ARGUMENT');
    return e as CsvOptionError;
  }
  throw new Error('expected the read to fail with a CsvOptionError');
}

/** `{ name: dtype }` of a frame, for compact schema assertions. */
export function dtypes(df: Table): Record<string, string> {
  return Object.fromEntries(df.schema.fields.map((f) => [f.name, f.dtype]));
}

/** Row counts of each chunk of a column. */
export function chunkLengths(df: Table, name: string): number[] {
  return df.getColumn(name).chunks.map((c) => c.length);
}

/** A UTC Date from an ISO string, as Date and Timestamp values come back. */
export function utc(iso: string): Date {
  return new Date(iso.endsWith('Z') || iso.length === 10 ? iso : `${iso}Z`);
}
