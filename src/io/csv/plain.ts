/** Which Utf8 columns a read stores plain: those whose sampled values are nearly all distinct. */
import { ByteDictionary } from '../../../kernels/csv/dictionary.js';
import { attemptParse } from '../../../kernels/csv/errors.js';
import { parseCsvRange } from '../../../kernels/csv/parse.js';
import type { CsvColumnSpec, CsvDialect } from '../../../kernels/csv/spec.js';
import { PLAIN_DISTINCT_SHARE, PLAIN_MIN_VALUES, PLAIN_SAMPLE_ROWS } from '../../../kernels/tuning.js';
import { parseSpec } from './parallel/spec.js';
import type { ResolvedOptions } from './resolve.js';
import type { Survey } from './survey.js';

/**
 * Per slot of `survey`: whether its column is Utf8 and near-unique in the sample, judged on the
 * first PLAIN_SAMPLE_ROWS data records of `bytes` (the sample read before the parse, cut after a
 * newline), parsed by the tokenizer with only the candidate columns kept: those near-unique among
 * the records the schema inference read (a thousand by default; a key of 10,000 values already
 * repeats there, and a file without a candidate pays nothing). That parse costs about 30 ms in a
 * fresh process, 5 ms warm. A near-unique column gains nothing from a dictionary (it would hold nearly every
 * row) and pays a hash lookup per row to build it, so its values are stored as they come (see
 * `CsvColumnSpec.plain`). The sample is the same prefix whatever the thread count and range size,
 * so the choice is too; and it never changes a value, only how a column is stored. A sample that
 * does not parse decides nothing: the parse proper reports the error where it is.
 *
 * @example
 * plainSlots(sample.bytes, sample.dialect, sample.survey, options); // [false, false, true] for id4, id5, id6
 */
export function plainSlots(bytes: Uint8Array, dialect: CsvDialect, survey: Survey, o: ResolvedOptions): boolean[] {
  const none = survey.slots.map(() => false);
  const limit = Math.min(PLAIN_SAMPLE_ROWS, o.nRows);
  // candidates: Utf8 columns near-unique among the records the schema inference read already
  const candidate = survey.slots.map(
    (_, k) => survey.dtypes[k] === 'Utf8' && survey.values[k]! > 0 && survey.distinct[k]! >= PLAIN_DISTINCT_SHARE * survey.values[k]!,
  );
  if (limit < PLAIN_MIN_VALUES || !candidate.includes(true)) return none;
  const kept = new Set(survey.slots.filter((_, k) => candidate[k]).map((slot) => slot.index));
  const base = parseSpec(survey, dialect, o);
  const columns = base.columns.map((c, i): CsvColumnSpec => (kept.has(i) ? c : { kind: 'skip' }));
  const dicts = columns.map((c) => (c.kind === 'utf8' ? new ByteDictionary() : null));
  // the sample's own dialect (stray quotes as data): it is parsed in one piece from a record start
  const spec = { dialect, columns, chunkSize: limit, maxRows: limit, truncateRaggedLines: o.truncateRaggedLines };
  const parsed = attemptParse(() => parseCsvRange(bytes, survey.dataStart, bytes.length, spec, dicts));
  if (!parsed.ok) return none;
  const outputs = parsed.value.columns;
  return survey.slots.map((slot) => {
    const out = outputs.find((c) => c.column === slot.index);
    if (out === undefined) return false;
    let values = 0;
    for (const chunk of out.chunks) values += chunk.length - chunk.nullCount;
    return values >= PLAIN_MIN_VALUES && dicts[slot.index]!.size >= PLAIN_DISTINCT_SHARE * values;
  });
}
