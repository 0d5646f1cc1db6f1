// A typed column that grows by doubling: logs (fills, deferrals, snapshots) append without a
// per-entry allocation and hand out an exact-length typed array at the end.

type TypedArray = Float64Array | Int32Array | Uint8Array;
type TypedArrayClass<A extends TypedArray> = { new (length: number): A };

export class Growable<A extends TypedArray> {
  #data: A;
  #length = 0;
  readonly #kind: TypedArrayClass<A>;

  constructor(kind: TypedArrayClass<A>, capacity = 64) {
    this.#kind = kind;
    this.#data = new kind(capacity);
  }

  get length(): number {
    return this.#length;
  }

  push(value: number): void {
    if (this.#length === this.#data.length) {
      const bigger = new this.#kind(this.#data.length * 2);
      bigger.set(this.#data as never);
      this.#data = bigger;
    }
    this.#data[this.#length++] = value;
  }

  /** The values as an exact-length array (a copy). */
  toArray(): A {
    return this.#data.slice(0, this.#length) as A;
  }
}

export const growableF64 = (): Growable<Float64Array> => new Growable(Float64Array);
export const growableI32 = (): Growable<Int32Array> => new Growable(Int32Array);
export const growableU8 = (): Growable<Uint8Array> => new Growable(Uint8Array);
