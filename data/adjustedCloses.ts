// Total-return (split- and dividend-adjusted) closes from a Market's traded closes and events: the
// one place the adjustment factors are computed, for `metrics --prices` (returnSeries.ts), the
// sample's AdjClose column (sample/csv.ts) and the back-adjusted history strategies read
// (engine/market/adjustment.ts).
//
// Factor (Yahoo's adjusted-close convention, as data/prices/series/corporateActions.ts reads it back): on an
// ex-session s of symbol i with splits of product q new shares per old and cash D per share,
// closes before s are multiplied by
//     (1/q) × (1 − D / (P / q))
// where P is the symbol's own last close before s (its last bar, not the previous calendar
// session, which may have none) and D is per share from s on — per NEW share when a split shares
// the ex-date, so it is set against the previous close in new-share units, P / q (q here the
// product of the splits since P's bar, when the symbol had no bar on an earlier split's ex-date). Equivalently,
// a holder's dividend is reinvested at the ex-date's theoretical price P/q − D. Without a previous
// close (the symbol's first bar) the dividend leaves the factor at 1/q. Kept over the total-return
// indices' convention (S&P, CRSP's RET: reinvested at the ex-date's close, (C + D) / P) so that a
// file's Adj Close, the same file's Close with the dividends read from it, and `metrics` on either
// give one index; the two differ on an ex-date by D / P times the ex-date's move beyond −D
// (a 0.5 % dividend on a day that moves 1 % more: 0.005 pp).

import type { Market } from './market.ts';

/** One symbol-session with corporate actions, as the adjustment sees it. */
export interface AdjustmentStep {
  readonly symbol: number;
  /** The ex-date session. */
  readonly session: number;
  /** Multiply closes before `session` by this to make them comparable with closes from it on. */
  readonly priceFactor: number;
  /** Shares held before `session` become shares × splitRatio from it on (1 with no split). */
  readonly splitRatio: number;
}

/** The session of symbol i's last close strictly before session t (−1 if none). */
function lastBarBefore(market: Market, i: number, t: number): number {
  const n = market.symbols.length;
  let s = t - 1;
  while (s >= 0 && Number.isNaN(market.close[s * n + i])) s--;
  return s;
}

/**
 * Every symbol-session with a split or a dividend (of symbol `only`, when given), sorted by
 * symbol then session; splits on one session multiply, dividends add.
 */
export function adjustmentSteps(market: Market, only?: number): AdjustmentStep[] {
  const n = market.symbols.length;
  const events = new Map<number, { symbol: number; session: number; ratio: number; cash: number }>();
  const at = (symbol: number, session: number) => {
    const key = session * n + symbol;
    let event = events.get(key);
    if (event === undefined) events.set(key, (event = { symbol, session, ratio: 1, cash: 0 }));
    return event;
  };
  const { splits, dividends } = market;
  for (let k = 0; k < splits.value.length; k++) {
    if (only === undefined || splits.symbol[k] === only) at(splits.symbol[k], splits.session[k]).ratio *= splits.value[k];
  }
  for (let k = 0; k < dividends.value.length; k++) {
    if (only === undefined || dividends.symbol[k] === only) at(dividends.symbol[k], dividends.session[k]).cash += dividends.value[k];
  }
  const sorted = [...events.values()].sort((a, b) => a.symbol - b.symbol || a.session - b.session);
  return sorted.map(({ symbol, session, ratio, cash }, k): AdjustmentStep => {
    const bar = lastBarBefore(market, symbol, session);
    // The previous close in the units of this session's shares: divided by every split since that bar.
    let shares = 1;
    for (let j = k; j >= 0 && sorted[j].symbol === symbol && sorted[j].session > bar; j--) shares *= sorted[j].ratio;
    const before = bar < 0 ? NaN : market.close[bar * n + symbol] / shares;
    const dividendFactor = cash !== 0 && before > 0 ? 1 - cash / before : 1;
    return { symbol, session, priceFactor: dividendFactor / ratio, splitRatio: ratio };
  });
}

/**
 * Split- and dividend-adjusted closes of symbol `i`, one per session, back-adjusted from its last
 * close (the factor in the header): NaN where the symbol has no close.
 */
export function adjustedCloses(market: Market, i: number): Float64Array {
  const n = market.symbols.length;
  const steps = adjustmentSteps(market, i);
  const adjusted = new Float64Array(market.dates.length);
  let factor = 1;
  let e = steps.length - 1;
  for (let t = adjusted.length - 1; t >= 0; t--) {
    adjusted[t] = market.close[t * n + i] * factor;
    // The step on ex-session s applies to the closes before it.
    for (; e >= 0 && steps[e].session === t; e--) factor *= steps[e].priceFactor;
  }
  return adjusted;
}

// A per-symbol index of those steps: the engine back-adjusts history as of a decision with it
// (engine/market/adjustment.ts), and shares reported at a period end are put in a later session's units.

export interface AdjustmentIndex {
  /** start[i] .. start[i+1]-1: symbol i's ex-sessions, ascending (a session's events are one row). */
  readonly start: Int32Array;
  readonly session: Int32Array;
  /** Multiply prices before `session` by this to make them comparable with prices from it on. */
  readonly priceFactor: Float64Array;
  /** Shares held before `session` become shares × splitRatio from it on (1 for dividends). */
  readonly splitRatio: Float64Array;
}

/** Every symbol's corporate actions by session, with the factors of adjustmentSteps. */
export function buildAdjustmentIndex(market: Market): AdjustmentIndex {
  const n = market.symbols.length;
  const steps = adjustmentSteps(market);
  const index: AdjustmentIndex = {
    start: new Int32Array(n + 1),
    session: Int32Array.from(steps, (step) => step.session),
    priceFactor: Float64Array.from(steps, (step) => step.priceFactor),
    splitRatio: Float64Array.from(steps, (step) => step.splitRatio),
  };
  let k = 0;
  for (let i = 0; i <= n; i++) {
    while (k < steps.length && steps[k].symbol < i) k++;
    index.start[i] = k;
  }
  return index;
}

/** Product of split ratios of symbol i for sessions in (fromSession, toSession]. */
export function splitFactorBetween(index: AdjustmentIndex, i: number, fromSession: number, toSession: number): number {
  let factor = 1;
  for (let k = index.start[i]; k < index.start[i + 1]; k++) {
    const s = index.session[k];
    if (s > fromSession && s <= toSession) factor *= index.splitRatio[k];
  }
  return factor;
}
