// Random small markets for property tests: a few symbols, a few dozen sessions, random walks with
// splits, dividends, days without a price or without volume, delistings, a dated rate series and
// point-in-time fundamentals. Everything comes from one seed.

import { dayParts, epochDay } from '../../data/dates.ts';
import type { FundamentalRow } from '../../data/fundamentals.ts';
import type { Market } from '../../data/market.ts';
import { fixtureMarket, weekdays, type FixtureSpec } from './fixtures.ts';

/** mulberry32: a small seeded uniform [0, 1) generator (independent of the engine's). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface RandomMarketOptions {
  seed: number;
  symbols: number;
  sessions: number;
  /** Chance that a symbol-session has no price at all. */
  nanRate?: number;
  /** Chance that a priced symbol-session has zero volume. */
  zeroVolumeRate?: number;
  /** Chance that a priced session has no open (the close stands in). */
  missingOpenRate?: number;
  splits?: boolean;
  dividends?: boolean;
  delistings?: boolean;
  rates?: boolean;
  fundamentals?: boolean;
}

export interface RandomMarket {
  market: Market;
  spec: FixtureSpec;
}

export function randomMarket(o: RandomMarketOptions): RandomMarket {
  const r = rng(o.seed);
  const n = o.symbols;
  const T = o.sessions;
  const pick = <X>(xs: readonly X[]): X => xs[Math.floor(r() * xs.length)];
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

  // Split-free ("economic") prices first.
  const base: number[][] = [];
  for (let t = 0; t < T; t++) {
    base.push(Array.from({ length: n }, (_, i) => (t === 0 ? 5 + 195 * r() : base[t - 1][i] * Math.exp(0.06 * (r() - 0.5)))));
  }
  const splits: { session: number; symbol: number; value: number }[] = [];
  const dividends: { session: number; symbol: number; value: number }[] = [];
  const delistedAfter: Record<number, number> = {};
  const delistReturn: Record<number, number> = {};
  const ratio = Array.from({ length: T }, () => Array(n).fill(1));
  // A delisted symbol has no corporate actions after its last session (see delisting.test.ts for
  // what the engine does with a split on the delisting session).
  const lastSession = Array(n).fill(T - 1);
  for (let i = 0; i < n; i++) {
    if (o.delistings && r() < 0.25) {
      delistedAfter[i] = int(Math.floor(T / 2), T - 2);
      lastSession[i] = delistedAfter[i];
      if (r() < 0.6) delistReturn[i] = -r();
    }
    if (o.splits && r() < 0.5) {
      const s = int(1, lastSession[i]);
      const value = pick([2, 3, 0.5, 0.25, 1.5]);
      splits.push({ session: s, symbol: i, value });
      for (let t = s; t < T; t++) ratio[t][i] *= value;
    }
  }
  const closes: number[][] = [];
  const opens: number[][] = [];
  const highs: number[][] = [];
  const lows: number[][] = [];
  const volumes: number[][] = [];
  for (let t = 0; t < T; t++) {
    const c: number[] = [];
    const op: number[] = [];
    const h: number[] = [];
    const l: number[] = [];
    const v: number[] = [];
    for (let i = 0; i < n; i++) {
      const gone = delistedAfter[i] !== undefined && t > delistedAfter[i];
      const lastDay = delistedAfter[i] === t;
      if (gone || (!lastDay && t > 0 && r() < (o.nanRate ?? 0))) {
        c.push(NaN);
        op.push(NaN);
        h.push(NaN);
        l.push(NaN);
        v.push(gone ? NaN : 0);
        continue;
      }
      const close = base[t][i] / ratio[t][i];
      const open = r() < (o.missingOpenRate ?? 0) ? NaN : close * (1 + 0.03 * (r() - 0.5));
      const top = Math.max(close, Number.isNaN(open) ? close : open);
      const bottom = Math.min(close, Number.isNaN(open) ? close : open);
      c.push(close);
      op.push(open);
      h.push(top * (1 + 0.02 * r()));
      l.push(bottom * (1 - 0.02 * r()));
      v.push(r() < (o.zeroVolumeRate ?? 0) ? 0 : Math.round((1_000 + 100_000 * r()) * ratio[t][i]));
    }
    closes.push(c);
    opens.push(op);
    highs.push(h);
    lows.push(l);
    volumes.push(v);
  }
  if (o.dividends) {
    for (let i = 0; i < n; i++) {
      const count = int(0, 2);
      for (let k = 0; k < count; k++) {
        const s = int(1, lastSession[i]);
        if (dividends.some((d) => d.session === s && d.symbol === i)) continue;
        const ref = closes[s - 1][i];
        dividends.push({ session: s, symbol: i, value: Number.isNaN(ref) ? 0.5 : ref * 0.01 * (0.5 + r()) });
      }
    }
  }
  const dates = weekdays('2024-01-01', T);
  const spec: FixtureSpec = {
    symbols: Array.from({ length: n }, (_, i) => `S${i}`),
    closes,
    opens,
    highs,
    lows,
    volumes,
    splits,
    dividends,
    delistedAfter,
    delistReturn,
  };
  if (o.rates) {
    const rowDates: number[] = [];
    const values: number[] = [];
    for (let d = dates[0] - 5; d <= dates[T - 1] + 10; d += int(3, 12)) {
      rowDates.push(d);
      values.push(r() < 0.1 ? NaN : 0.06 * r());
    }
    // m: monthly averages dated on each month's first day (FRED's TB3MS), known once the month is over.
    const months: number[] = [];
    const { year, month } = dayParts(dates[0] - 70);
    for (let k = 0; epochDay(year, month + k, 1) <= dates[T - 1] + 40; k++) months.push(epochDay(year, month + k, 1));
    spec.rates = {
      r: { name: 'r', dates: Int32Array.from(rowDates), values: Float64Array.from(values) },
      m: { name: 'm', dates: Int32Array.from(months), values: Float64Array.from(months, () => 0.06 * r()) },
    };
  }
  if (o.fundamentals) {
    const rows: FundamentalRow[] = [];
    for (let i = 0; i < n; i++) {
      for (let end = dates[0] - 60; end < dates[T - 1]; end += int(20, 40)) {
        rows.push({
          symbol: i,
          periodEnd: end,
          availableAt: end + int(5, 45),
          values: { revenue: 1e6 * r(), netIncome: 1e5 * (r() - 0.3), sharesOutstanding: 1e6 * (1 + r()) },
        });
      }
    }
    spec.fundamentals = rows;
  }
  return { market: fixtureMarket(spec), spec };
}
