// How much of a measured series its benchmark covers (METRICS.md "Inputs": relative metrics use
// the intervals both cover): a benchmark that starts after or ends before the series leaves its
// first or last periods out of every relative metric, and one with no value on dates inside its
// period joins the series' returns across them into one paired interval. One statement of these
// facts for a run (runMetrics.ts) and for any dated series (seriesAnalysis.ts).

import { isoDay, medianGap } from '../../data/dates.ts';
import { FLAT_SHARE, FLAT_VALUES, flatStretches } from '../../data/flatStretches.ts';
import { type Caveat, caveat } from '../../engine/caveats/caveats.ts';

/** What the levels are laid on: 'the run' counted in sessions, 'the series' counted in periods. */
export interface CoveredSeries {
  readonly noun: string;
  readonly unit: 'session' | 'period';
}

/**
 * Whether the benchmark has values before the series' first row and after its last: one that
 * does lacks the rows it leaves out at an end (a holiday on the run's first session), it does not
 * start or end there. Absent (levels a library user built): not known, so neither is said — only
 * the rows it lacks and its first or last value in the series (probe r56a).
 */
export interface BenchmarkReach {
  readonly before: boolean;
  readonly after: boolean;
}

const count = (k: number, unit: string): string => `${k} ${unit}${k === 1 ? '' : 's'}`;

/**
 * Caveats for a benchmark with values on only part of a series. `levels`: the benchmark's value
 * on each row of the series (row 0 its start, row k its k-th return's date; NaN where none);
 * `day(row)`: that row's epoch day. With a value on no row at all there is nothing partial to
 * say: [] (the caller states that no relative metric exists). Sizes: rows left out at the start
 * and at the end (medium; said as its start or end where `reach` says it has no values beyond
 * them, as rows it lacks where it has, and as rows it lacks with its first or last value in the
 * series where `reach` is not given), rows without a value between the first and last (low, with the first)
 * — or, for a benchmark spaced coarser than the series (month-ends in a daily run), its own dates
 * missing between them (coarseGaps). `firstReturn`: the epoch day of the benchmark's first return
 * where its first value is not a row of its own — a returns file without a start row, whose first
 * return is read from the series' value before it — so the day it starts on is said with the row
 * its file begins on ("starts on 2018-03-19 (its file's first row, 2018-03-20, is a return
 * earned since then)"), not as if the file held that day (probe r72a F2).
 */
export function benchmarkCoverageCaveats(name: string, levels: ArrayLike<number>, day: (row: number) => number, series: CoveredSeries, reach?: BenchmarkReach, firstReturn?: number): Caveat[] {
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
  const early = levels.length - 1 - last;
  // At an end where `reach` says the benchmark has values beyond the series, it lacks rows there; where it says
  // it has none, it starts (ends) there; without `reach` neither is known: only the rows lacked and its first (last) value.
  const end = (which: 'first' | 'last', beyond: boolean | undefined): string => {
    const [k, from, to, valued] = which === 'first' ? [first, 0, first - 1, first] : [early, last + 1, levels.length - 1, last];
    const read = which === 'first' && firstReturn !== undefined && firstReturn !== day(valued) ? ` (its file's first row, ${isoDay(firstReturn)}, is a return earned since then)` : '';
    if (beyond === false) return `benchmark ${name} ${which === 'first' ? 'starts' : 'ends'} on ${isoDay(day(valued))}${read}, ${count(k, series.unit)} ${which === 'first' ? 'after' : 'before'} ${series.noun}: ${common}`;
    const lacks = `benchmark ${name} has no value on the ${which} ${k === 1 ? series.unit : count(k, series.unit)} of ${series.noun} (${k === 1 ? isoDay(day(from)) : `${isoDay(day(from))} → ${isoDay(day(to))}`})`;
    return beyond ? `${lacks}, though it has values ${which === 'first' ? 'before' : 'after'}: ${common}` : `${lacks}: its ${which} value in ${series.noun} is on ${isoDay(day(valued))}${read}; ${common}`;
  };
  if (first > 0) out.push(caveat('benchmark', 'medium', end('first', reach?.before), { value: first, unit }));
  if (early > 0) out.push(caveat('benchmark', 'medium', end('last', reach?.after), { value: early, unit }));
  const coarse = coarseGaps(levels, day, first, last);
  if (coarse !== null) {
    // A benchmark spaced coarser than the series (month-ends in a daily run): its own missing dates, not the rows between its values.
    if (coarse.missing > 0) {
      const missing = `${coarse.missing} of its dates inside its period (it is spaced every ${coarse.gap} days; the first missing after ${isoDay(coarse.after)})`;
      out.push(caveat('benchmark', 'low', `benchmark ${name} misses ${missing}: returns are paired over the intervals both cover`, { value: coarse.missing, unit: 'count' }));
    }
  } else if (gaps.length > 0) {
    const missing = `${count(gaps.length, series.unit)} inside its period (the first ${isoDay(day(gaps[0]))})`;
    out.push(caveat('benchmark', 'low', `benchmark ${name} has no value on ${missing}: returns are paired over the intervals both cover`, { value: gaps.length, unit }));
  }
  return out;
}

