// How much of a measured series its benchmark covers (METRICS.md "Inputs": relative metrics use
// the intervals both cover): a benchmark that starts after or ends before the series leaves its
// first or last periods out of every relative metric, and one with no value on dates inside its
// period joins the series' returns across them into one paired interval. One statement of these
// facts for a run (runMetrics.ts) and for any dated series (seriesAnalysis.ts).

import { isoDay } from '../data/dates.ts';
import { type Caveat, caveat } from '../engine/caveats.ts';

/** What the levels are laid on: 'the run' counted in sessions, 'the series' counted in periods. */
export interface CoveredSeries {
  readonly noun: string;
  readonly unit: 'session' | 'period';
}

const count = (k: number, unit: string): string => `${k} ${unit}${k === 1 ? '' : 's'}`;

/**
 * Caveats for a benchmark with values on only part of a series. `levels`: the benchmark's value
 * on each row of the series (row 0 its start, row k its k-th return's date; NaN where none);
 * `day(row)`: that row's epoch day. With a value on no row at all there is nothing partial to
 * say: [] (the caller states that no relative metric exists). Sizes: rows left out at the start
 * and at the end (medium), rows without a value between the first and last (low, with the first).
 */
export function benchmarkCoverageCaveats(name: string, levels: ArrayLike<number>, day: (row: number) => number, series: CoveredSeries): Caveat[] {
  let first = 0;
  while (first < levels.length && Number.isNaN(levels[first])) first++;
  if (first === levels.length) return [];
  let last = levels.length - 1;
  while (Number.isNaN(levels[last])) last--;
  const gaps: number[] = [];
  for (let k = first + 1; k < last; k++) if (Number.isNaN(levels[k])) gaps.push(k);
  const unit = series.unit === 'session' ? 'sessions' : 'count';
  const out: Caveat[] = [];
  const common = 'relative metrics cover only the common period';
  if (first > 0) out.push(caveat('benchmark', 'medium', `benchmark ${name} starts on ${isoDay(day(first))}, ${count(first, series.unit)} after ${series.noun}: ${common}`, { value: first, unit }));
  const early = levels.length - 1 - last;
  if (early > 0) out.push(caveat('benchmark', 'medium', `benchmark ${name} ends on ${isoDay(day(last))}, ${count(early, series.unit)} before ${series.noun}: ${common}`, { value: early, unit }));
  if (gaps.length > 0) {
    const missing = `${count(gaps.length, series.unit)} inside its period (the first ${isoDay(day(gaps[0]))})`;
    out.push(caveat('benchmark', 'low', `benchmark ${name} has no value on ${missing}: returns are paired over the intervals both cover`, { value: gaps.length, unit }));
  }
  return out;
}
