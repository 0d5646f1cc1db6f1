// Analysing any dated return series without a backtest (the quantstats use case): the METRICS.md
// set, relative metrics on the dates both series share, and factor regressions.

import type { FactorTable } from '../data/factors.ts';
import type { RateSeries } from '../data/rates.ts';
import type { PriceReturns } from '../data/returnSeries.ts';
import { type Caveat, caveat } from '../engine/caveats/caveats.ts';
import { ruinCaveats } from './caveats/ruinCaveats.ts';
import { dayParts, isoDay } from '../data/dates.ts';
import { readWeekendBarsAsOf } from '../data/prices/series/weekendBars.ts';
import { calendarGap, isOneSpacing } from '../engine/calendar/frequency.ts';
import { seriesCaveats, type SeriesRole } from '../engine/caveats/warnings.ts';
import { givenPeriodsCaveats } from '../engine/caveats/givenPeriodsCaveats.ts';
import { annualisationCaveats, calendarHoleCaveats } from './caveats/annualisationCaveats.ts';
import { benchmarkCoverageCaveats, benchmarkFlatCaveats } from './benchmark/benchmarkCoverage.ts';
import { factorRegressions, type FactorRegression } from './attribution/index.ts';
import { checkAnnualRate, checkPerPeriodRate, checkPeriodsPerYear } from './metricOptions.ts';
import { accrualPeriodsOfReturns, accrualPeriodsOfReturnsAmong, chainsOf, computeMetrics, type Frequency, frequencyOf, inferFrequency, levelsOf, type MetricSet, monthIndex, periodsOfReturns, periodsOfReturnsAmong, riskFreeCaveats, riskFreeFromRate, riskFreeFromRates } from './metrics/index.ts';

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

/** What analyseSeries measured of a series: the METRICS.md set, relative metrics against a benchmark on the dates both share, factor regressions, and the caveats of its data. */
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

/**
 * A constant rate as the CLI's --rf-annual and --rf-per-period take it: an annual rate in a study's
 * range; a per-period return whose annual equivalent over the series' P is in that range.
 */
function checkRiskFree(riskFree: RiskFreeInput | undefined, P: number): void {
  if (riskFree?.kind === 'annual') checkAnnualRate(riskFree.rate, 'analyseSeries: riskFree.rate');
  if (riskFree?.kind === 'perPeriod') checkPerPeriodRate(riskFree.rate, P, 'analyseSeries: riskFree.rate');
}

/** The calendar a series (its missing periods blanked: missingPeriodsBlank) is measured on: its start, where it has one, then its dates. */
const calendarOf = (series: DatedSeries): Int32Array => (series.startDay === undefined ? series.dates : Int32Array.of(series.startDay, ...series.dates));

/**
 * The frequency analyseSeries measures `given` with (against `options.benchmark`): P as given, or
 * inferred from its dates with the periods it misses blanked. For checking a per-period rate
 * before the analysis (checkPerPeriodRate).
 */
export function seriesFrequency(given: DatedSeries, options: { benchmark?: DatedSeries; periodsPerYear?: number } = {}): Frequency {
  return frequencyOf(calendarOf(blankRowAsStart(missingPeriodsBlank(given, options.benchmark))), options.periodsPerYear);
}

/**
 * A returns file (no start day) whose first row is blank, as a run's export writes it
 * (`2018-03-15,` then the returns): that row is the series' start — the value the first return is
 * earned from, wealth 1 — not an unknown return. Read as a price series' start is: `startDay` its
 * date, the rows after it the returns (so the metrics are the run's over the same returns, n the
 * returns, and a benchmark file starting on the next row starts with it, probe r72a F1/F2). A
 * blank row after the first is an unknown return, as ever. Any other series is returned as given.
 */
export function blankRowAsStart<S extends DatedSeries>(s: S): S {
  if (s.startDay !== undefined || s.returns.length === 0 || !Number.isNaN(s.returns[0])) return s;
  return { ...s, startDay: s.dates[0], dates: s.dates.subarray(1), returns: s.returns.subarray(1) };
}

