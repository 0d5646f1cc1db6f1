// Periods per year (METRICS.md "Inputs": P) from a calendar's spacing: the median gap between
// consecutive dates in calendar days — about 1 → 252 (daily), 7 → 52 (weekly), 30 → 12
// (monthly), 91 → 4 (quarterly), 365 → 1 (annual). A spacing that fits no bucket, or whose gaps
// stray from their bucket too often, is irregular: P is then the nearest bucket's, flagged.
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

/** P inferred from ascending epoch days; fewer than two dates give daily (252), flagged irregular. */
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
  const irregular = fits === undefined || strays > MAX_STRAY_SHARE * gaps.length;
  const why = irregular ? `irregular spacing, nearest ${bucket.label}` : `${bucket.label} spacing`;
  return { periodsPerYear: bucket.periodsPerYear, label: bucket.label, medianGapDays: median, irregular, source: `inferred: ${why} (median gap ${median} days)` };
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
