// Analysing any dated return series without a backtest (the quantstats use case): the METRICS.md
// set, relative metrics on the dates both series share, and factor regressions.

import type { FactorTable } from '../data/factors.ts';
import type { RateSeries } from '../data/rates.ts';
import type { PriceReturns } from '../data/returnSeries.ts';
import { type Caveat, caveat } from '../engine/caveats.ts';
import { dayParts, isoDay } from '../data/dates.ts';
import { readWeekendBarsAsOf } from '../data/prices/weekendBars.ts';
import { isOneSpacing } from '../engine/frequency.ts';
import { seriesCaveats, type SeriesRole } from '../engine/warnings.ts';
import { annualisationCaveats } from './annualisationCaveats.ts';
import { benchmarkCoverageCaveats, benchmarkFlatCaveats } from './benchmarkCoverage.ts';
import { factorRegressions, type FactorRegression } from './attribution/index.ts';
import { chainsOf, computeMetrics, type Frequency, givenFrequency, inferFrequency, levelsOf, type MetricSet, periodsOfReturns, riskFreeCaveats, riskFreeFromRate, riskFreeFromRates } from './metrics/index.ts';

export interface DatedSeries {
  readonly dates: Int32Array;
  readonly returns: Float64Array;
  readonly startDay?: number;
  readonly name?: string;
}

export type RiskFreeInput =
  | { readonly kind: 'annual'; readonly rate: number }
  | { readonly kind: 'perPeriod'; readonly rate: number }
  | { readonly kind: 'series'; readonly series: RateSeries; readonly source: string };

export interface SeriesAnalysis {
  readonly metrics: MetricSet;
  readonly benchmark: string | null;
  /** How P was found: given, or inferred from the series' dates. */
  readonly frequency: Frequency;
  readonly regressions: FactorRegression[];
  /**
   * What the measurement should carry: the data caveats a run would give for a series read from
   * prices (source notes, one-session moves that revert), and a risk-free series not covering it.
   */
  readonly caveats: Caveat[];
}

/** The data caveats a run would give for a series read from prices (a PriceReturns carries its market), said of the series or its benchmark. */
function dataCaveats(s: DatedSeries | undefined, role: SeriesRole): Caveat[] {
  if (s === undefined || !('market' in s)) return [];
  const p = s as PriceReturns;
  return seriesCaveats(p.market, p.symbol, p.first, p.last, role);
}

export function analyseSeries(
  series: DatedSeries,
  options: { benchmark?: DatedSeries; riskFree?: RiskFreeInput; periodsPerYear?: number; factors?: readonly FactorTable[] } = {},
): SeriesAnalysis {
  const calendar = series.startDay === undefined ? series.dates : Int32Array.of(series.startDay, ...series.dates);
  const frequency = options.periodsPerYear === undefined ? inferFrequency(calendar) : givenFrequency(options.periodsPerYear);
  const P = frequency.periodsPerYear;
  const periods = periodsOfReturns(series.dates, series.startDay, P);
  // A constant rate of 0 is no risk-free, as in runMetrics: one source ('none (rf = 0)') for both.
  const rf = options.riskFree !== undefined && options.riskFree.kind !== 'series' && options.riskFree.rate === 0 ? undefined : options.riskFree;
  const riskFree =
    rf === undefined ? 0 : rf.kind === 'annual' ? riskFreeFromRate(rf.rate, P, periods) : rf.kind === 'perPeriod' ? rf.rate : riskFreeFromRates(series.dates, rf.series, P, periods);
  const riskFreeSource =
    rf === undefined ? 'none (rf = 0)' : rf.kind === 'annual' ? `constant ${rf.rate} a year` : rf.kind === 'perPeriod' ? `constant ${rf.rate} per period` : rf.source;
  const onDates = options.benchmark ? levelsOnDates(series, options.benchmark) : undefined;
  const readEarlier = onDates?.readEarlier ?? [];
  const metrics = computeMetrics({
    returns: series.returns,
    dates: series.dates,
    ...(series.startDay === undefined ? {} : { startDay: series.startDay }),
    periodsPerYear: P,
    periods,
    riskFree,
    riskFreeSource,
    ...(onDates ? { benchmarkLevels: onDates.levels, benchmarkChain: onDates.chain } : {}),
  });
  const regressions = options.factors?.length ? factorRegressions(series.dates, series.returns, series.startDay, { factors: options.factors, periodsPerYear: P }) : [];
  const apart = options.benchmark !== undefined && metrics.pairing?.intervals === 0 && metrics.pairing.unknown === undefined ? [noCommonDates(series, options.benchmark)] : [];
  const covered = onDates === undefined || apart.length > 0 ? [] : coverageCaveats(series, options.benchmark, onDates.levels);
  const annualised = annualisationCaveats(frequency, metrics, options.benchmark?.name, "the series'", 'periodsPerYear (--periods-per-year)');
  const caveats = [...apart, ...annualised, ...covered, ...readEarlier, ...dataCaveats(series, 'series'), ...dataCaveats(options.benchmark, 'benchmark'), ...(rf?.kind === 'series' ? riskFreeCaveats(rf.series, series.dates) : [])];
  return { metrics: { ...metrics, periodsSource: frequency.source }, benchmark: options.benchmark?.name ?? null, frequency, regressions, caveats };
}

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * A series' calendar in words: its spacing (engine/frequency.ts), the weekdays its values fall
 * on and its first and last date — "weekly on Fridays, 2020-01-03 → 2022-12-30".
 */
