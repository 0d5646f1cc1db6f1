// A column that grows by doubling: logs (fills, deferrals, snapshots) append without a
// per-entry allocation. Storage is always a Float64Array — one element kind keeps `push`
// monomorphic and fast; integers (sessions, symbols, ids, codes) are exact in binary64 — and the
// final typed array of the right kind is made once, at the end.

export class Growable {
  #data = new Float64Array(256);
  #length = 0;

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new Float64Array(this.#data.length * 2);
      bigger.set(this.#data);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** Overwrite the k-th value (k < length). */
  set(k: number, value: number): void {
    this.#data[k] = value;
  }

  /** The values (a view of the storage: the log is finished when it is read). */
  toFloat64(): Float64Array {
    return this.#data.subarray(0, this.#length);
  }
  toInt32(): Int32Array {
    return Int32Array.from(this.#data.subarray(0, this.#length));
  }
  toUint8(): Uint8Array {
    return Uint8Array.from(this.#data.subarray(0, this.#length));
  }
}
