// Figures a page states that are not stored metrics: what cash earned over the run (the
// risk-free returns compounded, annualized like the NAV: (Π(1 + rf))^(P/m) − 1, METRICS.md
// "annualized return"), the books' share of the NAV change, cost drags grouped into trading and
// financing, the deepest drawdown; and the run and its benchmark measured over the period both
// cover, the two sides of every comparison with the benchmark.

import { CASH_BENCHMARK } from '../../benchmark/benchmark.ts';
import { annualize, type CommonIntervals, commonIntervals, growth, measureOver, periodsPerRow, sum } from '../../metrics/index.ts';
import { observedValues } from '../../navObservations.ts';
import { epochDays } from '../series.ts';
import type { CostLineData, DrawdownRow, MetricFigure, PnlDecomposition, TearSheetData } from '../model.ts';

export const metricMap = (metrics: readonly MetricFigure[]): Map<string, MetricFigure> => new Map(metrics.map((m) => [m.name, m]));

export function metricValue(metrics: ReadonlyMap<string, MetricFigure>, name: string): number | null {
  return metrics.get(name)?.value ?? null;
}

/**
 * Holding cash (the risk-free series, one return per NAV return) against the run, over the
 * returns where the rate is known — from its first known return to its last — each compounded and
 * annualized like the NAV: g^(P/m) − 1 (METRICS.md "annualized return"), m the periods of P those
 * returns cover (engine/calendar/rowPeriods.ts periodsPerRow over `days`, the NAV rows' epoch days: one a
 * return, more across dates missing from a coarser calendar; without `days` one a return). `run`
 * is the NAV over the same returns (NAV rows first … last + 1), so a rate that starts years into
 * the run is never compounded as 0 % over the years before it. `whole`: the rate covers every
 * return. Null without a rate (none, or all 0).
 */
export function cashGrowth(
  riskFree: readonly number[] | Float64Array | undefined,
  periodsPerYear: number,
  nav?: ArrayLike<number>,
  days?: ArrayLike<number>,
): { total: number; annual: number; run: { total: number; annual: number } | null; first: number; last: number; whole: boolean } | null {
  if (riskFree === undefined || riskFree.length === 0 || Array.from(riskFree).every((v) => !Number.isFinite(v) || v === 0)) return null;
  let first = 0;
  while (!Number.isFinite(riskFree[first])) first++;
  let last = riskFree.length - 1;
  while (!Number.isFinite(riskFree[last])) last--;
  const m = days === undefined ? last - first + 1 : sum(periodsPerRow(days, periodsPerYear), first, last + 1);
  const g = growth(riskFree, first, last + 1);
  const ours = nav === undefined || !(nav[first] > 0) ? null : nav[last + 1] / nav[first];
  return {
    total: g - 1,
    annual: annualize(g, m, periodsPerYear),
    run: ours === null || !(ours >= 0) ? null : { total: ours - 1, annual: annualize(ours, m, periodsPerYear) },
    first,
    last,
    whole: first === 0 && last === riskFree.length - 1,
  };
}

/** The run and its benchmark measured over the intervals they are paired on: the two sides of every Difference. */
export interface CommonPeriod extends CommonIntervals {
  /** Each side's METRICS.md figures over those intervals (metrics measureOver), by name. */
  strategy: ReadonlyMap<string, MetricFigure>;
  benchmark: ReadonlyMap<string, MetricFigure>;
}

/**
 * The NAV and the benchmark over the intervals they are paired on (METRICS.md "Inputs": from one
 * date both have a value on to the next; `nav` and `levels` one per session, null or NaN where
 * there is none; `days` the sessions' epoch days; `riskFree` the per-period rf of each NAV return,
 * or 0): each side's figures by the same metric functions with the same n, rf and the pairing's
 * P — the benchmark column on the tear sheet (fromStore.ts) is the benchmark's side, so the first
 * screen, the metric table and the terminal state one number. A benchmark that starts late or
 * ends early is compared over the common period only; a monthly benchmark in a daily run over its
 * n monthly intervals with P = 12. Null without one paired interval.
 */
export function commonPeriod(nav: ArrayLike<number>, levels: ArrayLike<number | null>, days: ArrayLike<number>, periodsPerYear: number, riskFree: ArrayLike<number> | 0 = 0, carried: readonly number[] = []): CommonPeriod | null {
  const common = commonIntervals(observedValues(nav, carried), Float64Array.from(levels, (v) => v ?? NaN), days, periodsPerYear, riskFree);
  if (common.first < 0 || common.pairing.intervals === 0) return null;
  return { ...common, strategy: metricMap(measureOver(common, days, 'r')), benchmark: metricMap(measureOver(common, days, 'b')) };
}

/** The run against its benchmark on the page (commonPeriod, with the run's rf); null without one, or when it is cash (said as "vs cash"). */
export function comparedToBenchmark(data: Pick<TearSheetData, 'benchmark' | 'dates' | 'nav' | 'carried' | 'run' | 'riskFreeReturns'>): CommonPeriod | null {
  if (data.benchmark === undefined || benchmarkIsCash(data)) return null;
  const rf = data.riskFreeReturns?.length === data.nav.length - 1 ? data.riskFreeReturns : 0;
  return commonPeriod(data.nav, data.benchmark.nav, epochDays(data.dates), data.run.periodsPerYear, rf, data.carried);
}

/** The deepest drawdown episode (undefined when the NAV never fell). */
export function deepestDrawdown(drawdowns: readonly DrawdownRow[]): DrawdownRow | undefined {
  return drawdowns.reduce<DrawdownRow | undefined>((worst, e) => (worst === undefined || e.depth < worst.depth ? e : worst), undefined);
}

const TRADING = new Set(['commission', 'slippage']);
/** The credit lines, stored as negative costs (reports/runMetrics.ts costFigures). */
const CREDITS = new Set(['interest_received', 'borrow_rebate']);

/**
 * Annual drags (fractions of mean NAV): trading (commission, slippage) and financing (borrow fee,
 * short dividends, interest paid) paid, ≥ 0; earned, the credits (interest received, borrow
 * rebate) as the positive income they are; total = trading + financing − earned, the net. Kept
 * apart so a card can say what was paid and what earned: a net of −0.04 % was 0.76 % paid less
 * 0.80 % interest earned (probe r73c F3).
 */
export function costDrags(costs: readonly CostLineData[]): { trading: number; financing: number; earned: number; total: number } | null {
  if (costs.length === 0 || costs.some((c) => c.annualDrag === null)) return null;
  let trading = 0;
  let financing = 0;
  let earned = 0;
  for (const c of costs) {
    if (TRADING.has(c.line)) trading += c.annualDrag as number;
    else if (CREDITS.has(c.line)) earned -= c.annualDrag as number;
    else financing += c.annualDrag as number;
  }
  return { trading, financing, earned, total: trading + financing - earned };
}

/** Each decomposition line as a share of the starting capital (its contribution to the simple total return). */
export function lineShares(decomposition: PnlDecomposition): Map<string, number> {
  return new Map(decomposition.lines.map((l) => [l.line, decomposition.startNav > 0 ? l.amount / decomposition.startNav : NaN]));
}

/** A benchmark named 'cash' compounds the risk-free rate: the page then does not say "vs cash" twice. */
export function benchmarkIsCash(data: Pick<TearSheetData, 'benchmark'>): boolean {
  return data.benchmark?.name === CASH_BENCHMARK;
}