/**
 * Analyses a dated return series without a backtest (`breadth metrics`): every METRICS.md metric,
 * relative metrics against `options.benchmark` on the dates both share, and factor regressions on
 * `options.factors`. Returns are fractions; riskFree an annual rate, a per-period return or a rate
 * series; periodsPerYear (P) is inferred from the dates when not given.
 * @throws UserError for a risk-free rate out of range or not finite, or a periodsPerYear that is not a whole number in range.
 */
export function analyseSeries(
  given: DatedSeries,
  options: { benchmark?: DatedSeries; riskFree?: RiskFreeInput; periodsPerYear?: number; factors?: readonly FactorTable[] } = {},
): SeriesAnalysis {
  if (options.periodsPerYear !== undefined) checkPeriodsPerYear(options.periodsPerYear, 'analyseSeries: periodsPerYear');
  // Missing periods are blanked on each file's own rows, its blank start row among them; that row is then read as its start.
  const spaced = missingPeriodsBlank(given, options.benchmark);
  const blanked = [gapCaveat(given, spaced, 'series')];
  const series = blankRowAsStart(spaced);
  if (options.benchmark !== undefined) {
    const benchmark = missingPeriodsBlank(options.benchmark, given);
    blanked.push(gapCaveat(options.benchmark, benchmark, 'benchmark'));
    options = { ...options, benchmark: blankRowAsStart(benchmark) };
  }
  const calendar = calendarOf(series);
  const frequency = frequencyOf(calendar, options.periodsPerYear);
  const P = frequency.periodsPerYear;
  checkRiskFree(options.riskFree, P);
  const read = options.benchmark === undefined ? undefined : valueDaysAsRead(series, options.benchmark);
  const own = periodsOfReturns(series.dates, series.startDay, P);
  const periods = read === undefined ? own : periodsOfReturnsAmong(read.days[0], read.days[1], P);
  // A constant rate of 0 is no risk-free, as in runMetrics: one source ('none (rf = 0)') for both.
  const rf = options.riskFree !== undefined && options.riskFree.kind !== 'series' && options.riskFree.rate === 0 ? undefined : options.riskFree;
  // An annual rate over each return's own time, by the calendar's spacing whatever P annualises (engine/calendar/rowPeriods.ts accrualPeriods).
  const lasts = read === undefined ? accrualPeriodsOfReturns(series.dates, series.startDay, P) : accrualPeriodsOfReturnsAmong(read.days[0], read.days[1], P);
  const riskFree =
    rf === undefined ? 0 : rf.kind === 'annual' ? riskFreeFromRate(rf.rate, P, lasts) : rf.kind === 'perPeriod' ? rf.rate : riskFreeFromRates(series.dates, rf.series, P, lasts);
  const riskFreeSource =
    rf === undefined ? 'none (rf = 0)' : rf.kind === 'annual' ? `constant ${rf.rate} a year` : rf.kind === 'perPeriod' ? `constant ${rf.rate} per period` : rf.source;
  const onDates = options.benchmark && read ? levelsOnDates(series, options.benchmark, read) : undefined;
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
  const covered = onDates === undefined || apart.length > 0 ? [] : coverageCaveats(series, options.benchmark, onDates.levels, onDates.start);
  const whose = series.name === undefined ? "the series'" : `${series.name}'s`;
  const holes = calendarHoleCaveats(calendar, series.startDay === undefined ? own.subarray(1) : own, frequency, whose, 'the risk-free return');
  const among = read === undefined ? [] : sessionsAmongCaveats(series, options.benchmark?.name, read.days[0], own, periods);
  const givenP = givenPeriodsCaveats(calendar, options.periodsPerYear, { whose, accrued: 'the risk-free returns', row: 'return', readBy: '' });
  const annualised = [...annualisationCaveats(frequency, metrics, options.benchmark?.name, "the series'", 'periodsPerYear (--periods-per-year)'), ...givenP, ...holes, ...among];
  const caveats = [...ruinCaveats(metrics.ruin, (row) => series.dates[row], 'wealth'), ...apart, ...annualised, ...covered, ...readEarlier, ...blanked.filter((c): c is Caveat => c !== null), ...dataCaveats(series, 'series'), ...dataCaveats(options.benchmark, 'benchmark'), ...(rf?.kind === 'series' ? riskFreeCaveats(rf.series, series.dates) : [])];
  return { metrics: { ...metrics, periodsSource: frequency.source }, benchmark: options.benchmark?.name ?? null, frequency, regressions, caveats };
}

