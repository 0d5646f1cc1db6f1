// Views and books for calling `decide` directly, the way the engine builds them.

import type { Market } from '../../data/market.ts';
import { buildAdjustmentIndex } from '../../data/adjustedCloses.ts';
import { monthStart } from '../../engine/calendar/schedule.ts';
import type { BookView } from '../../engine/strategy.ts';
import { MarketView, moveViewTo } from '../../engine/decisions/view.ts';

/** A MarketView of `market` clipped at the close of session t, for a run of P = `periodsPerYear` (daily by default). */
export function viewAt(market: Market, t: number, periodsPerYear = 252): MarketView {
  const view = new MarketView(market, buildAdjustmentIndex(market), periodsPerYear);
  moveViewTo(view, t);
  return view;
}

/** A book holding only cash. */
export const cashBook: BookView = {
  cash: 1e6,
  nav: 1e6,
  shares: () => 0,
  weight: () => 0,
  held: () => [],
  openOrders: () => [],
};

/** A book holding the given NAV weights (by symbol index). */
export function bookWithWeights(weights: Record<number, number>): BookView {
  return { ...cashBook, weight: (i) => weights[i] ?? 0, held: () => Object.keys(weights).map(Number) };
}

/** Sessions at or after `from` where a month-start decision is due. */
export function monthStartSessions(market: Market, from = 0): number[] {
  const due = monthStart.sessions(market.dates, 0);
  return Array.from(due.keys()).filter((t) => t >= from && due[t] === 1);
}
