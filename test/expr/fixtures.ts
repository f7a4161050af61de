/** Shared test schema: the H2O groupby columns plus one column of every other type. */
import { Schema } from '../../src/types/schema.js';

export const schema = new Schema([
  { name: 'id1', dtype: 'Utf8' },
  { name: 'id2', dtype: 'Utf8' },
  { name: 'id4', dtype: 'Int32' },
  { name: 'v1', dtype: 'Int32' },
  { name: 'v2', dtype: 'Int32' },
  { name: 'v3', dtype: 'Float64' },
  { name: 'big', dtype: 'Int64' },
  { name: 'flag', dtype: 'Boolean' },
  { name: 'day', dtype: 'Date' },
  { name: 'ts', dtype: 'Timestamp' },
]);
