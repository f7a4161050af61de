/** Bad: cli/ reaching past the public API. */
import { column } from '../src/table/column.js';
export const bad = column;
