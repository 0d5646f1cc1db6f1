// Point-in-time balance-sheet ratios read straight from the view, independently of the
// strategy's own code, to check what its books hold.

import type { MarketView } from '../../engine/decisions/view.ts';

export function balanceSheet(view: MarketView) {
  const [debt, equity, ocf, capex, revenue] = (['totalDebt', 'totalEquity', 'operatingCashFlow', 'capex', 'revenue'] as const).map((f) => view.fundamental(f));
  return {
    /** Negative equity with debt counts as the most levered. */
    debtToEquity: (i: number): number => (equity[i] > 0 ? debt[i] / equity[i] : Infinity),
    fcfMargin: (i: number): number => (ocf[i] + capex[i]) / revenue[i],
  };
}

export const mean = (xs: number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Indices of the long and the short positions of a weight vector. */
export const sides = (book: Float64Array): { longs: number[]; shorts: number[] } => ({
  longs: [...book.keys()].filter((i) => book[i] > 0),
  shorts: [...book.keys()].filter((i) => book[i] < 0),
});
