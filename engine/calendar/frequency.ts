// Periods per year (METRICS.md "Inputs": P) from a calendar's spacing: the median gap between
// consecutive dates in calendar days — about 1 → daily, 7 → 52 (weekly), 30 → 12 (monthly),
// 91 → 4 (quarterly), 365 → 1 (annual), each bucket holding a range of gaps (month lengths,
// holidays). Any other spacing (every 14 days, the 15th and the month-end, every other month,
// half-years) has P = 365.25 / median gap, rounded: 26, 24, 6, 2; so has a fixed spacing, the
// same number of days between nearly all dates (every 28 days: 13 a year, where month ends vary
// from 28 to 31 days apart and the last Fridays of months 28 or 35). Gaps that stray from a
// coarser bucket (or, outside the buckets, from the median itself) too often make the spacing
// irregular, flagged, and P is then the dates it holds a year, counted over its span; the daily
// bucket is judged by the sessions a year it holds instead (below). A gap that spans k ≥ 2 of the
// spacing's gaps (a month-end calendar without June: 61 days) is dates missing from a regular
// calendar, not a stray (isMissingDates), unless such gaps are too many: a change of spacing.
// Such a row covers more than one period of P (engine/calendar/rowPeriods.ts): interest accrues and the
// annual return counts years over the periods the rows cover, not over the rows.
// A daily spacing says nothing about how many sessions a week holds, so the daily bucket is split
// by the sessions a calendar year actually holds (engine/calendar/dailyPeriods.ts): a trading-day calendar
// (five sessions a week, less holidays) gets 252, a calendar-day one (crypto, seven a week) 365,
// and any other count (a six-day week ~313, two sessions a week ~104) is used as measured,
// rounded, and flagged irregular; a hole of missing data (a row spanning six weekdays or more)
// counts the sessions it lacks, so a month missing keeps 252 as the full calendar does; so do
// NYSE's holidays and a few other weekdays without a row (a closure, a missing row): five weeks
// across 2001-09-11 keep 252 too, and so do a few stray weekend rows of a merged calendar (a
// benchmark dated on two Saturdays), as they leave the median gap at one day; a calendar under
// four weeks that is neither 252 nor 365 gets 252, flagged: too short to tell.
// In engine/ because the engine accrues interest per session with the P the metrics use
// (data/rates.ts perPeriodRate); reports import it from here.

import { dailyPeriods } from './dailyPeriods.ts';

export interface Frequency {
  readonly periodsPerYear: number;
  /** The bucket; 'other' for a spacing outside them (P = 365.25 / median gap). */
  readonly label: 'daily' | 'weekly' | 'monthly' | 'quarterly' | 'annual' | 'other';
  /** Median gap between consecutive dates, calendar days (NaN with fewer than two dates). */
  readonly medianGapDays: number;
  /** True when the spacing fits no bucket well (see above); P is then a best guess. */
  readonly irregular: boolean;
  /** How P was found, for manifests and reports: "inferred: monthly spacing (median gap 31 days)". */
  readonly source: string;
}

interface Bucket {
  readonly label: Exclude<Frequency['label'], 'other'>;
  readonly periodsPerYear: number;
  /** Mean gap (a year / P, days), and the range of gaps that still fit (weekends, holidays, month lengths). */
  readonly gap: number;
  readonly lo: number;
  readonly hi: number;
}

const BUCKETS: readonly Bucket[] = [
  { label: 'daily', periodsPerYear: 252, gap: 1, lo: 1, hi: 5 },
  { label: 'weekly', periodsPerYear: 52, gap: 7, lo: 5, hi: 10 },
  { label: 'monthly', periodsPerYear: 12, gap: 365.25 / 12, lo: 25, hi: 36 },
  { label: 'quarterly', periodsPerYear: 4, gap: 365.25 / 4, lo: 80, hi: 100 },
  { label: 'annual', periodsPerYear: 1, gap: 365.25, lo: 350, hi: 380 },
];

/** Stray gaps (strayGaps) above this share make the spacing irregular. */
const MAX_STRAY_SHARE = 0.1;
/**
 * Missing dates (isMissingDates), or a daily calendar's holes (dailyPeriods.ts holeWeekdays), on
 * more than this share of the gaps, at least MIN_CHANGED_GAPS of them, are a change of spacing
 * (20 weekly dates then 9 fortnightly: 9 of 28 gaps; month-ends missing every third: 7 of 16),
 * made irregular and counted. Removing up to 10 % of a calendar's dates leaves at most about 1 in
 * 8 gaps a multiple (m of n − 1 − m gaps, m ≤ n / 10), well under a quarter; under three such gaps
 * (5 month-ends missing 1: 1 of 3 gaps) say nothing of a change.
 */