export function calendarWords(s: DatedSeries): string {
  const days = valueDays(s).filter((d) => !Number.isNaN(d));
  if (days.length === 0) return 'no dates';
  const on = WEEKDAYS.filter((_, w) => days.some((d) => dayParts(d).weekday === w));
  const f = inferFrequency(days);
  return `${f.label === 'other' ? `every ${f.medianGapDays} days` : f.label} on ${on.length === 1 ? on[0] : on.map((w) => w.slice(0, 3)).join(', ')}, ${isoDay(days[0])} → ${isoDay(days[days.length - 1])}`;
}

/** The series and its benchmark have fewer than two dates in common: no interval to pair, said with both calendars. */
function noCommonDates(series: DatedSeries, benchmark: DatedSeries): Caveat {
  const name = (s: DatedSeries, fallback: string): string => s.name ?? fallback;
  return caveat(
    'benchmark',
    'high',
    `${name(series, 'the series')} (${calendarWords(series)}) and ${name(benchmark, 'the benchmark')} (${calendarWords(benchmark)}) share fewer than two dates: no interval to pair, so no relative metrics; give a benchmark with values on the series' dates`,
  );
}

/** Rows of the series (its start, then each return) the benchmark's levels leave out, as a run states them (benchmarkCoverage.ts). */
function coverageCaveats(series: DatedSeries, benchmark: DatedSeries | undefined, levels: Float64Array): Caveat[] {
  const days = valueDays(series);
  const name = benchmark?.name ?? 'the benchmark';
  const covered = { noun: series.name ?? 'the series', unit: 'period' } as const;
  return [...benchmarkCoverageCaveats(name, levels, (row) => days[row], covered), ...benchmarkFlatCaveats(name, levels, (row) => days[row], covered)];
}

/** Each value's date: row 0 the start (NaN when not known), row k the k-th return's date. */
const valueDays = (s: DatedSeries): number[] => [s.startDay ?? NaN, ...Array.from(s.dates)];

/**
 * Both series' value days as a run over the two would read them: a weekend-dated value of a
 * coarser series (index levels dated on calendar month-ends) beside a series that never has a
 * weekend date is read as of the previous session (data/prices/weekendBars.ts). NaN (an unknown
 * start) stays NaN. With a low caveat naming the series whose values moved, when any did.
 */
