// Figures a page states that are not stored metrics: what cash earned over the run (the
// risk-free returns compounded, annualized like the NAV: (Π(1 + rf))^(P/n) − 1, METRICS.md
// "annualized return"), the books' share of the NAV change, cost drags grouped into trading and
// financing, the deepest drawdown.

import { CASH_BENCHMARK } from '../../benchmark.ts';
import { annualize, growth } from '../../metrics/index.ts';
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

/** Total and annualized return over one span. */
export interface SpanReturn {
  total: number;
  annual: number;
}

/**
 * The NAV and the benchmark over the sessions both have values on, from the first such session
 * to the last (`nav` and `levels` one per session, null or NaN where there is none): each one's
 * total return and CAGR (Π)^(P/n) − 1 with the same n, the run's returns in that span — the
 * same sessions, so a benchmark that starts late or ends early is compared over the common
 * period only. `whole` when that period is the whole run; null without two common sessions.
 */
export function commonPeriodReturns(
  nav: ArrayLike<number>,
  levels: ArrayLike<number | null>,
  periodsPerYear: number,
): { first: number; last: number; whole: boolean; strategy: SpanReturn; benchmark: SpanReturn } | null {
  const known = (k: number): boolean => Number.isFinite(levels[k]) && (levels[k] as number) > 0;
  let first = 0;
  while (first < nav.length && !known(first)) first++;
  let last = nav.length - 1;
  while (last > first && !known(last)) last--;
  if (last <= first) return null;
  const span = (g: number): SpanReturn => ({ total: g - 1, annual: annualize(g, last - first, periodsPerYear) });
  return { first, last, whole: first === 0 && last === nav.length - 1, strategy: span(nav[last] / nav[first]), benchmark: span((levels[last] as number) / (levels[first] as number)) };
}

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