const MAX_MISSING_SHARE = 0.25;
const MIN_CHANGED_GAPS = 3;
/** A fixed spacing: every gap equal from this many gaps (three equal 28-day gaps are no months), all but MAX_STRAY_SHARE of them from FEW_GAPS. */
const MIN_FIXED_GAPS = 3;
const FEW_GAPS = 6;
/** Outside the buckets, gaps within these multiples of the median keep the spacing regular. */
const REGULAR_GAP = [0.8, 1.25] as const;

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
  const bucket = BUCKETS.find((b) => median >= b.lo && median <= b.hi);
  const span = dates[dates.length - 1] - dates[0];
  // A fixed spacing that is no weekday calendar (every 2 … 5 days; every 28 days) has its own P; so has one outside the buckets.
  const fixed = median > 1 && isFixedSpacing(gaps, median) && Math.round(365.25 / median) !== bucket?.periodsPerYear;
  if (bucket === undefined || fixed) return otherSpacing(gaps, median, span);
  const daily = bucket.label === 'daily' ? dailyPeriods(dates, isChangeOfSpacing) : null;
  if (daily !== null) return { periodsPerYear: daily.periodsPerYear, label: 'daily', medianGapDays: median, irregular: daily.irregular, source: `inferred: ${daily.why} (median gap ${median} days)` };
  if (strayGaps(gaps, bucket.gap, bucket.lo, bucket.hi) > MAX_STRAY_SHARE * gaps.length) return counted(gaps.length, span, `irregular spacing, nearest ${bucket.label}`, bucket.label, median);
  return { periodsPerYear: bucket.periodsPerYear, label: bucket.label, medianGapDays: median, irregular: false, source: `inferred: ${bucket.label} spacing (median gap ${median} days)` };
}

/**
 * Whether a gap of `days` calendar days is one period of the spacing `f` (a bucket's range of gaps:
 * 1–5 days daily — a weekend and a holiday —, 5–10 weekly, 25–36 monthly, 80–100 quarterly,
 * 350–380 annual; else within 10 % of the median gap). How a returns file's first return, whose
 * start no row gives, is read as earned since the other series' value one spacing before it.
 */
export function isOneSpacing(days: number, f: Frequency): boolean {
  const [lo, hi] = spacingRange(f);
  return days >= lo && days <= hi;
}

/** The shortest and longest gap, in calendar days, that is one period of the spacing `f` (isOneSpacing's range). */
export function spacingRange(f: Frequency): readonly [number, number] {
  const bucket = BUCKETS.find((b) => b.label === f.label);
  return bucket ? [bucket.lo, bucket.hi] : [0.9 * f.medianGapDays, 1.1 * f.medianGapDays];
}

/** The mean days between values of a calendar spacing's bucket (weekly 7, monthly 365.25 / 12, quarterly, annual); undefined for daily and other spacings. */
export function calendarGap(f: Frequency): number | undefined {
  return f.label === 'daily' ? undefined : BUCKETS.find((b) => b.label === f.label)?.gap;
}

/**
 * The whole spacings of the regular calendar `f` a gap of `days` calendar days spans: 1 where it
 * is one period (isOneSpacing), k ≥ 2 where it is k periods with dates missing (isMissingDates:
 * month-ends 61 days apart, 2), 0 for any other gap (a stray: 15 days on month-ends).
 */
export function wholeSpacings(days: number, f: Frequency): number {
  const [lo, hi] = spacingRange(f);
  if (days >= lo && days <= hi) return 1;
  const spacing = calendarGap(f) ?? f.medianGapDays;
  return isMissingDates(days, spacing, lo, hi) ? Math.round(days / spacing) : 0;
}

/**
 * The spacing one gap of `days` calendar days reads as on its own: the bucket whose range holds it
 * (1–5 days daily — a weekend, holidays —, 6–10 weekly — a closure such as 2001-09-11 … 14 too —,
 * 25–36 monthly, 80–100 quarterly, 350–380 annual), else the coarsest bucket it spans dates
 * missing from (isMissingDates: 61 days monthly, 14 weekly), else 'other'. For telling where a
 * calendar changes its spacing (engine/caveats/inferredPeriodsCaveats.ts), not for P.
 */
