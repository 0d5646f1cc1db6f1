// Quantile buckets: 0 (lowest values) … q−1 (highest) by average rank, so ties share a bucket
// and buckets hold n/q names each (the lower buckets get the remainder). NaN stays NaN.
//
// Fewer present values than buckets (n < q): the floor rule would fill the lower buckets and
// leave the top ones empty — a "top decile" strategy on nine names would hold nothing, silently.
// Then the n names are spread over the q buckets in order, with both ends occupied: bucket
// round((rank − 1)(q − 1)/(n − 1)), so the best name is in the top bucket and the worst in the
// bottom one. A single value is no cross-section: it gets no bucket (NaN).

import { presentCount, rank } from './rank.ts';

/** Bucket 0…q−1 per value (NaN for NaN), as above; `out` may be passed to reuse a buffer. */
export function quantileBuckets(values: Float64Array, q: number, out: Float64Array = new Float64Array(values.length)): Float64Array {
  if (!Number.isInteger(q) || q < 1) throw new RangeError(`quantile buckets need a whole number ≥ 1, got ${q}`);
  const n = presentCount(values);
  rank(values, out);
  const bucket = n >= q ? (r: number) => Math.min(q - 1, Math.floor(((r - 1) * q) / n)) : (r: number) => (n > 1 ? Math.round(((r - 1) * (q - 1)) / (n - 1)) : NaN);
  for (let i = 0; i < out.length; i++) if (!Number.isNaN(out[i])) out[i] = bucket(out[i]);
  return out;
}
