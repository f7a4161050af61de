/**
 * Parquet out: frames cut into slices of a row group, each handed to parquet-wasm's streaming
 * writer as Arrow record batches; the file's bytes come back a row group at a time.
 */
import { tableToIPC } from 'apache-arrow';
import { InvalidArgumentError } from '../../errors.js';
import type { Table } from '../../table/table.js';
import type { Schema } from '../../types/schema.js';
import { parquetFailure } from './error.js';
import { emptyTable } from './read.js';
import { parquetWasm, type ParquetWasm } from './wasm.js';

/** The codecs the writer offers. */
export type ParquetCompression = 'snappy' | 'zstd' | 'uncompressed';

/** Options of `writeParquet` and `sinkParquet`. */
export interface ParquetWriteOptions {
  /** Codec of every column chunk (default `'zstd'`, as Polars writes). */
  readonly compression?: ParquetCompression;
  /** Rows per row group (default 262,144, as Polars writes): the unit of statistics, of skipping, and of the writer's memory. */
  readonly rowGroupSize?: number;
}

/** Default rows per row group. */
export const DEFAULT_ROW_GROUP_SIZE = 262_144;

const CODECS: readonly ParquetCompression[] = ['snappy', 'zstd', 'uncompressed'];

/**
 * Checks the options before anything is written: an unknown codec or a row group size that is not
 * a positive integer is an InvalidArgumentError.
 *
 * @example
 * checkParquetWriteOptions({ compression: 'gzip' }); // throws InvalidArgumentError
 */
export function checkParquetWriteOptions(options: ParquetWriteOptions): void {
  const { compression, rowGroupSize } = options;
  if (compression !== undefined && !CODECS.includes(compression))
    throw new InvalidArgumentError('compression', compression, `compression must be one of ${CODECS.map((c) => `'${c}'`).join(', ')}`);
  if (rowGroupSize !== undefined && !(Number.isInteger(rowGroupSize) && rowGroupSize > 0 && rowGroupSize <= 2 ** 31 - 1))
    throw new InvalidArgumentError('rowGroupSize', rowGroupSize, 'rowGroupSize must be a positive integer');
}

/**
 * The bytes of a Parquet file holding `frames` one after another (each must have `schema`), made
 * a row group at a time: at most a row group of rows is in the writer at once. No frame at all
 * gives a file of `schema` with no rows.
 *
 * @example
 * await writePieces('out.parquet', parquetPieces(frames, schema, { compression: 'snappy' }, 'out.parquet'), wrap);
 */
export async function* parquetPieces(
  frames: AsyncIterable<Table>,
  schema: Schema,
  options: ParquetWriteOptions,
  name: string,
): AsyncGenerator<Uint8Array> {
  const pw = await parquetWasm(name);
  const rowGroupSize = options.rowGroupSize ?? DEFAULT_ROW_GROUP_SIZE;
  const batches = wasmBatches(pw, frames, rowGroupSize)[Symbol.asyncIterator]();
  const first = await batches.next();
  if (first.done) {
    yield pw.writeParquet(wasmTable(pw, emptyTable(schema)), properties(pw, options, rowGroupSize));
    return;
  }
  const input = new ReadableStream({
    start(controller) {
      controller.enqueue(first.value);
    },
    async pull(controller) {
      const next = await batches.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
  });
  let output: ReadableStream;
  try {
    output = await pw.transformParquetStream(input, properties(pw, options, rowGroupSize));
  } catch (e) {
    throw parquetFailure(name, `cannot write ${name}`, e);
  }
  const reader = output.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    yield value as Uint8Array;
  }
}

function properties(pw: ParquetWasm, options: ParquetWriteOptions, rowGroupSize: number) {
  const codec = options.compression ?? 'zstd';
  const compression = codec === 'snappy' ? pw.Compression.SNAPPY : codec === 'zstd' ? pw.Compression.ZSTD : pw.Compression.UNCOMPRESSED;
  return new pw.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(rowGroupSize).setCreatedBy('volley').build();
}

/** Every frame's rows as wasm record batches of at most `rows` rows, in order. */
async function* wasmBatches(pw: ParquetWasm, frames: AsyncIterable<Table>, rows: number) {
  for await (const frame of frames) {
    for (let at = 0; at < frame.height; at += rows) {
      const part = wasmTable(pw, frame.slice(at, rows));
      try {
        for (const batch of part.recordBatches()) yield batch;
      } finally {
        part.free();
      }
    }
  }
}

function wasmTable(pw: ParquetWasm, table: Table) {
  return pw.Table.fromIPCStream(tableToIPC(table.toArrow(), 'stream'));
}