export function gapSpacing(days: number): Frequency['label'] {
  const bucket = BUCKETS.find((b) => days >= b.lo && days <= b.hi) ?? BUCKETS.findLast((b) => b.label !== 'daily' && isMissingDates(days, b.gap, b.lo, b.hi));
  return bucket?.label ?? 'other';
}

/**
 * For a regular spacing outside the buckets (label 'other'): the k ≥ 2 of its median gaps a gap of
 * `days` spans with dates missing (isMissingDates within the REGULAR_GAP tolerance that judged the
 * spacing regular: on the 15th and month-ends, median 15 days, 27 to 33.75 days → 2 — a 15th
 * missing), else 0. How engine/calendar/rowPeriods.ts tells a hole from a row of the spacing there.
 */
export function otherMissingSpacings(days: number, f: Frequency): number {
  const m = f.medianGapDays;
  return isMissingDates(days, m, REGULAR_GAP[0] * m, REGULAR_GAP[1] * m) ? Math.round(days / m) : 0;
}

/** A P below 1 (dates years apart) keeps two decimals; any other is rounded to a whole number. */
const roundP = (exact: number): number => (exact >= 1 ? Math.round(exact) : Math.round(exact * 100) / 100);

/**
 * An irregular coarse calendar (gaps stray from its bucket or its median, e.g. month-ends beside
 * values dated on the 1st): P = the dates it holds a year, gaps / span · 365.25, so that n / P
 * years is its span and cash accrues for the time it covers; flagged irregular.
 */
function counted(gaps: number, span: number, why: string, label: Frequency['label'], median: number): Frequency {
  const periodsPerYear = roundP((gaps / span) * 365.25);
  return { periodsPerYear, label, medianGapDays: median, irregular: true, source: `inferred: ${why}, ${periodsPerYear} dates a year (median gap ${median} days)` };
}

/**
 * Dates missing from a regular calendar: a gap (days) of k ≥ 2 spacings, k = round(gap / spacing),
 * within the one-gap tolerance of k · spacing: [k · spacing − (spacing − lo), k · spacing + (hi −
 * spacing)]. The tolerance is not scaled by k: an anchored calendar (month-ends, Fridays) keeps
 * its dates' offsets however many are missing (two month-ends are 59 to 62 days apart, three 89
 * to 92), while k · [lo, hi] would let every weekly gap from 10 days on pass as missing weeks.
 * Monthly: 61 days → k = 2 (in [55.4, 66.4]); 45 → k = 1, a stray; 72 → k = 2, out of range, a stray.
 */
function isMissingDates(gap: number, spacing: number, lo: number, hi: number): boolean {
  const k = Math.round(gap / spacing);
  return k >= 2 && gap >= k * spacing - (spacing - lo) && gap <= k * spacing + (hi - spacing);
}

/**
 * Gaps (days) outside [lo, hi] that are no missing dates (isMissingDates) of a calendar spaced
 * `spacing` days — and the missing-date gaps too where there are more than MAX_MISSING_SHARE of
 * them (and at least MIN_CHANGED_GAPS): that is a change of spacing, not dates missing.
 */
function strayGaps(gaps: Float64Array, spacing: number, lo: number, hi: number): number {
  let strays = 0;
  let missing = 0;
  for (const g of gaps) {
    if (g >= lo && g <= hi) continue;
    if (isMissingDates(g, spacing, lo, hi)) missing++;
    else strays++;
  }
  return isChangeOfSpacing(missing, gaps.length) ? strays + missing : strays;
}

/** Whether `missing` of a calendar's `gaps` lacking dates (missing dates, a daily calendar's holes) are a change of spacing: more than MAX_MISSING_SHARE of them, MIN_CHANGED_GAPS at least. */
function isChangeOfSpacing(missing: number, gaps: number): boolean {
  return missing >= MIN_CHANGED_GAPS && missing > MAX_MISSING_SHARE * gaps;
}

/** Nearly every gap the same number of days, or a whole multiple of it (missing dates; see the file header). */
function isFixedSpacing(gaps: Float64Array, median: number): boolean {
  if (gaps.length < MIN_FIXED_GAPS) return false;
  const other = strayGaps(gaps, median, median, median);
  return gaps.length < FEW_GAPS ? other === 0 : other <= MAX_STRAY_SHARE * gaps.length;
}

