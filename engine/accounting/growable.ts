// Logs that grow by doubling (fills, orders, deferrals, snapshots): typed columns that share one
// capacity, so appending a row is one capacity check and one store per column — no call per value
// — and each column keeps its own element kind (Int32 for sessions and symbols, Uint8 for codes,
// Float64 for amounts). The finished log is handed out as views of its storage, made once.

type ColumnType = Int32ArrayConstructor | Float64ArrayConstructor | Uint8ArrayConstructor;
export type ColumnsOf<S extends Record<string, ColumnType>> = { -readonly [K in keyof S]: InstanceType<S[K]> };

export class GrowableTable<S extends Record<string, ColumnType>> {
  readonly #spec: S;
  #columns: ColumnsOf<S>;
  #capacity: number;
  #length = 0;

  constructor(spec: S, capacity = 256) {
    this.#spec = spec;
    this.#capacity = capacity;
    this.#columns = this.#allocate(capacity);
  }

  get length(): number {
    return this.#length;
  }

  /** The columns, to write rows into; valid until the next `add` or `ensure` (growing replaces them). */
  get columns(): ColumnsOf<S> {
    return this.#columns;
  }

  /** Append a row and return its index; write its values into `columns` next. */
  add(): number {
    if (this.#length === this.#capacity) this.#grow(this.#length + 1);
    return this.#length++;
  }

  /** Make row k exist (rows not yet written read 0), for logs whose rows are keyed by an id. */
  ensure(k: number): void {
    if (k >= this.#capacity) this.#grow(k + 1);
    if (k >= this.#length) this.#length = k + 1;
  }

  /** The rows written, as views of the storage (the log is finished when it is read). */
  views(): ColumnsOf<S> {
    const out = {} as Record<keyof S, unknown>;
    for (const name in this.#spec) out[name] = this.#columns[name].subarray(0, this.#length);
    return out as ColumnsOf<S>;
  }

  #grow(rows: number): void {
    const old = this.#columns;
    this.#capacity = Math.max(2 * this.#capacity, rows);
    this.#columns = this.#allocate(this.#capacity);
    for (const name in this.#spec) this.#columns[name].set(old[name] as never);
  }

  #allocate(capacity: number): ColumnsOf<S> {
    const columns = {} as Record<keyof S, unknown>;
    for (const name in this.#spec) columns[name] = new this.#spec[name](capacity);
    return columns as ColumnsOf<S>;
  }
}
