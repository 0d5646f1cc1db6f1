// Multi-row INSERTs: one statement binds `rowsPerBatch` rows at once, which cuts the per-row
// cost of crossing into SQLite several-fold against one statement per row (measured in
// test/reports/store/scripts/measureWrite.ts). The tail goes through a one-row statement.
// Columns with one value for every row (the run id) are written into the statement instead of
// bound per row: each bound value costs about as much as a tenth of the row (bench/storeWrite.ts).
import type Database from 'better-sqlite3';

/** What a column takes: a number, text, NULL, or a BLOB's bytes. */
export type SqlValue = number | string | null | Uint8Array;

/** A value as an SQL literal: finite numbers, NULL, and strings of word characters and dashes. */
function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value === 'string' && /^[\w-]*$/.test(value)) return `'${value}'`;
  throw new RangeError(`${String(value)} cannot be written into a statement; bind it`);
}

/** A float for SQLite: NaN is NULL there anyway; saying so keeps the intent visible. */
export const real = (x: number): number | null => (Number.isNaN(x) ? null : x);

export class BatchInsert {
  readonly #table: string;
  readonly #columns: readonly string[];
  /** Positions of the columns declared NOT NULL: a NULL (or NaN) there is a bug named here, not SQLite's bare constraint error. */
  readonly #required: number[];
  readonly #width: number;
  readonly #batch: Database.Statement<[SqlValue[]]>;
  readonly #single: Database.Statement<[SqlValue[]]>;
  /** The batch being filled: `#filled` values of `#values.length` (`#width` × rows per batch). */
  readonly #values: SqlValue[];
  #filled = 0;
  /** Rows inserted so far. */
  count = 0;

  /**
   * Rows of `columns` (the values `add` takes, in order), each beside the `fixed` columns' one
   * value for every row.
   */
  constructor(db: Database.Database, table: string, columns: readonly string[], fixed: Readonly<Record<string, SqlValue>> = {}, rowsPerBatch = 50) {
    this.#table = table;
    this.#columns = columns;
    const notNull = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; pk: number }[]).filter((c) => c.notnull === 1 || c.pk > 0).map((c) => c.name));
    this.#required = columns.flatMap((c, k) => (notNull.has(c) ? [k] : []));
    this.#width = columns.length;
    this.#values = new Array<SqlValue>(this.#width * rowsPerBatch).fill(null);
    const row = `(${[...Object.values(fixed).map(literal), ...columns.map(() => '?')].join(', ')})`;
    const head = `INSERT INTO ${table} (${[...Object.keys(fixed), ...columns].join(', ')}) VALUES `;
    this.#batch = db.prepare<[SqlValue[]]>(head + new Array<string>(rowsPerBatch).fill(row).join(', '));
    this.#single = db.prepare<[SqlValue[]]>(head + row);
  }

  /** Queue one row (values in column order); a full batch is written at once. */
  add(...row: SqlValue[]): void {
    if (row.length !== this.#width) throw new RangeError(`a row of ${row.length} values for ${this.#width} columns`);
    for (const k of this.#required) {
      const v = row[k];
      if (v === null || v !== v) throw new RangeError(`${this.#table}.${this.#columns[k]} is required but row ${this.count + 1} has ${v === null ? 'NULL' : 'NaN'} there`);
    }
    const values = this.#values;
    let at = this.#filled;
    for (let k = 0; k < row.length; k++) values[at++] = row[k];
    this.count++;
    if (at === values.length) {
      this.#batch.run(values);
      at = 0;
    }
    this.#filled = at;
  }

  /** Write the rows still queued. */
  flush(): void {
    for (let at = 0; at < this.#filled; at += this.#width) this.#single.run(this.#values.slice(at, at + this.#width));
    this.#filled = 0;
  }
}
