// Windows given in sessions of the run, resolved to one symbol's own bars (the rule of
// series.ts): w sessions span w/P years, which a symbol with B bars a year covers in w·B/P of its
// bars, rounded. Where a symbol trades on the calendar (B = P) nothing changes. Where its bars are
// coarse (month-end data in a weekly calendar: 12 bars a year in a 59-session year) rounding can
// change what was asked, and the run is told (MarketView.caveat, named by symbol):
//   - a window whose bars span a time more than SPAN_TOLERANCE off the sessions asked
//     (4 sessions → 1 bar = 4.9 sessions), so two requested windows that became the same bars are
//     identifiable (a sweep's trials fast=2 and fast=4 on such a symbol are one strategy);
//   - two windows a strategy requires to be ordered (fast < slow, skip < lookback) that are not in
//     bars: its rule cannot be applied, so it refuses that symbol (ownWindowsOrdered → false),
//     told at high severity, instead of trading a degenerate rule silently.

import type { MarketView } from '../../engine/decisions/view.ts';

/** A window's own bars may span this share more or less time than the sessions asked before the run is told (rounding to coarse bars). */
export const SPAN_TOLERANCE = 0.1;

/**
 * The symbol's own bars spanning `sessions` sessions of the run: round(sessions × view.barsPerYear(i) / P);
 * exactly `sessions` where it trades on the calendar (the rule above).
 */
export function ownBars(view: MarketView, i: number, sessions: number): number {
  const perYear = view.barsPerYear(i);
  return perYear === view.periodsPerYear ? sessions : Math.round((sessions * perYear) / view.periodsPerYear);
}

/** A window as a strategy asks for it: what it is (a parameter name or "moving average"), its sessions, the fewest bars it may resolve to. */
export interface SessionWindow {
  readonly name: string;
  readonly sessions: number;
  readonly least: number;
}

/**
 * `window` resolved to symbol i's own bars: max(least, ownBars). When those bars span a time more
 * than SPAN_TOLERANCE off the sessions asked (|bars·P/B − sessions| > 0.1·sessions), the run is
 * told, e.g. "AAA: a 4-session moving average is not 4 sessions long in its own bars (1 bar =
 * 4.9 sessions; 12 bars a year in a 59-session year)", one caveat per window (the latest
 * resolution shown), sized by the book's weight in the symbol (engine/decisions/strategyNotes.ts).
 */
export function ownWindow(view: MarketView, i: number, window: SessionWindow): number {
  const bars = windowBars(view, i, window);
  const perYear = view.barsPerYear(i);
  if (perYear === view.periodsPerYear) return bars;
  const span = (bars * view.periodsPerYear) / perYear;
  if (Math.abs(span - window.sessions) > SPAN_TOLERANCE * window.sessions) {
    const what = `a ${window.sessions}-session ${window.name} is not ${window.sessions} sessions long in its own bars`;
    // One symbol at a time: the names the window applied to are not counted (of NaN), only those it did not fit.
    view.caveat(what, [i], NaN, { named: true, detail: `${barsText(bars)} = ${span.toFixed(1)} sessions; ${yearText(view, perYear)}` });
  }
  return bars;
}

/**
 * True when `shorter` stays shorter than `longer` in symbol i's own bars (as ownWindow resolves
 * them; their spans are told where the caller reads them). Otherwise the strategy's rule cannot apply to the symbol: the run is told at high
 * severity, e.g. "AAA: sma-crossover fast 2 and slow 6 sessions: fast is not shorter than slow in
 * its own bars, so held in cash (both 1 bar; 12 bars a year in a 59-session year)", and the
 * caller leaves the symbol out (`refusal` says how).
 */
export function ownWindowsOrdered(view: MarketView, i: number, strategy: string, shorter: SessionWindow, longer: SessionWindow, refusal: string): boolean {
  const a = windowBars(view, i, shorter);
  const b = windowBars(view, i, longer);
  if (a < b) return true;
  const bars = a === b ? `both ${barsText(a)}` : `${barsText(a)} and ${barsText(b)}`;
  const what = `${strategy} ${shorter.name} ${shorter.sessions} and ${longer.name} ${longer.sessions} sessions: ${shorter.name} is not shorter than ${longer.name} in its own bars, so ${refusal}`;
  view.caveat(what, [i], NaN, { named: true, least: 'high', detail: `${bars}; ${yearText(view, view.barsPerYear(i))}` });
  return false;
}

/** ownWindow's bars, untold. */
const windowBars = (view: MarketView, i: number, window: SessionWindow): number => Math.max(window.least, ownBars(view, i, window.sessions));
const barsText = (bars: number): string => `${bars} bar${bars === 1 ? '' : 's'}`;
const yearText = (view: MarketView, perYear: number): string => `${perYear} bar${perYear === 1 ? '' : 's'} a year in a ${+view.periodsPerYear.toFixed(2)}-session year`;
