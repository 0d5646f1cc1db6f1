// Periods per year (METRICS.md "Inputs": P) from a calendar's spacing: the median gap between
// consecutive dates in calendar days — about 1 → daily, 7 → 52 (weekly), 30 → 12 (monthly),
// 91 → 4 (quarterly), 365 → 1 (annual). A spacing that fits no bucket, or whose gaps stray from
// their bucket too often, is irregular: P is then the nearest bucket's, flagged.
// A daily spacing says nothing about how many sessions a week holds, so the daily bucket is split
// by the sessions a calendar year actually holds (sessionsPerYear below): a trading-day calendar
// (five sessions a week, less holidays) gets 252, a calendar-day one (crypto, seven a week) 365,
// and any other count (a six-day week ~313, two sessions a week ~104) is used as measured,
// rounded, and flagged irregular.
// In engine/ because the engine accrues interest per session with the P the metrics use
// (data/rates.ts perPeriodRate); reports import it from here.

export interface Frequency {
  readonly periodsPerYear: number;
  readonly label: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual';
  /** Median gap between consecutive dates, calendar days (NaN with fewer than two dates). */
  readonly medianGapDays: number;
  /** True when the spacing fits no bucket well (see above); P is then a best guess. */
  readonly irregular: boolean;
  /** How P was found, for manifests and reports: "inferred: monthly spacing (median gap 31 days)". */
  readonly source: string;
}

interface Bucket {
  readonly label: Frequency['label'];
  readonly periodsPerYear: number;
  /** Typical gap, and the range of gaps that still fit (weekends, holidays, month lengths). */
  readonly gap: number;
  readonly lo: number;
  readonly hi: number;
}

const BUCKETS: readonly Bucket[] = [
  { label: 'daily', periodsPerYear: 252, gap: 1, lo: 1, hi: 5 },
  { label: 'weekly', periodsPerYear: 52, gap: 7, lo: 5, hi: 10 },
  { label: 'monthly', periodsPerYear: 12, gap: 30.4, lo: 25, hi: 36 },
  { label: 'quarterly', periodsPerYear: 4, gap: 91.3, lo: 80, hi: 100 },
  { label: 'annual', periodsPerYear: 1, gap: 365.25, lo: 350, hi: 380 },
];

/** Gaps outside the bucket's range above this share make the spacing irregular. */
const MAX_STRAY_SHARE = 0.1;

/**
 * Sessions a year → P of a daily calendar. Trading days: from 90 % of 252 up to 10 % over the 261
 * weekdays of a year (five sessions a week with holidays, or none) → exactly 252; calendar days:
 * 95 % of 365 or more (a few missing days of a 24/7 market) → 365. Null for any other count.
 */
export function standardDailyP(sessionsPerYear: number): 252 | 365 | null {
  if (sessionsPerYear >= 0.9 * 252 && sessionsPerYear <= 1.1 * 261) return 252;
  if (sessionsPerYear >= 0.95 * 365) return 365;
  return null;
}

/** Whole weeks a calendar must span before its sessions a year are counted; a shorter one keeps 252. */
const MIN_COUNT_WEEKS = 4;

/**
 * P of a calendar whose spacing is daily (ascending epoch days): the sessions it holds a year,
 * counted over the k whole weeks from its first date, sessions / (7k) · 365.25 — whole weeks, so a
 * Wednesday start or a Friday end does not tilt the count (Wed/Fri sessions: 104.36, not the
 * 104.5 of n / span) — then mapped by standardDailyP, or rounded where no standard count fits
 * (flagged irregular).
 */
