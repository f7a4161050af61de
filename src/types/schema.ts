/** Fields and schemas: the names and data types of a frame's columns. */
import { DuplicateColumnError, VolleyError, registerErrorClass } from '../errors.js';
import type { DataType } from './dtype.js';

/** One named, typed, nullable column slot. */
export interface Field {
  readonly name: string;
  readonly dtype: DataType;
}

/** Thrown when a column name is not in a schema; the message lists the known names. */
export class ColumnNotFoundError extends VolleyError {
  constructor(
    readonly column: string,
    readonly known: readonly string[],
    context?: string,
  ) {
    super(
      'COLUMN_NOT_FOUND',
      `unknown column "${column}"${context ? ` in ${context}` : ''}; known columns: ${known.map((k) => `"${k}"`).join(', ') || '(none)'}`,
    );
    this.name = 'ColumnNotFoundError';
  }
}
registerErrorClass(ColumnNotFoundError);

/**
 * An ordered list of fields with unique names.
 *
 * @example
 * const s = new Schema([{ name: 'a', dtype: 'Int32' }]);
 * s.get('a').dtype; // 'Int32'
 */
export class Schema {
  readonly fields: readonly Field[];
  private readonly index: Map<string, number>;

  constructor(fields: readonly Field[]) {
    this.fields = fields.map((f) => ({ name: f.name, dtype: f.dtype }));
    this.index = new Map();
    fields.forEach((f, i) => {
      if (this.index.has(f.name)) throw new DuplicateColumnError(f.name, `duplicate column name "${f.name}"`);
      this.index.set(f.name, i);
    });
  }

  get names(): string[] {
    return this.fields.map((f) => f.name);
  }

  get length(): number {
    return this.fields.length;
  }

  has(name: string): boolean {
    return this.index.has(name);
  }

  indexOf(name: string): number {
    return this.index.get(name) ?? -1;
  }

  /** The field called `name`; throws {@link ColumnNotFoundError} naming the known columns. */
  get(name: string, context?: string): Field {
    const i = this.index.get(name);
    if (i === undefined) throw new ColumnNotFoundError(name, this.names, context);
    return this.fields[i]!;
  }

  /** A schema with only the named fields, in the given order. */
  select(names: readonly string[]): Schema {
    return new Schema(names.map((n) => this.get(n)));
  }

  equals(other: Schema): boolean {
    return (
      this.fields.length === other.fields.length &&
      this.fields.every((f, i) => f.name === other.fields[i]!.name && f.dtype === other.fields[i]!.dtype)
    );
  }

  toString(): string {
    return `{${this.fields.map((f) => `${f.name}: ${f.dtype}`).join(', ')}}`;
  }

  toJSON(): Field[] {
    return this.fields.map((f) => ({ ...f }));
  }
}
