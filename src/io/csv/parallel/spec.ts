/** From the sampled dialect and survey to the tokenizer's spec for the data records. */
import type { CsvColumnKind, CsvColumnSpec, CsvDialect, CsvParseSpec, CsvValueKind } from '../../../../kernels/csv/spec.js';
import type { DataType } from '../../../types/dtype.js';
import type { ResolvedOptions } from '../resolve.js';
import type { Survey } from '../survey.js';

const encoder = new TextEncoder();

/** The tokenizer's kind for each column type. */
export const KIND_OF: Readonly<Record<DataType, CsvValueKind>> = {
  Int32: 'int32',
  Int64: 'int64',
  Float64: 'float64',
  Boolean: 'boolean',
  Utf8: 'utf8',
  Date: 'date',
  Timestamp: 'timestamp',
};

/**
 * The tokenizer spec: every column of the file in order, `skip` for those not read, the surveyed
 * type and null strings (as UTF-8 bytes) for the others, `plain` for the slots `plain` marks
 * (see plainSlots); dictionaries come back encoded. Stray
 * quotes are refused, so that the input can be split into ranges by quote parity (see scanRanges
 * for the input that has them).
 *
 * @example
 * parseSpec(survey, dialect, options).columns; // [{ kind: 'utf8' }, { kind: 'skip' }, { kind: 'float64', nullValues: [...] }]
 */
export function parseSpec(s: Survey, sampled: CsvDialect, o: ResolvedOptions, plain: readonly boolean[] = []): CsvParseSpec {
  const { strayQuotes: _, ...dialect } = sampled;
  const columns: CsvColumnSpec[] = s.names.map(() => ({ kind: 'skip' as CsvColumnKind }));
  s.slots.forEach((slot, k) => {
    const kind = KIND_OF[s.dtypes[k]!];
    columns[slot.index] = {
      kind,
      ...(slot.nulls === null ? {} : { nullValues: [...slot.nulls].map((v) => encoder.encode(v)) }),
      ...(plain[k] === true ? { plain: true } : {}),
    };
  });
  // dictionaries stay bytes until unified: only values new to a column ever become strings
  return { dialect, columns, chunkSize: o.chunkSize, truncateRaggedLines: o.truncateRaggedLines, dictionaries: 'bytes' };
}
