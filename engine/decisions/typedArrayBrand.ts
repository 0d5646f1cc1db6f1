// What a typed array is, read from its internal slots: %TypedArray%.prototype's own getters, which
// never run a subclass's `length` getter or a Proxy's trap. A Proxy of a Float64Array passes
// `instanceof Float64Array` (its prototype is one) but has no such slot: it is no typed array, and
// its elements cannot be read through it. For checking what a strategy hands breadth.

/** %TypedArray%.prototype, which every typed array's prototype inherits. */
export const TYPED_ARRAY_PROTOTYPE = Object.getPrototypeOf(Int8Array.prototype) as object;

const nameGetter = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, Symbol.toStringTag)?.get as (this: unknown) => string | undefined;
const lengthGetter = Object.getOwnPropertyDescriptor(TYPED_ARRAY_PROTOTYPE, 'length')?.get as (this: unknown) => number;

/** The typed array kind of `value` ('Float64Array', 'Uint8Array', … — a subclass's too), from its slot; undefined for anything else, a Proxy of one included. */
export const typedArrayName = (value: unknown): string | undefined => nameGetter.call(value);

/** The element count of a typed array (typedArrayName is defined), from its slot. */
export const typedArrayLength = (array: ArrayBufferView): number => lengthGetter.call(array);
