// What the comparison page measures from the runs' daily series: metrics over the period every
// run covers (METRICS.md via computeMetrics, on each run's NAV, risk-free and benchmark rows
// clipped to that window), calendar-year returns over it, the Sharpe difference of each run
// against the reference with its significance (sharpeDifference.ts), and switches of the holding.

import { CASH_BENCHMARK } from '../../benchmark/benchmark.ts';
import { computeMetrics, MIN_TEST_N, type Pairing, sharpeDifference, type SharpeDifference } from '../../metrics/index.ts';
import type { ComparisonRun, MetricFigure } from '../model.ts';
import { formatCount } from '../page/format.ts';
import { partialYearEnd, partialYearStart, yearRows } from '../tearSheet/calendar.ts';
import { epochDays, navReturns } from '../series.ts';
import { pairRuns } from './pairedRuns.ts';
import { parseIsoDay } from '../../../data/dates.ts';

const DEFAULT_P = 252;

/**
 * The common period: the first and last of the dates on which every run has a value (ISO dates,
 * both inclusive), or null when they share none. Every run is measured between these same two
 * dates, so a monthly run against daily runs spans its month-ends inside the overlap, and the
 * daily runs span the same month-ends.
 */
export function commonWindow(runs: readonly ComparisonRun[]): { from: string; to: string } | null {
  const shared = sharedDates(runs);
  if (shared.length === 0) return null;
  // A filter of the first run's ascending dates: ascending too.
  return { from: shared[0], to: shared[shared.length - 1] };
}

/** The dates on which every run has a value (ISO, ascending); [] without runs. */
export function sharedDates(runs: readonly ComparisonRun[]): readonly string[] {
  if (runs.length === 0) return [];
  return runs.slice(1).reduce((kept, r) => {
    const has = new Set(r.dates);
    return kept.filter((d) => has.has(d));
  }, runs[0].dates);
}

/**
 * What the page and the terminal say of a short common period: its span in days and the
 * intervals between the dates every run shares, when it spans under a year (365 days) or under
 * MIN_TEST_N intervals (the Sharpe test's threshold for z and p) — annualized figures over it
 * extrapolate, as a run's short-sample caveat says of a short run; null otherwise or when there is
 * no common date. Two runs sharing 2017-01-03 → 2017-01-09 (4 intervals) read CAGR −61 % and
 * Sharpe −13 without a word (probe r72d F3).
 */
export function commonPeriodShortNote(runs: readonly ComparisonRun[]): string | null {
  const shared = sharedDates(runs);
  if (shared.length === 0) return null;
  const from = shared[0];
  const to = shared[shared.length - 1];
  const days = parseIsoDay(to) - parseIsoDay(from);
  const intervals = shared.length - 1;
  const said = [...(days < 365 ? ['under a year: annualized figures over it (CAGR, volatility, Sharpe) extrapolate'] : []), ...(intervals < MIN_TEST_N ? [`under ${MIN_TEST_N} intervals: the Sharpe test withholds z and p`] : [])];
  if (said.length === 0) return null;
  return `Short common period: ${from} → ${to} spans ${formatCount(days)} day${days === 1 ? '' : 's'} and ${formatCount(intervals)} interval${intervals === 1 ? '' : 's'} between the dates every run shares, ${said.join('; ')}`;
}

/**
 * What the terminal says of the common period (the page says each in its period line): no date
 * every run shares, so each run is measured over its own full period (the page's "each run over
 * its own full period"; the terminal said nothing: probe r72d F4), runs left partly outside it
 * (commonPeriodShortfall), or a short one (commonPeriodShortNote). [] with `period` 'full'.
 */
export function commonPeriodNotes(runs: readonly ComparisonRun[], period: 'common' | 'full'): string[] {
  if (period === 'full' || runs.length < 2) return [];
  const window = commonWindow(runs);
  if (window === null) {
    const spans = runs.map((r) => `${r.label} ${r.dates[0] ?? '–'} → ${r.dates[r.dates.length - 1] ?? '–'}`).join(', ');
    return [`The runs share no date (${spans}): there is no common period, so each run is measured over its own full period, as with --full-period`];
  }
  return [commonPeriodShortfall(runs, window), commonPeriodShortNote(runs)].filter((n): n is string => n !== null);
}

