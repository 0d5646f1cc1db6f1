// Figures a page states that are not stored metrics: what cash earned over the run (the
// risk-free returns compounded, annualized like the NAV: (Π(1 + rf))^(P/n) − 1, METRICS.md
// "annualized return"), the books' share of the NAV change, cost drags grouped into trading and
// financing, the deepest drawdown.

import { CASH_BENCHMARK } from '../../benchmark.ts';
import { annualize, annualReturn, cagrCalendar, growth, type Pairing, pairedIntervals, pairingOf, totalReturn } from '../../metrics/index.ts';
import { epochDays } from '../series.ts';
import type { CostLineData, DrawdownRow, MetricFigure, PnlDecomposition, TearSheetData } from '../model.ts';

export const metricMap = (metrics: readonly MetricFigure[]): Map<string, MetricFigure> => new Map(metrics.map((m) => [m.name, m]));

export function metricValue(metrics: ReadonlyMap<string, MetricFigure>, name: string): number | null {
  return metrics.get(name)?.value ?? null;
}

/** Total and annualized return of holding cash (the risk-free series) over the run; null without one. */
export function cashGrowth(riskFree: readonly number[] | Float64Array | undefined, periodsPerYear: number): { total: number; annual: number } | null {
  if (riskFree === undefined || riskFree.length === 0 || riskFree.every((v: number) => !Number.isFinite(v) || v === 0)) return null;
  const g = growth(riskFree);
  return { total: g - 1, annual: annualize(g, riskFree.length, periodsPerYear) };
}

/** Total return, CAGR (Π)^(P/n) − 1 and calendar CAGR (METRICS.md "Returns") over one span; NaN where undefined. */
export interface SpanReturn {
  total: number;
  annual: number;
  calendar: number;
}

/** The run and its benchmark over the intervals they are paired on (commonPeriodReturns). */
export interface CommonPeriod {
  /** Rows (sessions of the run) of the first and last common value. */
  first: number;
  last: number;
  /** The common period is the whole run. */
  whole: boolean;
  /** How many intervals, and the P that annualises both (the pairing's, pairing.ts). */
  pairing: Pairing;
  strategy: SpanReturn;
  benchmark: SpanReturn;
}

/**
 * The NAV and the benchmark over the intervals they are paired on (METRICS.md "Inputs": from one
 * date both have a value on to the next; `nav` and `levels` one per session, null or NaN where
 * there is none; `days` the sessions' epoch days): each series' total return, CAGR and calendar
 * CAGR computed by the same metric functions, with the same n and the pairing's P — the
 * definition of the benchmark column on the tear sheet (fromStore.ts), so the first screen, the
 * metric table and the terminal state one number. A benchmark that starts late or ends early
 * is compared over the common period only; a monthly benchmark in a daily run over its n monthly
 * intervals with P = 12. Null without one paired interval.
 */
export function commonPeriodReturns(nav: ArrayLike<number>, levels: ArrayLike<number | null>, days: ArrayLike<number>, periodsPerYear: number): CommonPeriod | null {
  const paired = pairedIntervals(Float64Array.from(nav), Float64Array.from(levels, (v) => v ?? NaN));
  if (paired.first < 0 || paired.end.length === 0) return null;
  const pairing = pairingOf(paired, days, periodsPerYear);
  const first = paired.first;
  const last = paired.end[paired.end.length - 1];
  const dates = Int32Array.from(paired.end, (k) => days[k]);
  const span = (x: Float64Array): SpanReturn => ({
    total: totalReturn(x).value ?? NaN,
    annual: annualReturn(x, pairing.periodsPerYear).value ?? NaN,
    calendar: cagrCalendar(dates, x, days[first]).value ?? NaN,
  });
  return { first, last, whole: first === 0 && last === nav.length - 1, pairing, strategy: span(paired.r), benchmark: span(paired.b) };
}

/** The run against its benchmark on the page (commonPeriodReturns); null without one, or when it is cash (said as "vs cash"). */
export function comparedToBenchmark(data: Pick<TearSheetData, 'benchmark' | 'dates' | 'nav' | 'run'>): CommonPeriod | null {
  if (data.benchmark === undefined || benchmarkIsCash(data)) return null;
  return commonPeriodReturns(data.nav, data.benchmark.nav, epochDays(data.dates), data.run.periodsPerYear);
}

/** The run's figures the benchmark comparison is taken from (common), by metric name: what the Difference column subtracts. */
export const COMMON_PERIOD_METRICS = { total_return: 'total', annual_return: 'annual', cagr_calendar: 'calendar' } as const satisfies Record<string, keyof SpanReturn>;

/** The deepest drawdown episode (undefined when the NAV never fell). */
export function deepestDrawdown(drawdowns: readonly DrawdownRow[]): DrawdownRow | undefined {
  return drawdowns.reduce<DrawdownRow | undefined>((worst, e) => (worst === undefined || e.depth < worst.depth ? e : worst), undefined);
}

const TRADING = new Set(['commission', 'slippage']);

/** Annual drags (fractions of mean NAV): trading (commission, slippage), financing (the rest, credits netted), total. */
export function costDrags(costs: readonly CostLineData[]): { trading: number; financing: number; total: number } | null {
  if (costs.length === 0 || costs.some((c) => c.annualDrag === null)) return null;
  let trading = 0;
  let financing = 0;
  for (const c of costs) {
    if (TRADING.has(c.line)) trading += c.annualDrag as number;
    else financing += c.annualDrag as number;
  }
  return { trading, financing, total: trading + financing };
}

/** Each decomposition line as a share of the starting capital (its contribution to the simple total return). */
export function lineShares(decomposition: PnlDecomposition): Map<string, number> {
  return new Map(decomposition.lines.map((l) => [l.line, decomposition.startNav > 0 ? l.amount / decomposition.startNav : NaN]));
}

/** A benchmark named 'cash' compounds the risk-free rate: the page then does not say "vs cash" twice. */
export function benchmarkIsCash(data: Pick<TearSheetData, 'benchmark'>): boolean {
  return data.benchmark?.name === CASH_BENCHMARK;
}