function valueDaysAsRead(series: DatedSeries, benchmark: DatedSeries): { days: [number[], number[]]; readEarlier: Caveat[] } {
  const given = [valueDays(series), valueDays(benchmark)];
  const names = [series.name ?? 'the series', benchmark.name ?? 'the benchmark'];
  const reading = readWeekendBarsAsOf(given.map((days, k) => ({ symbol: names[k], dates: Int32Array.from(days.filter((d) => !Number.isNaN(d))) })));
  const days = given.map((list, k) => {
    let r = 0;
    return list.map((d) => (Number.isNaN(d) ? d : reading.series[k].dates[r++]));
  }) as [number[], number[]];
  const readEarlier = [...reading.moved].map(([name, count]) =>
    caveat('benchmark', 'low', `${name}: ${count} weekend-dated value${count === 1 ? '' : 's'} read as of the previous session (calendar month-end levels; the other series never has a weekend date), as a run reads them`),
  );
  return { days, readEarlier };
}

/**
 * The benchmark's value levels on the series' own rows (row 0 = the series' start, row k = its
 * k-th return's date), NaN where the benchmark has no value on that date, and the run of each
 * (relative.ts chainsOf: a blank benchmark return breaks it). Each series' values include its
 * start, so a benchmark starting after the series starts on the series row of its first value.
 * A returns file has no start: its first return is read as earned since the other series' last
 * value before it when that value lies one of the file's own spacings earlier (engine/frequency.ts
 * isOneSpacing: a daily file's first return from the previous session, a monthly file's from the
 * previous month-end) — so a benchmark file starting later pairs its first return, and two files
 * starting on the same first date start together (the convention of inner-joined return files);
 * a monthly file beside daily values pairs from its first month-end, its first month's start
 * being no value of the series. Dates as valueDaysAsRead reads them.
 */
function levelsOnDates(series: DatedSeries, benchmark: DatedSeries): { levels: Float64Array; chain: Float64Array; readEarlier: Caveat[] } {
  const b = levelsOf(benchmark.returns);
  const runs = chainsOf(benchmark.returns);
  const { days: [seriesDays, benchmarkDays], readEarlier } = valueDaysAsRead(series, benchmark);
  const rowOf = new Map(benchmarkDays.map((day, j) => [day, j]));
  const rows = seriesDays.map((day) => (Number.isNaN(day) ? -1 : rowOf.get(day) ?? -1));
  const unpaired: Caveat[] = [];
  if (benchmark.startDay === undefined && benchmark.dates.length > 0) {
    // The benchmark file's first return, from the series value one of the file's spacings before it.
    const i = seriesDays.indexOf(benchmarkDays[1]);
    const before = i > 0 ? seriesDays[i - 1] : NaN;
    const spacing = inferFrequency(benchmarkDays.slice(1));
    if (i === 1 && series.startDay === undefined) rows[0] = 0;
    else if (i > 0 && isOneSpacing(benchmarkDays[1] - before, spacing)) rows[i - 1] = 0;
    else if (i > 0) unpaired.push(caveat('benchmark', 'low', `benchmark ${benchmark.name ?? 'the benchmark'}: its first return (${isoDay(benchmarkDays[1])}, ${spacing.label === 'other' ? `every ${spacing.medianGapDays} days` : spacing.label}) is earned since a date ${series.name ?? 'the series'} has no value on (one spacing earlier), so it is not paired: the benchmark's values start on ${isoDay(benchmarkDays[1])}`));
  }
  if (series.startDay === undefined && series.dates.length > 0 && rows[0] < 0) {
    // The series file's first return, from the benchmark value one of the series' spacings before it.
    const j = benchmarkDays.findLastIndex((day) => day < seriesDays[1]);
    if (j >= 0 && isOneSpacing(seriesDays[1] - benchmarkDays[j], inferFrequency(seriesDays.slice(1)))) rows[0] = j;
  }
  return { levels: Float64Array.from(rows, (j) => b[j] ?? NaN), chain: Float64Array.from(rows, (j) => runs[j] ?? NaN), readEarlier: [...readEarlier, ...unpaired] };
}