/** Row range [first, last] of a run inside the window (inclusive). */
export function windowRows(run: ComparisonRun, window: { from: string; to: string } | null): { first: number; last: number } {
  if (window === null) return { first: 0, last: run.dates.length - 1 };
  const first = Math.max(0, run.dates.findIndex((d) => d >= window.from));
  let last = run.dates.length - 1;
  while (last > first && run.dates[last] > window.to) last--;
  return { first, last };
}

/**
 * Why the common period is shorter than the runs: each run's sessions (dated rows, as the runs
 * table counts them) outside it — before `window.from` and after `window.to` — in a sentence
 * ("…: mon 9 of its 36 sessions, wed 40 of its 157"), or null when no run loses one (or there is
 * no common date). Each session left out is also one return left out. Two runs over the same 36
 * month-ends are measured over 27 when only some month-ends fall on the other's Wednesdays.
 * (It counted returns, "2828", beside a table of 2,829 sessions: probe r69d F6.)
 */
export function commonPeriodShortfall(runs: readonly ComparisonRun[], window: { from: string; to: string } | null): string | null {
  if (window === null) return null;
  const outside = runs.map((run) => {
    const { first, last } = windowRows(run, window);
    return { label: run.label, sessions: run.dates.length, outside: first + (run.dates.length - 1 - last) };
  });
  if (outside.every((r) => r.outside === 0)) return null;
  const each = outside.map((r, k) => `${r.label} ${formatCount(r.outside)} of its ${formatCount(r.sessions)}${k === 0 ? ' sessions' : ''}`).join(', ');
  return `The common period leaves out each run's sessions before the first or after the last date on which every run has a value: ${each}`;
}

const periodsOf = (run: ComparisonRun): number => run.periodsPerYear ?? DEFAULT_P;

/** The METRICS.md return, risk and relative metrics of a run over rows [first, last]. */
export function windowMetrics(run: ComparisonRun, first: number, last: number): MetricFigure[] {
  const nav = run.nav.slice(first, last + 1);
  const days = epochDays(run.dates.slice(first, last + 1));
  const rf = run.riskFreeReturns === undefined ? 0 : run.riskFreeReturns.slice(first, last).map((v) => (Number.isFinite(v) ? v : 0));
  const levels = run.benchmark?.levels.slice(first, last + 1).map((v) => v ?? NaN);
  return computeMetrics({
    returns: navReturns(nav),
    dates: days.subarray(1),
    startDay: days[0],
    periodsPerYear: periodsOf(run),
    riskFree: rf,
    ...(levels === undefined ? {} : { benchmarkLevels: levels, benchmarkIsCash: run.benchmark?.name === CASH_BENCHMARK, unobserved: (run.carried ?? []).filter((k) => k >= first && k <= last).map((k) => k - first) }),
  }).metrics;
}

/**
 * Each run's metrics for the page: over the common window (stored portfolio, cost and capacity
 * figures, which need more than the NAV, are kept whole and marked), or the stored full-period set.
 */
export function comparisonMetrics(runs: readonly ComparisonRun[], period: 'common' | 'full'): MetricFigure[][] {
  const window = commonWindow(runs);
  if (period === 'full' || window === null) return runs.map((r) => r.metrics);
  return runs.map((run) => {
    const { first, last } = windowRows(run, window);
    const measured = windowMetrics(run, first, last);
    const names = new Set(measured.map((m) => m.name));
    const whole = run.metrics.filter((m) => !names.has(m.name)).map((m) => ({ ...m, note: m.note ?? 'full period' }));
    return [...measured, ...whole];
  });
}

/** A run's Sharpe difference against the reference and the intervals it was paired over. */
export interface PairedSharpeDifference {
  test: SharpeDifference | null;
  pairing: Pairing;
}

/**
 * Sharpe difference of each later run against the first (sharpeDifference.ts) on excess returns
 * over the same intervals (pairedRuns.ts), annualised with those intervals' P; test null where undefined.
 */
