// A plain random-walk market for benchmarks: N symbols × T weekday sessions of OHLCV, seeded.

import { epochDay } from '../data/dates.ts';
import { noFundamentals } from '../data/fundamentals.ts';
import { AssetClass, PriceKind, emptyEvents, type Market } from '../data/market.ts';
import { Random } from '../data/random.ts';

export function randomWalkMarket(symbols: number, sessions: number, seed = 7): Market {
  const rng = new Random(seed, 'bench');
  const random = (): number => rng.uniform();
  const size = symbols * sessions;
  const open = new Float64Array(size);
  const high = new Float64Array(size);
  const low = new Float64Array(size);
  const close = new Float64Array(size);
  const volume = new Float64Array(size);
  const last = new Float64Array(symbols).fill(50);
  for (let t = 0; t < sessions; t++) {
    for (let i = 0; i < symbols; i++) {
      const k = t * symbols + i;
      const o = last[i] * (1 + (random() - 0.5) * 0.004);
      const c = o * (1 + (random() - 0.5) * 0.03);
      open[k] = o;
      close[k] = c;
      high[k] = Math.max(o, c) * 1.005;
      low[k] = Math.min(o, c) * 0.995;
      volume[k] = 100_000 + random() * 900_000;
      last[i] = c;
    }
  }
  const dates = new Int32Array(sessions);
  let day = epochDay(2005, 1, 3);
  for (let t = 0; t < sessions; t++) {
    while ((day + 4) % 7 === 0 || (day + 4) % 7 === 6) day++; // skip Sunday (0) and Saturday (6)
    dates[t] = day++;
  }
  return {
    name: `random walk ${symbols}×${sessions} (SYNTHETIC)`,
    synthetic: true,
    symbols: Array.from({ length: symbols }, (_, i) => `S${i}`),
    dates,
    open,
    high,
    low,
    close,
    volume,
    priceKind: new Uint8Array(symbols).fill(PriceKind.raw),
    assetClass: new Uint8Array(symbols).fill(AssetClass.stock),
    sector: Array.from({ length: symbols }, () => ''),
    industry: Array.from({ length: symbols }, () => ''),
    splits: emptyEvents(sessions),
    dividends: emptyEvents(sessions),
    delistedAfter: new Int32Array(symbols).fill(-1),
    delistReturn: new Float64Array(symbols).fill(NaN),
    fundamentals: noFundamentals(symbols),
    rates: {},
    roles: {},
    sources: [{ path: 'bench:random-walk', format: 'synthetic', fingerprint: String(seed), notes: [] }],
    fingerprint: `random-walk-${symbols}-${sessions}-${seed}`,
  };
}
