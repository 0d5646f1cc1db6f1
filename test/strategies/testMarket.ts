// A small seeded market for strategy tests: stocks with sectors, quarterly point-in-time
// fundamentals driven by hidden quality and leverage traits, one split, one delisting, three
// funds (small, quality small, large) under the sample's roles, and a T-bill series. Small
// enough that every built-in runs end to end in well under a second.

import { Fundamentals, type FundamentalRow } from '../../data/fundamentals.ts';
import { AssetClass, PriceKind, type Market } from '../../data/market.ts';
import { Random } from '../../data/random.ts';
import { fixtureMarket } from '../engine/fixtures.ts';

export interface TestMarketOptions {
  readonly stocks?: number;
  readonly sessions?: number;
  readonly seed?: number;
}

export interface TestMarket extends Market {
  /** The traits the fundamentals were drawn from, per stock. */
  readonly quality: Float64Array;
  readonly leverage: Float64Array;
  readonly stockCount: number;
}

export const SECTORS = ['technology', 'utilities', 'industrials', 'health care'];
export const SPLIT = { symbol: 5, session: 300, ratio: 2 };
export const DELISTED = { symbol: 9, after: 400 };
/** Stock 3 never reports interest expense; stock 7 files nothing at all. */
export const NO_INTEREST = 3;
export const NO_FUNDAMENTALS = 7;

export function testMarket(options: TestMarketOptions = {}): TestMarket {
  const n = options.stocks ?? 40;
  const sessions = options.sessions ?? 520;
  const rng = new Random(options.seed ?? 7, 'strategy test market');
  const random = (): number => rng.uniform();
  const normal = (): number => rng.normal();

  const quality = Float64Array.from({ length: n }, normal);
  const leverage = Float64Array.from(quality, (q) => -0.6 * q + 0.8 * normal());
  const beta = Float64Array.from({ length: n }, () => 0.6 + 0.8 * random());
  const shares = Float64Array.from({ length: n }, () => 1e6 * Math.exp(4 * random()));
  const startPrice = Float64Array.from({ length: n }, () => 10 + 60 * random());
  const startCap = Float64Array.from(shares, (s, i) => s * startPrice[i]);
  const medianCap = [...startCap].sort((a, b) => a - b)[n >> 1];

  // Total-return paths: market factor × beta, a quality premium, idiosyncratic noise.
  const level = Array.from({ length: sessions }, () => new Float64Array(n));
  level[0].set(startPrice);
  const market = Float64Array.from({ length: sessions }, () => 0.0003 + 0.01 * normal());
  for (let t = 1; t < sessions; t++) {
    for (let i = 0; i < n; i++) {
      const r = beta[i] * market[t] + 0.0002 * quality[i] + 0.015 * normal();
      level[t][i] = level[t - 1][i] * (1 + r);
    }
  }

  const fund = (pick: (i: number) => boolean): number[] => {
    const members = Array.from({ length: n }, (_, i) => i).filter(pick);
    const out = [100];
    for (let t = 1; t < sessions; t++) {
      const r = members.reduce((sum, i) => sum + level[t][i] / level[t - 1][i] - 1, 0) / members.length;
      out.push(out[t - 1] * (1 + r));
    }
    return out;
  };
  const small = fund((i) => startCap[i] < medianCap);
  const qualitySmall = fund((i) => startCap[i] < medianCap && quality[i] > 0);
  const large = fund((i) => startCap[i] >= medianCap);

  const closes = level.map((row, t) => [
    ...Array.from(row, (p, i) => {
      if (i === DELISTED.symbol && t > DELISTED.after) return NaN;
      return i === SPLIT.symbol && t >= SPLIT.session ? p / SPLIT.ratio : p;
    }),
    small[t],
    qualitySmall[t],
    large[t],
  ]);
  const volumes = closes.map((row, t) =>
    row.map((p, i) => (Number.isNaN(p) ? NaN : i < n ? shares[i] * 0.004 * (i === SPLIT.symbol && t >= SPLIT.session ? SPLIT.ratio : 1) : 1e7)),
  );
  const symbols = [...Array.from({ length: n }, (_, i) => `S${String(i + 1).padStart(2, '0')}`), 'SMALL', 'QSMALL', 'LARGE'];
  const base = fixtureMarket({
    symbols,
    closes,
    volumes,
    start: '2021-01-04',
    splits: [{ session: SPLIT.session, symbol: SPLIT.symbol, value: SPLIT.ratio }],
    delistedAfter: { [DELISTED.symbol]: DELISTED.after },
  });
  const dates = base.dates;
  const tbill = Float64Array.from(dates, (_, t) => {
    const x = t / sessions;
    return x < 0.5 ? 0.05 - 0.06 * x : 0.02 + 0.04 * (x - 0.5);
  });

  const rows: FundamentalRow[] = [];
  for (let i = 0; i < n; i++) {
    if (i === NO_FUNDAMENTALS) continue;
    // One filing known before the first session, then one per ~quarter.
    for (let t = -63; t < sessions; t += 63) {
      const periodEnd = t < 0 ? dates[0] - 60 : dates[t];
      const scale = t < 0 ? 1 : level[t][i] / startPrice[i];
      rows.push({ symbol: i, periodEnd, availableAt: periodEnd + 40, values: filing(i, scale, periodEnd >= dates[SPLIT.session] ? SPLIT.ratio : 1) });
    }
  }

  function filing(i: number, scale: number, splitFactor: number): FundamentalRow['values'] {
    const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
    const assets = startCap[i] * scale * (1 + 0.5 * Math.exp(leverage[i]));
    const liabilities = assets * 0.9 * sigmoid(leverage[i] + 0.2 * normal());
    const debt = liabilities * 0.7;
    const shortTermDebt = debt * sigmoid(leverage[i] + 0.3 * normal());
    const revenue = assets * 0.8 * Math.exp(0.2 * normal());
    const operatingIncome = revenue * (0.08 + 0.05 * quality[i] + 0.02 * normal());
    const interestExpense = -debt * 0.05;
    const netIncome = (operatingIncome + interestExpense) * 0.75;
    return {
      revenue,
      grossProfit: revenue * (0.3 + 0.08 * quality[i]),
      operatingIncome,
      netIncome,
      interestExpense: i === NO_INTEREST ? NaN : interestExpense,
      operatingCashFlow: netIncome + assets * (0.04 + 0.02 * quality[i] - 0.02 * leverage[i]),
      capex: -assets * (0.03 + 0.01 * random()),
      totalAssets: assets,
      totalLiabilities: liabilities,
      totalEquity: assets - liabilities,
      shortTermDebt,
      longTermDebt: debt - shortTermDebt,
      totalDebt: debt,
      cash: assets * 0.05,
      sharesOutstanding: shares[i] * splitFactor,
    };
  }

  const isFund = (i: number): boolean => i >= n;
  return {
    ...base,
    name: 'strategy test market',
    assetClass: Uint8Array.from(symbols, (_, i) => (isFund(i) ? AssetClass.fund : AssetClass.stock)),
    priceKind: Uint8Array.from(symbols, (_, i) => (isFund(i) ? PriceKind.totalReturn : PriceKind.raw)),
    sector: symbols.map((_, i) => (isFund(i) ? '' : SECTORS[i % SECTORS.length])),
    industry: symbols.map(() => ''),
    fundamentals: new Fundamentals(symbols.length, rows),
    rates: { tbill3m: { name: 'tbill3m', dates, values: tbill } },
    roles: { smallCap: 'SMALL', qualitySmallCap: 'QSMALL', largeCap: 'LARGE' },
    quality,
    leverage,
    stockCount: n,
  };
}