/** A spacing outside the buckets (`gaps` sorted, days; `span` first to last date): P = 365.25 / median gap, rounded; an irregular one is counted. */
function otherSpacing(gaps: Float64Array, median: number, span: number): Frequency {
  if (strayGaps(gaps, median, REGULAR_GAP[0] * median, REGULAR_GAP[1] * median) > MAX_STRAY_SHARE * gaps.length) return counted(gaps.length, span, 'irregular spacing', 'other', median);
  const periodsPerYear = roundP(365.25 / median);
  return { periodsPerYear, label: 'other', medianGapDays: median, irregular: false, source: `inferred: regular spacing, ${periodsPerYear} a year = 365.25 / the median gap (median gap ${median} days)` };
}

/** A P the user set, described the same way. */
export function givenFrequency(periodsPerYear: number): Frequency {
  const bucket = BUCKETS.find((b) => b.periodsPerYear === periodsPerYear);
  return { periodsPerYear, label: bucket?.label ?? 'daily', medianGapDays: NaN, irregular: false, source: `given: P = ${periodsPerYear}` };
}

/**
 * The P of a run (or series) over the calendar `dates` (ascending epoch days): `given` where the
 * user set one (periodsPerYear), else inferred from their spacing. What the engine accrues with,
 * runMetrics annualises by and a walk-forward window's out-of-sample figures use, so each of them
 * reads the same P off the same sessions.
 */
export function frequencyOf(dates: ArrayLike<number>, given: number | undefined): Frequency {
  return given === undefined ? inferFrequency(dates) : givenFrequency(given);
}

/**
 * P of returns paired over the dates two series share (relative metrics). METRICS.md infers P
 * from a calendar's spacing and never assumes 252 for data that is not daily, and relative
 * metrics use the paired intervals; it does not name their calendar, and implies this one:
 * `paired` = the first common date, then each paired interval's end (epoch days). Where its
 * inferred P is the series' own calendar's (`own`), the series' P `ownP` stands (a P the user
 * set carries over); otherwise the pairs' inferred P replaces it — a daily strategy against
 * month-end benchmark values pairs monthly returns, annualised with 12; a coin priced every day
 * against a weekday benchmark pairs weekday returns, annualised with 252, not 365.
 */
export function pairedFrequency(paired: ArrayLike<number>, own: ArrayLike<number>, ownP: number): Frequency {
  const pairs = inferFrequency(paired);
  const series = inferFrequency(own);
  if (paired.length < 2 || pairs.periodsPerYear === series.periodsPerYear) return { ...pairs, periodsPerYear: ownP, source: 'spaced like the series' };
  return { ...pairs, source: `${spacingWords(pairs, gapRange(paired), 'common dates', 'their')}, the series ${spacingWords(series, gapRange(own), '', 'its')}` };
}

/** The shortest and the longest gap between consecutive ascending epoch days. */
function gapRange(days: ArrayLike<number>): readonly [number, number] {
  let [lo, hi] = [Infinity, -Infinity];
  for (let k = 1; k < days.length; k++) [lo, hi] = [Math.min(lo, days[k] - days[k - 1]), Math.max(hi, days[k] - days[k - 1])];
  return [lo, hi];
}

/**
 * A calendar's spacing named, never its P alone: `what` (e.g. 'common dates') after the bucket
 * ('monthly common dates (median gap 30 days)'), a fixed spacing outside the buckets by its days
 * ('common dates every 14 days, 26 a year'), an irregular one — daily too — as irregular with the
 * dates a year counted over `whose` span and its shortest and longest gap (`gaps`, days):
 * 'irregular common dates, 5 a year over their span (median gap 91 days, 28 to 105)' — not the
 * nearest bucket's name, nor 'daily' for one-day gaps mixed with one-month ones (probe r64d F5).
 */
function spacingWords(f: Frequency, gaps: readonly [number, number], what: string, whose: string): string {
  const gap = `median gap ${f.medianGapDays} days`;
  const named = (spacing: string): string => (what === '' ? spacing : `${spacing} ${what}`);
  if (f.irregular) return `${named('irregular')}, ${f.periodsPerYear} a year over ${whose} span (${gap}, ${gaps[0]} to ${gaps[1]})`;
  if (f.label === 'daily') return `${named('daily')}${f.periodsPerYear === 252 ? '' : ` (P = ${f.periodsPerYear})`}`;
  if (f.label === 'other') return `${what === '' ? 'every' : `${what} every`} ${f.medianGapDays} days, ${f.periodsPerYear} a year`;
  return what === '' ? f.label : `${named(f.label)} (${gap})`;
}
