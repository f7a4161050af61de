/** The kernel vector kind each logical data type is computed in. */
import type { DataType } from '../types/dtype.js';
import type { VecKind } from '../../kernels/vec.js';

/**
 * Int32, Date (days) and Utf8 (dictionary codes) are `i32`; Int64 and Timestamp (ms) `i64`;
 * Float64 `f64`; Boolean `bool`.
 *
 * @example
 * kindOf('Utf8'); // 'i32'
 */
export function kindOf(t: DataType): VecKind {
  switch (t) {
    case 'Int32':
    case 'Date':
    case 'Utf8':
      return 'i32';
    case 'Int64':
    case 'Timestamp':
      return 'i64';
    case 'Float64':
      return 'f64';
    case 'Boolean':
      return 'bool';
  }
}
