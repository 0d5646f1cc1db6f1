// A fingerprint of a result's NAV series, so the metrics of one result are never stored as
// another's: runMetrics records it, writeRun compares it with the result it stores (probe r54a: a
// large-cap run was stored with the small-cap run's total return, Sharpe and drawdown). sha256 over
// the session dates and the NAV, byte for byte: it matches only the same sessions with the same NAV
// to the last bit, and it survives a copy of the result (a sweep's worker sends it by structured clone).
import { createHash } from 'node:crypto';
import type { Result } from '../engine/result.ts';

const bytes = (a: Int32Array | Float64Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

/** sha256 (hex) of `result.dates` (epoch days, one per session) then `result.daily.nav` (currency, one per session). */
export function navFingerprint(result: Pick<Result, 'dates' | 'daily'>): string {
  return createHash('sha256').update(bytes(result.dates)).update(bytes(result.daily.nav)).digest('hex');
}