/**
 * A benchmark whose value repeats unchanged on FLAT_VALUES or more consecutive values (rows
 * without a value between them do not break the stretch: the interval across them pairs as 0 %
 * too) — thin trading (SMLF in 2015–16 repeats its close for up to 11 sessions), a stale price,
 * or a market that did not move (BIL at zero rates). Those intervals pair as 0 % benchmark
 * returns, which beta, correlation and tracking error read as a flat index. One caveat: the
 * longest stretch, how many there are and the 0 % returns inside them as a share of the
 * benchmark's returns (low; medium from FLAT_SHARE). `levels` and `day` as
 * benchmarkCoverageCaveats takes them (a row without a date: the series' start).
 */
export function benchmarkFlatCaveats(name: string, levels: ArrayLike<number>, day: (row: number) => number, series: CoveredSeries): Caveat[] {
  const { stretches, returns } = flatStretches(levels, FLAT_VALUES);
  if (stretches.length === 0) return [];
  // A row without a date is a series' unknown start (a returns file paired on nothing before it).
  const dated = (row: number): string => (Number.isFinite(day(row)) ? isoDay(day(row)) : `${series.noun}'s start`);
  const zeros = stretches.reduce((s, x) => s + x.values - 1, 0);
  const longest = stretches.reduce((a, b) => (b.values > a.values ? b : a));
  const share = zeros / returns;
  const others = stretches.length === 1 ? '' : `, and ${stretches.length - 1} more stretch${stretches.length === 2 ? '' : 'es'} of ${FLAT_VALUES} or more`;
  const message =
    `benchmark ${name} is unchanged on ${longest.values} ${series.unit}s from ${dated(longest.from)} to ${dated(longest.to)}${others}: ` +
    `${zeros} of its ${returns} returns paired with ${series.noun} (${(share * 100).toFixed(1)} %) are 0 %: no trades, a stale price, or a market that did not move (a T-bill fund at zero rates) — beta, correlation and tracking error read them as a flat index`;
  // Sized by the longest stretch, the sentence's first figure (a report's badge shows it beside the sentence).
  return [caveat('benchmark', share >= FLAT_SHARE ? 'medium' : 'low', message, { value: longest.values, unit: series.unit === 'session' ? 'sessions' : 'count' })];
}

/** Values a benchmark needs before its own spacing is read (five gaps) … */
const SPACING_VALUES = 6;
/** … or this many, when every gap is within AGREE of their median (a complete weekly or month-end benchmark of 3–5 values). */
const FEW_VALUES = 3;
const AGREE = 0.1;
/** How much wider than the series' a benchmark's median gap is before it counts its own dates (weekly or coarser in a daily series). */
const COARSER = 5;

/**
 * A benchmark whose values are spaced at least COARSER times wider than the series' rows (median
 * gaps, calendar days), with a plain spacing (plainSpacing): its own dates missing inside [first,
 * last] — each gap between its values counted in whole median gaps, less one — and the day after
 * which the first is missing. Null for a benchmark on the series' own spacing.
 */
function coarseGaps(levels: ArrayLike<number>, day: (row: number) => number, first: number, last: number): { gap: number; missing: number; after: number } | null {
  const valued: number[] = [];
  for (let k = first; k <= last; k++) if (!Number.isNaN(levels[k])) valued.push(day(k));
  if (!plainSpacing(valued)) return null;
  const rows = Array.from({ length: last - first + 1 }, (_, k) => day(first + k));
  const gap = medianGap(valued);
  if (!(gap >= COARSER * medianGap(rows))) return null;
  let missing = 0;
  let after = NaN;
  for (let k = 1; k < valued.length; k++) {
    const left = Math.round((valued[k] - valued[k - 1]) / gap) - 1;
    if (left > 0 && missing === 0) after = valued[k - 1];
    missing += Math.max(0, left);
  }
  return { gap, missing, after };
}

/**
 * Whether a benchmark's value dates (epoch days, ascending) show its spacing: SPACING_VALUES or
 * more (a median one missing date cannot move), or FEW_VALUES to SPACING_VALUES − 1 whose gaps all
 * lie within AGREE of their median (5 Fridays: gaps 7, 7, 7, 7; 5 month-ends: 29 … 31 around 31).
 * A few values whose gaps disagree (a missing date among them) show none: their rows are counted.
 */
function plainSpacing(valued: readonly number[]): boolean {
  if (valued.length >= SPACING_VALUES) return true;
  if (valued.length < FEW_VALUES) return false;
  const gap = medianGap(valued);
  for (let k = 1; k < valued.length; k++) if (Math.abs(valued[k] - valued[k - 1] - gap) > AGREE * gap) return false;
  return true;
}
