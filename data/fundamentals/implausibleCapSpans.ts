// Where a market's market caps cannot be true (capPlausibility.ts), per symbol, for `data
// inspect`: the stretch of sessions over which shares × close is above the threshold against its
// filing — the caps MarketView.marketCap serves as unknown to the strategies that rank or weight by
// size — and the worst one's numbers. Read on the sessions a symbol has a bar, with the shares of
// the newest filing public that day, adjusted for the splits since its period end, as the view
// reads them.

import { buildAdjustmentIndex, splitFactorBetween } from '../adjustedCloses.ts';
import { isoDay, sessionOnOrBefore } from '../dates.ts';
import type { Market } from '../market.ts';
import { filingScale, implausibleCap } from './capPlausibility.ts';

/** One symbol's implausible caps: first and last session (ISO) with one, how many, and the worst (largest multiple of its filing's scale). */
export interface ImplausibleCapSpan {
  readonly symbol: string;
  readonly first: string;
  readonly last: string;
  readonly sessions: number;
  readonly worst: {
    readonly date: string;
    /** Shares × close, in the prices' currency. */
    readonly cap: number;
    readonly shares: number;
    readonly close: number;
    /** The filing scale it was judged by (capPlausibility.ts filingScale), currency. */
    readonly scale: number;
  };
}

/** Every symbol with a market cap that cannot be true on some session, in symbol order. */
export function implausibleCapSpans(market: Market): ImplausibleCapSpan[] {
  const f = market.fundamentals;
  const n = market.symbols.length;
  const splits = buildAdjustmentIndex(market);
  const out: ImplausibleCapSpan[] = [];
  for (let i = 0; i < f.symbolCount; i++) {
    if (f.symbolStart[i + 1] === f.symbolStart[i]) continue;
    let first = -1;
    let last = -1;
    let sessions = 0;
    let worst: ImplausibleCapSpan['worst'] | undefined;
    for (let t = 0; t < market.dates.length; t++) {
      const close = market.close[t * n + i];
      const row = f.latestRow(i, market.dates[t]);
      const reported = f.value('sharesOutstanding', row);
      if (!(close > 0) || Number.isNaN(reported)) continue;
      const since = sessionOnOrBefore(market.dates, f.periodEnd[row]);
      const shares = reported * splitFactorBetween(splits, i, since, t);
      const cap = shares * close;
      const assets = f.value('totalAssets', row);
      const revenue = f.value('revenue', row);
      if (!implausibleCap(cap, assets, revenue)) continue;
      if (first < 0) first = t;
      last = t;
      sessions++;
      const scale = filingScale(assets, revenue);
      if (worst === undefined || cap / scale > worst.cap / worst.scale) worst = { date: isoDay(market.dates[t]), cap, shares, close, scale };
    }
    if (worst !== undefined) out.push({ symbol: market.symbols[i], first: isoDay(market.dates[first]), last: isoDay(market.dates[last]), sessions, worst });
  }
  return out;
}
