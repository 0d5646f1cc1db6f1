// Multi-row INSERTs: one statement binds `rowsPerBatch` rows at once, which cuts the per-row
// cost of crossing into SQLite several-fold against one statement per row (measured in
// test/reports/store/scripts/measureWrite.ts). The tail goes through a one-row statement.
import type Database from 'better-sqlite3';

export type SqlValue = number | string | null;

/** A float for SQLite: NaN is NULL there anyway; saying so keeps the intent visible. */
export const real = (x: number): number | null => (Number.isNaN(x) ? null : x);

export class BatchInsert {
  readonly #table: string;
  readonly #columns: readonly string[];
  /** Positions of the columns declared NOT NULL: a NULL (or NaN) there is a bug named here, not SQLite's bare constraint error. */
  readonly #required: number[];
  readonly #width: number;
  readonly #rowsPerBatch: number;
  readonly #batch: Database.Statement<[SqlValue[]]>;
  readonly #single: Database.Statement<[SqlValue[]]>;
  readonly #values: SqlValue[] = [];
  /** Rows inserted so far. */
  count = 0;

  constructor(db: Database.Database, table: string, columns: readonly string[], rowsPerBatch = 50) {
    this.#table = table;
    this.#columns = columns;
    const notNull = new Set((db.prepare(`PRAGMA table_info(${table})`).all() as { name: string; notnull: number; pk: number }[]).filter((c) => c.notnull === 1 || c.pk > 0).map((c) => c.name));
    this.#required = columns.flatMap((c, k) => (notNull.has(c) ? [k] : []));
    this.#width = columns.length;
    this.#rowsPerBatch = rowsPerBatch;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
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
    for (const v of row) this.#values.push(v);
    this.count++;
    if (this.#values.length === this.#width * this.#rowsPerBatch) {
      this.#batch.run(this.#values);
      this.#values.length = 0;
    }
  }

  /** Write the rows still queued. */
  flush(): void {
    for (let at = 0; at < this.#values.length; at += this.#width) this.#single.run(this.#values.slice(at, at + this.#width));
    this.#values.length = 0;
  }
}
