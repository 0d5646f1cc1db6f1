// Dated annual rates (decimal, 0.05 = 5% a year), read as of a day with forward fill.

import { dayParts, epochDay, medianGap } from './dates.ts';

/** A dated annual rate series (decimals: 0.05 = 5% a year), read as of a day with forward fill (rateAsOf): FRED's DTB3 as `tbill3m`, for one. */
export interface RateSeries {
  readonly name: string;
  /** Epoch days, strictly increasing. */
  readonly dates: Int32Array;
  /** Annual rate as a decimal; NaN rows are skipped by asOf (forward fill). */
  readonly values: Float64Array;
}

/** The last non-NaN value on or before `day`, or NaN when there is none. */
export function rateAsOf(series: RateSeries, day: number): number {
  let lo = 0;
  let hi = series.dates.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (series.dates[mid] <= day) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let k = found; k >= 0; k--) if (!Number.isNaN(series.values[k])) return series.values[k];
  return NaN;
}

/**
 * Months between the rows of a series of period averages dated on their period's first day
 * (FRED's monthly TB3MS: 2020-07-01 is July's average, known once July is over; its quarterly
 * series alike): every date the 1st of a month, rows a month or more apart; 0 for any other
 * series (a daily DTB3 is the rate of its own day).
 */
export function startDatedMonths(series: RateSeries): number {
  const { dates } = series;
  if (dates.length < 2 || !dates.every((d) => dayParts(d).date === 1)) return 0;
  return Math.max(1, Math.round(medianGap(dates) / 30.44));
}

/** Memo of startDatedMonths by series: a decision reads a rate every session. */
const START_DATED = new WeakMap<RateSeries, number>();

/**
 * The rate a decision on `day` can know (engine/decisions/view.ts; DESIGN.md's causality contract): the
 * rate as of `day`, except that a period average dated on its period's first day (startDatedMonths)
 * is known only once its period is over — from the next period's first day. A monthly TB3MS read
 * on 2020-07-15 gives June's average, not July's. NaN when none is known yet.
 */
export function rateKnownOn(series: RateSeries, day: number): number {
  let months = START_DATED.get(series);
  if (months === undefined) START_DATED.set(series, (months = startDatedMonths(series)));
  if (months === 0) return rateAsOf(series, day);
  // A row dated the 1st of month M is over on the 1st of M + months: known rows are dated on or before the 1st, `months` months back.
  const { year, month } = dayParts(day);
  return rateAsOf(series, epochDay(year, month - months, 1));
}

/**
 * Return of an annual rate R (decimal) over k of P periods a year: (1 + R)^(k/P) − 1 (METRICS.md
 * "Inputs", rf, for k = 1; a row closing a gap of missing dates covers k > 1, engine/calendar/rowPeriods.ts
 * periodsPerRow). The one conversion breadth uses for an annual rate: the metrics' risk-free
 * return, and every accrual of the engine (cash interest, debit interest, borrow fee and rebate),
 * so cash at the risk-free rate earns exactly rf each session. R > −1; NaN in, NaN out.
 */
export function perPeriodRate(annualRate: number, periodsPerYear: number, periods = 1): number {
  return Math.pow(1 + annualRate, periods / periodsPerYear) - 1;
}

/** Where a dated rate series' known rates begin and end (NaN days when it has none). */
export interface RateSpan {
  /** Epoch days of the first and last known rate. */
  readonly firstDay: number;
  readonly lastDay: number;
  /** The last known rate. */
  readonly lastRate: number;
  /**
   * The last day forward fill still stands for the series' own spacing: its last rate's day plus
   * its median gap (a weekend for a daily series, a month for a monthly one). Later days read a
   * rate the source no longer gives: carried past its end.
   */
  readonly carriedAfter: number;
}

export function rateSpan(series: RateSeries): RateSpan {
  const known: number[] = [];
  for (let k = 0; k < series.dates.length; k++) if (!Number.isNaN(series.values[k])) known.push(k);
  if (known.length === 0) return { firstDay: NaN, lastDay: NaN, lastRate: NaN, carriedAfter: NaN };
  const days = known.map((k) => series.dates[k]);
  const lastDay = days[days.length - 1];
  return { firstDay: days[0], lastDay, lastRate: series.values[known[known.length - 1]], carriedAfter: lastDay + medianGap(days) };
}

/** How a dated rate series covers a calendar: days before its first known rate, and days its last rate is carried past its end (RateSpan). */
export interface RateCoverage extends RateSpan {
  readonly before: number;
  readonly carried: number;
}

/** `rateSpan(series)` and how many of `days` (epoch days) fall before it (no rate) or after it (carried). */
export function rateCoverage(series: RateSeries, days: ArrayLike<number>): RateCoverage {
  const span = rateSpan(series);
  let before = 0;
  let carried = 0;
  for (let k = 0; k < days.length; k++) {
    if (!(days[k] >= span.firstDay)) before++;
    else if (days[k] > span.carriedAfter) carried++;
  }
  return { ...span, before, carried };
}

/** A stretch inside a rate series where forward fill carries one rate over sessions beyond its own spacing. */
export interface RateGap {
  /** Epoch day of the last known rate before the gap, and that rate (decimal). */
  readonly knownDay: number;
  readonly rate: number;
  /** Epoch day of the first session carried, and how many sessions are (a session on the next known rate's day reads it). */
  readonly firstDay: number;
  readonly sessions: number;
}

/**
 * Gaps inside a rate series' span: sessions (`days`, epoch days, increasing) after a known rate's
 * day plus the series' median gap and before the next known rate — the interior counterpart of
 * `rateCoverage`'s `carried`. Daily T-bills with three weeks missing give one gap of ~15 sessions;
 * a bond-market holiday gives none (it is within the spacing a weekend already has).
 */
export function rateGaps(series: RateSeries, days: ArrayLike<number>): RateGap[] {
  const known: number[] = [];
  for (let k = 0; k < series.dates.length; k++) if (!Number.isNaN(series.values[k])) known.push(k);
  const spacing = medianGap(known.map((k) => series.dates[k]));
  const out: RateGap[] = [];
  let d = 0;
  for (let j = 0; j + 1 < known.length; j++) {
    const knownDay = series.dates[known[j]];
    const nextDay = series.dates[known[j + 1]];
    while (d < days.length && days[d] <= knownDay + spacing) d++;
    const first = d;
    while (d < days.length && days[d] < nextDay) d++;
    if (d > first) out.push({ knownDay, rate: series.values[known[j]], firstDay: days[first], sessions: d - first });
  }
  return out;
}
