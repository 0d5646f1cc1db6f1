// Small hand-made markets for engine tests: a few symbols, a few sessions, every number visible.

import { epochDay } from '../../data/dates.ts';
import { Fundamentals, noFundamentals, type FundamentalRow } from '../../data/fundamentals.ts';
import { AssetClass, PriceKind, eventTable, type Market } from '../../data/market.ts';
import type { RateSeries } from '../../data/rates.ts';

export interface FixtureSpec {
  symbols: string[];
  /** closes[t][i]; NaN = no price. */
  closes: number[][];
  opens?: number[][];
  highs?: number[][];
  lows?: number[][];
  volumes?: number[][];
  /** ISO start date; sessions are consecutive weekdays from it. */
  start?: string;
  splits?: { session: number; symbol: number; value: number }[];
  dividends?: { session: number; symbol: number; value: number }[];
  delistedAfter?: Record<number, number>;
  delistReturn?: Record<number, number>;
  rates?: Record<string, RateSeries>;
  /** Point-in-time fundamental rows (symbol index, epoch days). */
  fundamentals?: FundamentalRow[];
}

/** Split ratios a property draws, as [p, q]: p new shares per q old (splits and reverse splits, whole and not). */
export const SPLIT_RATIOS = ['3:2', '2:1', '3:1', '5:4', '1:2', '1:3', '1:10', '4:3'].map((r) => r.split(':').map(Number) as [number, number]);

export function weekdays(startIso: string, count: number): Int32Array {
  const [y, m, d] = startIso.split('-').map(Number);
  const out = new Int32Array(count);
  let day = epochDay(y, m, d);
  for (let k = 0; k < count; k++) {
    while ([0, 6].includes(new Date(day * 86_400_000).getUTCDay())) day++;
    out[k] = day++;
  }
  return out;
}

export function fixtureMarket(spec: FixtureSpec): Market {
  const n = spec.symbols.length;
  const sessions = spec.closes.length;
  const column = (rows: number[][] | undefined, fallback: number): Float64Array => {
    const col = new Float64Array(sessions * n);
    for (let t = 0; t < sessions; t++) for (let i = 0; i < n; i++) col[t * n + i] = rows ? rows[t][i] : fallback;
    return col;
  };
  const close = column(spec.closes, NaN);
  const delistedAfter = new Int32Array(n).fill(-1);
  const delistReturn = new Float64Array(n).fill(NaN);
  for (const [i, t] of Object.entries(spec.delistedAfter ?? {})) delistedAfter[+i] = t;
  for (const [i, r] of Object.entries(spec.delistReturn ?? {})) delistReturn[+i] = r;
  return {
    name: 'fixture',
    synthetic: true,
    symbols: spec.symbols,
    dates: weekdays(spec.start ?? '2024-01-01', sessions),
    open: spec.opens ? column(spec.opens, NaN) : close.slice(),
    high: spec.highs ? column(spec.highs, NaN) : close.slice(),
    low: spec.lows ? column(spec.lows, NaN) : close.slice(),
    close,
    volume: column(spec.volumes, 1e9),
    priceKind: new Uint8Array(n).fill(PriceKind.raw),
    assetClass: new Uint8Array(n).fill(AssetClass.stock),
    sector: spec.symbols.map(() => ''),
    industry: spec.symbols.map(() => ''),
    splits: eventTable(sessions, spec.splits ?? []),
    dividends: eventTable(sessions, spec.dividends ?? []),
    delistedAfter,
    delistReturn,
    fundamentals: spec.fundamentals ? new Fundamentals(n, spec.fundamentals) : noFundamentals(n),
    rates: spec.rates ?? {},
    roles: {},
    sources: [],
    fingerprint: 'fixture',
  };
}

/** A dated rate series from `[isoDate, annualRate]` rows. */
export function rateSeries(name: string, rows: [string, number][]): RateSeries {
  const dates = new Int32Array(rows.length);
  const values = new Float64Array(rows.length);
  rows.forEach(([iso, rate], k) => {
    const [y, m, d] = iso.split('-').map(Number);
    dates[k] = epochDay(y, m, d);
    values[k] = rate;
  });
  return { name, dates, values };
}