/**
 * The series' returns that span dates only the benchmark has (periodsOfReturnsAmong counts them on
 * both files' dates: `periods`, against the series' `own` count), said low with the first: "AAA
 * has 1 return spanning dates only benchmark BEN has (2024-01-05 → 2024-01-09: 2 periods, 1 by its
 * own dates) …". `days`: the series' value days as paired (its start, NaN when unknown, then each
 * return's date).
 */
function sessionsAmongCaveats(series: DatedSeries, benchmark: string | undefined, days: readonly number[], own: ArrayLike<number>, periods: ArrayLike<number>): Caveat[] {
  const rows = Array.from(periods, (_, k) => k).filter((k) => Math.abs(periods[k] - own[k]) > 1e-12);
  if (rows.length === 0) return [];
  const first = rows[0];
  const from = Number.isNaN(days[first]) ? 'its start' : isoDay(days[first]);
  const one = rows.length === 1;
  const k = (x: number): string => String(Math.round(x * 1e4) / 1e4);
  const message =
    `${series.name ?? 'the series'} has ${rows.length} return${one ? '' : 's'} spanning dates only ${benchmark === undefined ? 'the benchmark' : `benchmark ${benchmark}`} has (${one ? '' : 'the first '}${from} → ${isoDay(days[first + 1])}: ${k(periods[first])} periods, ${k(own[first])} by its own dates): ` +
    `${one ? 'it counts' : 'each counts'} the periods of both files' dates between its own, as a run over the two counts them, for the annual return and the risk-free return`;
  return [caveat('frequency', 'low', message, { value: rows.length, unit: 'count' })];
}

const WEEKDAYS = ['Sundays', 'Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays'];

/**
 * A series' calendar in words: its spacing (engine/calendar/frequency.ts), the weekdays its values fall
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
function coverageCaveats(series: DatedSeries, benchmark: DatedSeries | undefined, levels: Float64Array, start: number): Caveat[] {
  const days = [start, ...Array.from(series.dates)];
  const name = benchmark?.name ?? 'the benchmark';
  const covered = { noun: series.name ?? 'the series', unit: 'period' } as const;
  const own = benchmark === undefined ? [] : valueDays(benchmark).filter((d) => !Number.isNaN(d));
  const reach = { before: own.length > 0 && own[0] < days[0], after: own.length > 0 && own[own.length - 1] > days[days.length - 1] };
  // A returns file without a start row begins at its first return, read from the series' value before it: said beside the day it starts on.
  const firstReturn = benchmark !== undefined && benchmark.startDay === undefined && benchmark.dates.length > 0 ? benchmark.dates[0] : undefined;
  return [...benchmarkCoverageCaveats(name, levels, (row) => days[row], covered, reach, firstReturn), ...benchmarkFlatCaveats(name, levels, (row) => days[row], covered)];
}

/** Each value's date: row 0 the start (NaN when not known), row k the k-th return's date. */
const valueDays = (s: DatedSeries): number[] => [s.startDay ?? NaN, ...Array.from(s.dates)];

