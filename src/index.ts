/** Volley's public API: frames, lazy queries, expressions, CSV input, options and errors. */
export { DataFrame, type FrameInput } from './frame/frames.js';
export type { Row, FromValuesOptions } from './table/table.js';
export type { Column } from './table/column.js';
export type { Scalar } from './table/scalar.js';
export type { Int64As, ValueOptions } from './table/int64.js';

export { LazyFrame, type CollectOptions, type ExplainOptions } from './frame/frames.js';
export { concat, type ConcatHow, type ConcatOptions } from './frame/concat.js';
export { GroupBy } from './frame/group-by.js';
export { scanCsv } from './frame/scan.js';
export type { IntoExpr, SortOptions, UniqueOptions } from './plan/builder.js';
export type { JoinHow, JoinKeys, JoinOptions, JoinValidate } from './plan/join.js';
export type { AsofOptions, AsofStrategy } from './plan/asof.js';

export { col, lit, len, corr, concatStr } from './expr/builders.js';
export { when } from './expr/when.js';
export { Expr, type ExprInput } from './expr/expr.js';
export type { LiteralInput } from './expr/literal.js';

export { readCsv, readCsvString } from './frame/read-csv.js';
export type { CsvWriteOptions } from './io/csv/write.js';
export { readIpc, readIpcStream, type IpcReadOptions } from './frame/ipc.js';
export { IpcError, type IpcInput, type IpcOutput } from './io/ipc.js';
export { readParquet, scanParquet, type ParquetReadOptions, type ParquetScanOptions } from './frame/parquet.js';
export { ParquetError } from './io/parquet/error.js';
export type { ParquetCompression, ParquetWriteOptions } from './io/parquet/write.js';
export { readNdjson, type NdjsonReadOptions } from './frame/json.js';
export type { JsonWriteOptions } from './io/json.js';
export { JsonError, type JsonInput } from './io/json.js';
export type { CsvReadOptions, CsvLoadOptions, ScanProgress } from './io/csv/options.js';
export type { CsvInput } from './io/csv/source.js';

export type { DataType } from './types/dtype.js';
export { Schema, type Field } from './types/schema.js';
export type { ExecOptions } from './physical/options.js';

export { VolleyError, InternalError, InvalidArgumentError, DuplicateColumnError, ParseValueError, type ErrorCode } from './errors.js';
export { ColumnNotFoundError } from './types/schema.js';
export { ConcatError } from './table/concat-error.js';
export { CastError, ExprTypeError } from './expr/errors.js';
export { PlanError, JoinValidationError } from './plan/errors.js';
export { AsofSortError } from './plan/asof.js';
export { OptimizerError } from './optimizer/errors.js';
export { CsvError, CsvOptionError } from './io/csv/errors.js';
export { WorkerDiedError, shutdownPool } from './pool/pool.js';
export { MemoryLimitError } from './exec/memory-guard.js';
export { SpillError } from './io/spill-file.js';
