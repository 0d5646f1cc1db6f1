// Quantile buckets: 0 (lowest values) … q−1 (highest) by average rank, so ties share a bucket
// and buckets hold n/q names each (the lower buckets get the remainder). NaN stays NaN.

import { presentCount, rank } from './rank.ts';

export function quantileBuckets(values: Float64Array, q: number, out: Float64Array = new Float64Array(values.length)): Float64Array {
  if (!Number.isInteger(q) || q < 1) throw new RangeError(`quantile buckets need a whole number ≥ 1, got ${q}`);
  const n = presentCount(values);
  rank(values, out);
  for (let i = 0; i < out.length; i++) {
    if (!Number.isNaN(out[i])) out[i] = Math.min(q - 1, Math.floor(((out[i] - 1) * q) / n));
  }
  return out;
}