function dailyPeriods(dates: ArrayLike<number>): { periodsPerYear: number; irregular: boolean; why: string } {
  const first = dates[0];
  const weeks = Math.floor((dates[dates.length - 1] - first + 1) / 7);
  if (weeks < MIN_COUNT_WEEKS) return { periodsPerYear: 252, irregular: false, why: `daily spacing, under ${MIN_COUNT_WEEKS} weeks: sessions a year not counted` };
  let sessions = 0;
  while (sessions < dates.length && dates[sessions] < first + 7 * weeks) sessions++;
  const perYear = (sessions / (7 * weeks)) * 365.25;
  const counted = `${perYear.toFixed(1)} sessions a year`;
  const standard = standardDailyP(perYear);
  if (standard === 252) return { periodsPerYear: 252, irregular: false, why: `daily spacing, trading days (${counted})` };
  if (standard === 365) return { periodsPerYear: 365, irregular: false, why: `daily spacing, calendar days (${counted})` };
  return { periodsPerYear: Math.round(perYear), irregular: true, why: `daily spacing at ${counted}, neither trading days (252) nor calendar days (365)` };
}

/**
 * P inferred from ascending epoch days (see the file header); fewer than two dates give daily
 * (252), flagged irregular. Same dates, same P: the engine's interest accrual and every metric
 * read it from here.
 */
export function inferFrequency(dates: ArrayLike<number>): Frequency {
  // A typed array sorts numerically without a comparator: several times faster on a long calendar.
  const gaps = new Float64Array(Math.max(dates.length - 1, 0));
  for (let k = 1; k < dates.length; k++) gaps[k - 1] = dates[k] - dates[k - 1];
  if (gaps.length === 0) {
    return { periodsPerYear: 252, label: 'daily', medianGapDays: NaN, irregular: true, source: 'assumed daily (too few dates to infer the spacing)' };
  }
  gaps.sort();
  const mid = gaps.length >> 1;
  const median = gaps.length % 2 ? gaps[mid] : (gaps[mid - 1] + gaps[mid]) / 2;
  const fits = BUCKETS.find((b) => median >= b.lo && median <= b.hi);
  const bucket = fits ?? BUCKETS.reduce((best, b) => (Math.abs(Math.log(median / b.gap)) < Math.abs(Math.log(median / best.gap)) ? b : best));
  const strays = gaps.filter((g) => g < bucket.lo || g > bucket.hi).length;
  const stray = fits === undefined || strays > MAX_STRAY_SHARE * gaps.length;
  const daily = bucket.label === 'daily' ? dailyPeriods(dates) : null;
  const irregular = stray || (daily?.irregular ?? false);
  const why = stray ? `irregular spacing, nearest ${bucket.label}` : (daily?.why ?? `${bucket.label} spacing`);
  return { periodsPerYear: daily?.periodsPerYear ?? bucket.periodsPerYear, label: bucket.label, medianGapDays: median, irregular, source: `inferred: ${why} (median gap ${median} days)` };
}

/** A P the user set, described the same way. */
export function givenFrequency(periodsPerYear: number): Frequency {
  const bucket = BUCKETS.find((b) => b.periodsPerYear === periodsPerYear);
  return { periodsPerYear, label: bucket?.label ?? 'daily', medianGapDays: NaN, irregular: false, source: `given: P = ${periodsPerYear}` };
}

/**
 * P of returns paired over the dates two series share (relative metrics). METRICS.md infers P
 * from a calendar's spacing and never assumes 252 for data that is not daily, and relative
 * metrics use the paired intervals; it does not name their calendar, and implies this one:
 * `paired` = the first common date, then each paired interval's end (epoch days). Where its
 * spacing falls in the same bucket as the series' own calendar `own`, the series' P `ownP`
 * stands (a P the user set carries over); otherwise the pairs' inferred P replaces it — a daily
 * strategy against month-end benchmark values pairs monthly returns, annualised with 12.
 */
export function pairedFrequency(paired: ArrayLike<number>, own: ArrayLike<number>, ownP: number): Frequency {
  const pairs = inferFrequency(paired);
  const series = inferFrequency(own);
  if (paired.length < 2 || pairs.label === series.label) return { ...pairs, periodsPerYear: ownP, source: 'spaced like the series' };
  return { ...pairs, source: `${pairs.label} common dates (median gap ${pairs.medianGapDays} days), the series ${series.label}` };
}