/**
 * Both series' value days as a run over the two would read them: a weekend-dated value of a
 * coarser series (index levels dated on calendar month-ends) beside a series that never has a
 * weekend date is read as of the previous session (data/prices/series/weekendBars.ts). NaN (an unknown
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
 * A returns file (no start day) whose own spacing skips whole periods — month-ends with no
 * 2023-03-31 row — lists one-period returns: the row after the gap is its own period's return, and
 * each missing one is unknown, as a blank row says it (never merged with the next into a
 * two-period return: probe r34b, beta 0.0026 for 0.0074 by hand). A gap of k spacings (k ≥ 2, each
 * k-th of it one spacing: isOneSpacing) gets k − 1 blank rows, each dated on `other`'s value
 * nearest its nominal date (within half a spacing), else on that date — so the return after the gap
 * still pairs. A gap that is no whole number of spacings (a value dated mid-month among
 * month-ends) is left as it is: its return covers it. Daily files are left as they are (a missing
 * weekday is a holiday as often as a gap); price series (with a start day) too: their return after
 * a gap does cover it.
 */
function missingPeriodsBlank(s: DatedSeries, other: DatedSeries | undefined): DatedSeries {
  if (s.startDay !== undefined || s.dates.length < 3) return s;
  const spacing = inferFrequency(s.dates);
  const nominal = calendarGap(spacing);
  if (nominal === undefined) return s;
  const otherDays = other === undefined ? [] : Array.from(other.dates);
  const dates: number[] = [s.dates[0]];
  const returns: number[] = [s.returns[0]];
  for (let k = 1; k < s.dates.length; k++) {
    const [before, at] = [s.dates[k - 1], s.dates[k]];
    const periods = Math.round((at - before) / nominal);
    if (periods >= 2 && isOneSpacing((at - before) / periods, spacing)) {
      for (let j = 1; j < periods; j++) {
        const target = before + ((at - before) * j) / periods;
        const near = otherDays.filter((d) => d > dates[dates.length - 1] && d < at && Math.abs(d - target) <= nominal / 2).sort((x, y) => Math.abs(x - target) - Math.abs(y - target))[0];
        dates.push(near ?? Math.round(target));
        returns.push(NaN);
      }
    }
    dates.push(at);
    returns.push(s.returns[k]);
  }
  return dates.length === s.dates.length ? s : { ...s, dates: Int32Array.from(dates), returns: Float64Array.from(returns) };
}

/** The caveat for the periods missingPeriodsBlank read as unknown in a returns file (null: none). */
function gapCaveat(given: DatedSeries, read: DatedSeries, role: 'series' | 'benchmark'): Caveat | null {
  const missing = read.dates.length - given.dates.length;
  if (missing === 0) return null;
  const first = read.dates[read.returns.findIndex((r, k) => Number.isNaN(r) && !given.dates.includes(read.dates[k]))];
  const name = given.name ?? `the ${role}`;
  return caveat(role === 'benchmark' ? 'benchmark' : 'data-note', 'low', `${role === 'benchmark' ? 'benchmark ' : ''}${name} has no row for ${missing} period${missing === 1 ? '' : 's'} its own spacing expects (the first near ${isoDay(first)}): each is an unknown return, as a blank row is — the row after it is its own period's return, not merged with the missing one`, { value: missing, unit: 'count' });
}

/** The period a day falls in, for a spacing: its (Monday-based) week, month, quarter or year; the day itself for daily and other spacings. */
function periodOf(label: Frequency['label']): (day: number) => number {
  if (label === 'weekly') return (d) => Math.floor((d + 3) / 7);
  if (label === 'monthly') return monthIndex;
  if (label === 'quarterly') return (d) => Math.floor(monthIndex(d) / 3);
  if (label === 'annual') return (d) => Math.floor(monthIndex(d) / 12);
  return (d) => d;
}

/**
 * Where a returns file's first return — dated `first`, the file spaced `spacing` — starts among
 * `days` (the other series' value days, ascending; NaN, an unknown start, is skipped): the other's
 * last value in the period before `first`'s (the session before, the previous week's, month-end,
 * quarter-end or year-end) when it lies one spacing before `first` (isOneSpacing); −1 when none does.
 */
