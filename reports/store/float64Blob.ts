// Float64 columns as SQLite BLOBs: the array's bytes in the machine's order (little-endian on
// every platform Node supports), 8 bytes per value, NaN kept as NaN. Exact, and a fraction of the
// size of one SQLite row per value.

/** The bytes of `x`, shared with it (no copy; SQLite copies them when the statement binds). */
export const float64Blob = (x: Float64Array): Buffer => Buffer.from(x.buffer, x.byteOffset, x.byteLength);

/** The values a float64Blob holds (a copy, aligned, whatever the Buffer's offset in its pool). */
export function readFloat64Blob(blob: Uint8Array): Float64Array {
  if (blob.byteLength % 8 !== 0) throw new RangeError(`a Float64 BLOB of ${blob.byteLength} bytes is not a whole number of 8-byte values`);
  const out = new Float64Array(blob.byteLength / 8);
  new Uint8Array(out.buffer).set(blob);
  return out;
}
