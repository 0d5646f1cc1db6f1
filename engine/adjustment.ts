// Per-symbol corporate-action index, so history can be back-adjusted *as of* a decision
// session using only the events known by then (split and dividend ex-dates ≤ t).

import type { Market } from '../data/market.ts';

export interface AdjustmentIndex {
  /** start[i] .. start[i+1]-1: symbol i's events, by session. */
  readonly start: Int32Array;
  readonly session: Int32Array;
  /** Multiply prices before `session` by this to make them comparable with prices from it on. */
  readonly priceFactor: Float64Array;
  /** Shares held before `session` become shares × splitRatio from it on (1 for dividends). */
  readonly splitRatio: Float64Array;
}

export function buildAdjustmentIndex(market: Market): AdjustmentIndex {
  const n = market.symbols.length;
  const nEvents = market.splits.session.length + market.dividends.session.length;
  const rows: { symbol: number; session: number; priceFactor: number; splitRatio: number }[] = [];
  for (let k = 0; k < market.splits.session.length; k++) {
    const ratio = market.splits.value[k];
    rows.push({ symbol: market.splits.symbol[k], session: market.splits.session[k], priceFactor: 1 / ratio, splitRatio: ratio });
  }
  for (let k = 0; k < market.dividends.session.length; k++) {
    const i = market.dividends.symbol[k];
    const t = market.dividends.session[k];
    const before = previousClose(market, i, t);
    // The classic total-return factor: the ex-date drop of D is undone by scaling history by 1 − D/P.
    const factor = before > 0 ? 1 - market.dividends.value[k] / before : 1;
    rows.push({ symbol: i, session: t, priceFactor: factor, splitRatio: 1 });
  }
  rows.sort((a, b) => a.symbol - b.symbol || a.session - b.session);
  const index: AdjustmentIndex = {
    start: new Int32Array(n + 1),
    session: new Int32Array(nEvents),
    priceFactor: new Float64Array(nEvents),
    splitRatio: new Float64Array(nEvents),
  };
  rows.forEach((r, k) => {
    index.session[k] = r.session;
    index.priceFactor[k] = r.priceFactor;
    index.splitRatio[k] = r.splitRatio;
  });
  let k = 0;
  for (let i = 0; i <= n; i++) {
    while (k < rows.length && rows[k].symbol < i) k++;
    index.start[i] = k;
  }
  return index;
}

/** The last close of symbol i strictly before session t (NaN if none). */
export function previousClose(market: Market, i: number, t: number): number {
  const n = market.symbols.length;
  for (let s = t - 1; s >= 0; s--) {
    const p = market.close[s * n + i];
    if (!Number.isNaN(p)) return p;
  }
  return NaN;
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

/**
 * Closes of symbol i up to session t, oldest first, back-adjusted to session t's price level with
 * the events known by t (ex-dates ≤ t). Calendar mode (`ownBarsFrom` undefined): sessions
 * t-length+1 .. t, NaN where the symbol has no bar or before the data starts. Own-bars mode
 * (`ownBarsFrom` = the symbol's first session with a close): the symbol's last `length` bars,
 * skipping sessions where it has none (a missing bar is not an observation), NaN-padded at the
 * front when it has fewer.
 */
export function adjustedClosesAsOf(
  market: Market,
  index: AdjustmentIndex,
  i: number,
  t: number,
  length: number,
  out: Float64Array,
  ownBarsFrom?: number,
): Float64Array {
  const n = market.symbols.length;
  const first = index.start[i];
  let e = index.start[i + 1] - 1;
  while (e >= first && index.session[e] > t) e--;
  let factor = 1;
  let k = length - 1;
  for (let s = t; k >= 0 && s >= (ownBarsFrom ?? 0); s--) {
    // Prices before an ex-date session are scaled by that event's factor.
    while (e >= first && index.session[e] > s) factor *= index.priceFactor[e--];
    const p = market.close[s * n + i];
    if (ownBarsFrom !== undefined && Number.isNaN(p)) continue;
    out[k--] = p * factor;
  }
  return out.fill(NaN, 0, k + 1);
}
