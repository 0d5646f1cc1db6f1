// What a session's volume cell means for trading, one rule for the broker (engine/execution/broker.ts) and the
// strategy's view (MarketView.tradable): a bar trades with a close and a volume that is not 0; a
// blank volume cell reads as the last volume before it — after a 0, a session without trades, no
// trade either — and, with no volume before it, as unknown (NaN: tradeable, no participation
// limit). Causal: only cells up to the session are read.

import type { Market } from '../../data/market.ts';

/**
 * The volume symbol i's bar of session t trades against, in session t's shares: its own cell, or —
 * a blank one — the last volume before it, times the splits since (a 1:4 reverse split turns the
 * 1,000 shares of the session before into 250); NaN with none before it (unknown). The broker,
 * asking in session order, keeps its own cursor instead of this scan (engine/execution/broker.ts #lastVolume).
 */
export function sessionVolume(market: Market, i: number, t: number): number {
  const n = market.symbols.length;
  const own = market.volume[t * n + i];
  if (!Number.isNaN(own)) return own;
  for (let s = t - 1; s >= 0; s--) if (!Number.isNaN(market.volume[s * n + i])) return market.volume[s * n + i] * splitsBetween(market, i, s, t);
  return NaN;
}

/** The product of symbol i's split ratios with ex-dates in sessions (from, to]: shares of session `from` are this many of session `to`. */
export function splitsBetween(market: Market, i: number, from: number, to: number): number {
  const { sessionStart, symbol, value } = market.splits;
  let factor = 1;
  for (let k = sessionStart[from + 1]; k < sessionStart[to + 1]; k++) if (symbol[k] === i) factor *= value[k];
  return factor;
}

/** True when symbol i's bar of session t trades: a close and a volume (sessionVolume) that is not 0. */
export function tradesAt(market: Market, i: number, t: number): boolean {
  return !Number.isNaN(market.close[t * market.symbols.length + i]) && sessionVolume(market, i, t) !== 0;
}