function startAmong(first: number, spacing: Frequency, days: readonly number[]): number {
  const period = periodOf(spacing.label);
  const own = period(first);
  const calendar = spacing.label !== 'daily' && spacing.label !== 'other';
  for (let k = days.length - 1; k >= 0; k--) {
    const d = days[k];
    if (!(d < first) || period(d) === own) continue;
    return (!calendar || period(d) === own - 1) && isOneSpacing(first - d, spacing) ? k : -1;
  }
  return -1;
}

/** How a spacing reads in a caveat: "monthly", "every 9 days". */
const spacingWords = (f: Frequency): string => (f.label === 'other' ? `every ${f.medianGapDays} days` : f.label);

/**
 * The benchmark's value levels on the series' own rows (row 0 = the series' start, row k = its
 * k-th return's date), NaN where the benchmark has no value on that date, and the run of each
 * (relative.ts chainsOf: a blank benchmark return breaks it). Each series' values include its
 * start, so a benchmark starting after the series starts on the series row of its first value.
 * A returns file has no start: its first return is read as earned since the other series' value
 * one of the file's own spacings before it, in the period before (startAmong: a daily file's first
 * return from the previous session, a monthly file's from the previous month-end) — so a file
 * starting later pairs its first return, and two files starting on the same first date start
 * together (the convention of inner-joined return files); where the other series has no such
 * value (a monthly file beside daily values starting inside its first month) that return is not
 * paired, and a caveat says so. `start`: the day of the series' row 0 as paired (a series file's
 * start read off the benchmark; NaN when unknown). Dates as valueDaysAsRead reads them.
 */
function levelsOnDates(series: DatedSeries, benchmark: DatedSeries, read: ReturnType<typeof valueDaysAsRead>): { levels: Float64Array; chain: Float64Array; start: number; readEarlier: Caveat[] } {
  const b = levelsOf(benchmark.returns);
  const runs = chainsOf(benchmark.returns);
  const { days: [seriesDays, benchmarkDays], readEarlier } = read;
  const rowOf = new Map(benchmarkDays.map((day, j) => [day, j]));
  const rows = seriesDays.map((day) => (Number.isNaN(day) ? -1 : rowOf.get(day) ?? -1));
  const unpaired: Caveat[] = [];
  const [seriesName, benchmarkName] = [series.name ?? 'the series', benchmark.name ?? 'the benchmark'];
  const notPaired = (who: string, first: number, spacing: Frequency, other: string): Caveat =>
    caveat('benchmark', 'low', `${who}: its first return (${isoDay(first)}, ${spacingWords(spacing)}) is earned since a date ${other} has no value on (one spacing earlier), so it is not paired`);
  if (benchmark.startDay === undefined && benchmark.dates.length > 0) {
    // The benchmark file's first return, from the series value one of the file's spacings before it.
    const first = benchmarkDays[1];
    const spacing = inferFrequency(benchmarkDays.slice(1));
    const k = series.startDay === undefined && seriesDays[1] === first ? 0 : startAmong(first, spacing, seriesDays);
    if (k >= 0) rows[k] = 0;
    else if (seriesDays.some((d) => d < first)) unpaired.push(notPaired(`benchmark ${benchmarkName}`, first, spacing, seriesName));
  }
  if (series.startDay === undefined && series.dates.length > 0 && rows[0] < 0) {
    // The series file's first return, from the benchmark value one of the series' spacings before it.
    const first = seriesDays[1];
    const spacing = inferFrequency(seriesDays.slice(1));
    const j = startAmong(first, spacing, benchmarkDays);
    if (j >= 0) rows[0] = j;
    else if (benchmarkDays.some((d) => d < first)) unpaired.push(notPaired(seriesName, first, spacing, `benchmark ${benchmarkName}`));
  }
  const start = Number.isNaN(seriesDays[0]) && rows[0] >= 0 ? benchmarkDays[rows[0]] : seriesDays[0];
  return { levels: Float64Array.from(rows, (j) => b[j] ?? NaN), chain: Float64Array.from(rows, (j) => runs[j] ?? NaN), start, readEarlier: [...readEarlier, ...unpaired] };
}
