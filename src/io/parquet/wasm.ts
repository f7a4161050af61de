/** parquet-wasm, loaded on first use: compiling its WebAssembly costs a read of 5 MB, which no other reader should pay. */
import { parquetFailure } from './error.js';

/** The parquet-wasm module for Node (its WebAssembly read from the package's own folder, nothing fetched). */
export type ParquetWasm = typeof import('parquet-wasm');

let loading: Promise<ParquetWasm> | null = null;

/**
 * The parquet-wasm module, loaded once per thread.
 *
 * @example
 * const pw = await parquetWasm('G1.parquet');
 */
export function parquetWasm(source: string): Promise<ParquetWasm> {
  loading ??= import('parquet-wasm').then((m) => (m as { default?: ParquetWasm }).default ?? m);
  return loading.catch((e) => {
    loading = null;
    throw parquetFailure(source, 'cannot load parquet-wasm', e);
  });
}