export function sharpeDifferences(runs: readonly ComparisonRun[], period: 'common' | 'full'): PairedSharpeDifference[] {
  const window = period === 'common' ? commonWindow(runs) : null;
  const [ref, ...rest] = runs;
  if (ref === undefined) return [];
  return rest.map((run) => {
    const { paired, rfB, pairing } = pairRuns(run, ref, window);
    const excessA = paired.r.map((v, k) => v - paired.rf[k]);
    const excessB = paired.b.map((v, k) => v - rfB[k]);
    return { test: sharpeDifference(excessA, excessB, pairing.periodsPerYear), pairing };
  });
}

/** Calendar-year returns of each run over the window (yearlyReturns), with where each run covers only part of a year. */
export interface YearlyReturns {
  /** Years (YYYY), ascending. */
  years: string[];
  /** years × runs: the run's return over the year (a fraction), null where it has no such year. */
  returns: (number | null)[][];
  /**
   * years × runs: the span of a partial year ('2016-09-15 to 2016-12-30', the run's own first
   * session, or first return's session, to its last in the year), null where the run covers the
   * whole year or has no such year. A year is partial by the tear sheet's rule (calendar.ts
   * partialYear), on each run's own first and last session inside the window.
   */
  partial: (string | null)[][];
  /**
   * Per year, whether the runs that have it cover the same part of it: all whole, or cut at the
   * same first and last dates. A half year beside a whole one is no contest: the page names no
   * winner for it.
   */
  comparable: boolean[];
}

/** Calendar-year returns of each run over the window (null = each run's full period), with the partial spans and which years compare like with like. */
export function yearlyReturns(runs: readonly ComparisonRun[], window: { from: string; to: string } | null): YearlyReturns {
  const perRun = runs.map((run) => {
    const { first, last } = windowRows(run, window);
    const rows = yearRows(run.dates.slice(first, last + 1), run.nav.slice(first, last + 1));
    return new Map(
      rows.map((y, k) => {
        // The year as the run covers it: its own first or last date where it is cut there, else the year's edge.
        const start = partialYearStart(y.year, k, y.from) ? y.from : 'whole';
        const end = partialYearEnd(k, rows.length, y.to) ? y.to : 'whole';
        return [y.year, { value: y.strategy, partial: y.partial ? `${y.from} to ${y.to}` : null, cover: `${start}/${end}` }];
      }),
    );
  });
  const years = [...new Set(perRun.flatMap((m) => [...m.keys()]))].sort();
  return {
    years,
    returns: years.map((y) => perRun.map((m) => m.get(y)?.value ?? null)),
    partial: years.map((y) => perRun.map((m) => m.get(y)?.partial ?? null)),
    comparable: years.map((y) => new Set(perRun.flatMap((m) => (m.has(y) ? [m.get(y)?.cover] : []))).size <= 1),
  };
}

/** Returns this close relative to each other (|a − b| ≤ TIE_RELATIVE · max(|a|, |b|)) are a tie: the same path measured twice. */
export const TIE_RELATIVE = 1e-12;

/**
 * Per year (a row of yearlyReturns), the run with the highest return: its index, 'tie' when
 * another run's return equals it to TIE_RELATIVE (no winner), null when fewer than two runs have
 * the year (nothing to win).
 */
export function yearWinners(returns: readonly (readonly (number | null)[])[]): (number | 'tie' | null)[] {
  return returns.map((row) => {
    const known = row.flatMap((v, j) => (v === null ? [] : [{ v, j }]));
    if (known.length < 2) return null;
    const best = known.reduce((a, b) => (b.v > a.v ? b : a));
    const tied = known.some(({ v, j }) => j !== best.j && Math.abs(v - best.v) <= TIE_RELATIVE * Math.max(Math.abs(v), Math.abs(best.v)));
    return tied ? 'tie' : best.j;
  });
}

/** Changes of the dominant holding over the run (entering the first holding is not a switch), and trading costs per change. */
export function switches(run: ComparisonRun): { count: number; costPerSwitch: number | null } | null {
  const h = run.holdings;
  if (h === undefined || h.symbols.length === 0) return null;
  const count = h.symbols.length - 1;
  return { count, costPerSwitch: count > 0 && run.tradingCosts !== undefined ? run.tradingCosts / count : null };
}
