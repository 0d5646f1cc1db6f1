// Whether a benchmark's printed levels are a constant growth up to their rounding: a T-bill-like
// index written to 6 decimals near 1.0 scatters its returns by ~1e-6, far above the fixed floor of
// stats.ts isRoundingNoise (1e-8 of the level), and beta on that scatter read 463 (r17a finding 4).
// The levels reach the metrics rescaled (1 on the first session, benchmark.ts), so the print's
// decimals are not known here; its tick is read from the levels instead: every change of a printed
// series is a whole number of ticks, whatever the scale.
import type { Series } from '../stats.ts';

/** Changes closer than this share of the largest level are one value (a double's error on a rescaled print is ~1e-16). */
const SAME_CHANGE = 1e-9;
/** A change is a whole number of ticks when within this share of a tick of one. */
const WHOLE_TICKS = 0.01;
/**
 * Fewest returns the print is judged on. The tick read is the smallest step the changes show, an
 * upper bound of the print's: over a few rows a real move (changes of 200, 200, 205 millionths)
 * could pass for the tick; over more, rounding's own one-tick jitter shows the true tick.
 */
const MIN_RETURNS = 10;

/**
 * The tick of the levels, in their units: the smallest step between two distinct level changes,
 * confirmed when every change is a whole number of it; null when the changes take fewer than two
 * values or are not on one grid (levels computed from adjusted or compounded returns, not printed).
 * Levels 1.000000, 1.000200, 1.000400, 1.000601 (changes 200, 200, 201 millionths): 1e-6.
 */
export function printTick(levels: Series): number | null {
  const changes: number[] = [];
  let top = 0;
  for (let k = 1; k < levels.length; k++) {
    if (Number.isFinite(levels[k - 1]) && Number.isFinite(levels[k])) changes.push(levels[k] - levels[k - 1]);
    if (Number.isFinite(levels[k])) top = Math.max(top, Math.abs(levels[k]));
  }
  changes.sort((a, b) => a - b);
  const same = SAME_CHANGE * top;
  let tick = Infinity;
  for (let k = 1; k < changes.length; k++) if (changes[k] - changes[k - 1] > same) tick = Math.min(tick, changes[k] - changes[k - 1]);
  if (!Number.isFinite(tick)) return null;
  for (const c of changes) if (Math.abs(c / tick - Math.round(c / tick)) > WHOLE_TICKS) return null;
  return tick;
}

/**
 * Whether consecutive finite levels L0 → L1 printed to a tick (u = half a tick) fit one constant
 * growth c: the true levels l = L − e, |e| ≤ u, give L1/L0 − 1 − c = (e1·L0 − e0·L1) / (L0·l0),
 * so |r − c| ≤ b = u·(L0 + L1) / (L0·(L0 − u)), and a c exists iff max(r − b) ≤ min(r + b).
 * Returns the tick as a share of the first level when they do, null otherwise (no tick, fewer
 * than MIN_RETURNS returns, a level within u of zero, or a return outside the band).
 */
export function flatUpToPrint(levels: Series): number | null {
  const tick = printTick(levels) ?? oneStep(levels);
  if (tick === null) return null;
  const u = tick / 2;
  let lo = -Infinity;
  let hi = Infinity;
  let pairs = 0;
  let first = NaN;
  for (let k = 1; k < levels.length; k++) {
    const a = levels[k - 1];
    const z = levels[k];
    if (!Number.isFinite(a) || !Number.isFinite(z)) continue;
    if (a <= u) return null;
    if (Number.isNaN(first)) first = a;
    const r = z / a - 1;
    const b = (u * (a + z)) / (a * (a - u));
    lo = Math.max(lo, r - b);
    hi = Math.min(hi, r + b);
    pairs++;
  }
  return pairs >= MIN_RETURNS && lo <= hi && onOneGrowth(levels, tick) ? tick / first : null;
}

/**
 * The one change of levels that all change by the same amount (a bill index whose accrual prints
 * as +0.0002 every row: no second value shows a tick), else null: such a series is a constant step,
 * its returns sliding only as the step over a rising level (probe r19c: beta −9,986 on it).
 */
function oneStep(levels: Series): number | null {
  let step = NaN;
  let top = 0;
  for (let k = 1; k < levels.length; k++) {
    if (!Number.isFinite(levels[k - 1]) || !Number.isFinite(levels[k])) continue;
    top = Math.max(top, Math.abs(levels[k]));
    const change = levels[k] - levels[k - 1];
    if (Number.isNaN(step)) step = change;
    else if (Math.abs(change - step) > SAME_CHANGE * top) return null;
  }
  return step > 0 ? step : null;
}

/**
 * The pairwise bands above hold for a walk of ±1 tick too (each pair is judged alone, and each
 * level's rounding is used twice): the whole series must also lie within a tick of one geometric
 * path, L_0 (1 + c)^k with c from its first and last finite levels — half a tick for each level's
 * own rounding and half for the ends' in c. A ±1-tick walk drifting 5 ticks off is not flat (probe
 * r18b: beta withheld on a benchmark with 0.80 correlation).
 */
function onOneGrowth(levels: Series, tick: number): boolean {
  let a = 0;
  while (a < levels.length && !Number.isFinite(levels[a])) a++;
  let z = levels.length - 1;
  while (z > a && !Number.isFinite(levels[z])) z--;
  if (z <= a) return false;
  const growth = Math.pow(levels[z] / levels[a], 1 / (z - a));
  for (let k = a; k <= z; k++) {
    if (Number.isFinite(levels[k]) && Math.abs(levels[k] - levels[a] * Math.pow(growth, k - a)) > tick) return false;
  }
  return true;
}
