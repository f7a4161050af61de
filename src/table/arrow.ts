/** Zero-copy interop with Apache Arrow JS tables. */
import type { Table } from 'apache-arrow';
import type { Column } from './column.js';

export function tableToArrow(columns: readonly Column[]): Table {
  throw new Error('not implemented yet');
}

export function columnsFromArrow(table: Table): Column[] {
  throw new Error('not implemented yet');
}
