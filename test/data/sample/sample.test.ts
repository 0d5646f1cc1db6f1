import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants as zlibConstants, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DelistKind, generateSampleMarket, type SampleMarket } from '../../../data/sample.ts';
import { writeSampleCsv } from '../../../data/sample/csv.ts';
import { loadRateSeries } from '../../../data/fred.ts';
import { AssetClass, PriceKind, type Market } from '../../../data/market.ts';
import { FUNDAMENTAL_FIELDS, Fundamentals, type FundamentalField } from '../../../data/fundamentals.ts';
import { statementsToRows, type FiscalPeriod } from '../../../data/fundamentals/statements.ts';
import { dayParts, isoDay, parseIsoDay } from '../../../data/dates.ts';

let market: SampleMarket;
let N: number; // symbols, stocks + funds
let T: number;
let stocks: number;

beforeAll(() => {
  market = generateSampleMarket();
  N = market.symbols.length;
  T = market.dates.length;
  stocks = market.sample.traits.count;
});

const at = (t: number, i: number): number => t * N + i;

/** Total return of every symbol from t-1 to t from closes, splits, dividends and delistings (NaN: not held). */
function totalReturns(m: Market, t: number): Float64Array {
  const n = m.symbols.length;
  const out = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i++) {
    const before = m.close[(t - 1) * n + i];
    const now = m.close[t * n + i];
    if (!(before > 0)) continue;
    out[i] = Number.isNaN(now) ? m.delistReturn[i] : now / before - 1;
  }
  for (let k = m.splits.sessionStart[t]; k < m.splits.sessionStart[t + 1]; k++) {
    out[m.splits.symbol[k]] = (1 + out[m.splits.symbol[k]]) * m.splits.value[k] - 1;
  }
  for (let k = m.dividends.sessionStart[t]; k < m.dividends.sessionStart[t + 1]; k++) {
    const i = m.dividends.symbol[k];
    out[i] += m.dividends.value[k] / m.close[(t - 1) * n + i];
  }
  return out;
}

const sameBits = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.compare(Buffer.from(a.buffer, a.byteOffset, a.byteLength), Buffer.from(b.buffer, b.byteOffset, b.byteLength)) === 0;

describe('generateSampleMarket: determinism', () => {
  it('gives identical bits for the same seed', () => {
    const again = generateSampleMarket({ seed: 42 });
    for (const field of ['dates', 'open', 'high', 'low', 'close', 'volume', 'priceKind', 'assetClass', 'delistedAfter', 'delistReturn'] as const) {
      expect(sameBits(again[field], market[field]), field).toBe(true);
    }
    for (const table of ['splits', 'dividends'] as const) {
      for (const column of ['session', 'symbol', 'value', 'sessionStart'] as const) {
        expect(sameBits(again[table][column], market[table][column]), `${table}.${column}`).toBe(true);
      }
    }
    expect(sameBits(again.fundamentals.availableAt, market.fundamentals.availableAt)).toBe(true);
    expect(sameBits(again.fundamentals.periodEnd, market.fundamentals.periodEnd)).toBe(true);
    for (const field of FUNDAMENTAL_FIELDS) {
      expect(sameBits(again.fundamentals.column(field), market.fundamentals.column(field)), field).toBe(true);
    }
    expect(sameBits(again.rates.tbill3m.values, market.rates.tbill3m.values)).toBe(true);
    expect(again.symbols).toEqual(market.symbols);
    expect(again.fingerprint).toBe(market.fingerprint);
  });

  it('differs for another seed, and so does the fingerprint', () => {
    const other = generateSampleMarket({ seed: 43, stocks: 50, years: 2 });
    const same = generateSampleMarket({ seed: 42, stocks: 50, years: 2 });
    expect(sameBits(other.close, same.close)).toBe(false);
    expect(sameBits(other.rates.tbill3m.values, same.rates.tbill3m.values)).toBe(false);
    expect(other.fingerprint).not.toBe(same.fingerprint);
    expect(same.fingerprint).not.toBe(market.fingerprint);
  });
});

describe('generateSampleMarket: shape and labels', () => {
  it('rejects options it cannot honour with a message naming the option', () => {
    expect(() => generateSampleMarket({ stocks: 5 })).toThrow(/stocks/);
    expect(() => generateSampleMarket({ startDate: '2005-02-30' })).toThrow(/startDate/);
    expect(() => generateSampleMarket({ seed: 1.5 })).toThrow(/seed/);
  });

  it('is labelled SYNTHETIC with its seed and a builtin source', () => {
    expect(market.synthetic).toBe(true);
    expect(market.name).toContain('SYNTHETIC');
    expect(market.name).toContain('42');
    expect(market.sources).toHaveLength(1);
    expect(market.sources[0]).toMatchObject({ path: 'builtin:sample', format: 'synthetic', fingerprint: market.fingerprint });
    expect(market.sources[0].notes.join(' ')).toContain('SYNTHETIC');
  });

  it('has at least 600 stocks over at least 5,040 weekday sessions', () => {
    expect(market.assetClass.filter((c) => c === AssetClass.stock).length).toBeGreaterThanOrEqual(600);
    expect(T).toBeGreaterThanOrEqual(5040);
    for (let t = 1; t < T; t++) expect(market.dates[t]).toBeGreaterThan(market.dates[t - 1]);
    expect(market.dates.every((d) => dayParts(d).weekday >= 1 && dayParts(d).weekday <= 5)).toBe(true);
    expect(new Set(market.sector.slice(0, stocks)).size).toBe(10);
  });

  it('SYN_BOND behaves like a long Treasury fund: falls when the T-bill rises, about 14 % volatility', () => {
    const i = market.symbols.indexOf('SYN_BOND');
    const bill = market.rates.tbill3m.values;
    let co = 0;
    let sum = 0;
    let sumSq = 0;
    for (let t = 1; t < T; t++) {
      const r = market.close[at(t, i)] / market.close[at(t - 1, i)] - 1;
      co += r * (bill[t] - bill[t - 1]);
      sum += r;
      sumSq += r * r;
    }
    const vol = Math.sqrt((sumSq - (sum * sum) / (T - 1)) / (T - 2)) * Math.sqrt(252);
    expect(co).toBeLessThan(0);
    expect(vol).toBeGreaterThan(0.08);
    expect(vol).toBeLessThan(0.2);
  });

  it('names the four fund series as total-return funds with roles', () => {
    expect(market.roles).toEqual({ smallCap: 'SYN_SMALL', qualitySmallCap: 'SYN_QSMALL', largeCap: 'SYN_LARGE', bond: 'SYN_BOND' });
    for (const symbol of Object.values(market.roles)) {
      const i = market.symbols.indexOf(symbol);
      expect(market.assetClass[i]).toBe(AssetClass.fund);
      expect(market.priceKind[i]).toBe(PriceKind.totalReturn);
      for (let t = 0; t < T; t++) expect(market.close[at(t, i)]).toBeGreaterThan(0);
    }
    expect([...market.splits.symbol, ...market.dividends.symbol].every((i) => i < stocks)).toBe(true);
  });

  it('has no prices after a delisting, and delisting returns by kind', () => {
    const delisted = [...market.delistedAfter.keys()].filter((i) => market.delistedAfter[i] >= 0);
    expect(delisted.length).toBeGreaterThan(50);
    for (const i of delisted) {
      const last = market.delistedAfter[i];
      expect(market.close[at(last, i)]).toBeGreaterThan(0);
      for (let t = last + 1; t < T; t++) {
        expect(Number.isNaN(market.close[at(t, i)]) && Number.isNaN(market.open[at(t, i)]) && Number.isNaN(market.volume[at(t, i)])).toBe(true);
      }
      const r = market.delistReturn[i];
      if (market.sample.delistKind[i] === DelistKind.bankruptcy) expect(r >= -1 && r <= -0.3).toBe(true);
      else expect(r >= 0.15 && r <= 0.5).toBe(true);
    }
    const bankruptcies = delisted.filter((i) => market.sample.delistKind[i] === DelistKind.bankruptcy).length;
    expect(bankruptcies).toBeGreaterThan(delisted.length - bankruptcies - 30); // mostly defaults, some takeovers
  });

  it('keeps the T-bill between 0 and 6% with hikes and cuts', () => {
    const { dates, values } = market.rates.tbill3m;
    expect(sameBits(dates, market.dates)).toBe(true);
    expect(values.every((v) => v >= 0 && v <= 0.06)).toBe(true);
    const maxRise = Math.max(...values.map((v, t) => v - Math.min(...values.slice(Math.max(0, t - 800), t + 1))));
    const maxFall = Math.max(...values.map((v, t) => Math.max(...values.slice(Math.max(0, t - 800), t + 1)) - v));
    expect(maxRise).toBeGreaterThan(0.03);
    expect(maxFall).toBeGreaterThan(0.03);
  });
});

describe('generateSampleMarket: raw prices', () => {
  it('keeps low ≤ open, close ≤ high, positive prices and non-negative volume', () => {
    let bad = 0;
    for (let k = 0; k < market.close.length; k++) {
      const o = market.open[k], h = market.high[k], l = market.low[k], c = market.close[k];
      if (Number.isNaN(c)) continue;
      if (!(l > 0 && l <= o && l <= c && h >= o && h >= c && market.volume[k] >= 0)) bad++;
    }
    expect(bad).toBe(0);
  });

  it('has no-trade days only for the smallest names, and volume that scales with size', () => {
    const noTradeDays = new Float64Array(stocks);
    const dollarVolume = new Float64Array(stocks);
    for (let t = 0; t < T; t++) {
      for (let i = 0; i < stocks; i++) {
        if (market.volume[at(t, i)] === 0) noTradeDays[i]++;
        else if (market.volume[at(t, i)] > 0) dollarVolume[i] += market.volume[at(t, i)] * market.close[at(t, i)];
      }
    }
    const { sizeZ } = market.sample.traits;
    const withNoTrade = [...noTradeDays.keys()].filter((i) => noTradeDays[i] > 0);
    expect(withNoTrade.length).toBeGreaterThan(10);
    expect(withNoTrade.reduce((sum, i) => sum + sizeZ[i], 0) / withNoTrade.length).toBeLessThan(-0.5); // micro caps
    const bySize = [...sizeZ.keys()].filter((i) => market.sample.traits.listedFrom[i] === 0).sort((a, b) => sizeZ[a] - sizeZ[b]);
    const fifth = Math.floor(bySize.length / 5);
    const medianDollarVolume = (ids: number[]): number => ids.map((i) => dollarVolume[i]).sort((a, b) => a - b)[ids.length >> 1];
    expect(medianDollarVolume(bySize.slice(-fifth))).toBeGreaterThan(20 * medianDollarVolume(bySize.slice(0, fifth)));
  });

  it('splits: the raw close jumps by the split ratio while the total return stays continuous', () => {
    const ratios = new Set(market.splits.value);
    expect([...ratios].sort()).toEqual([0.1, 2, 3]);
    for (let k = 0; k < market.splits.value.length; k++) {
      const t = market.splits.session[k], i = market.splits.symbol[k], ratio = market.splits.value[k];
      const rawRatio = market.close[at(t - 1, i)] / market.close[at(t, i)];
      expect(Math.abs(Math.log(rawRatio / ratio))).toBeLessThan(0.3);
      expect(Math.abs(totalReturns(market, t)[i])).toBeLessThan(0.3);
    }
  });

  it('reverse splits hit the levered, and shares outstanding multiply on a split', () => {
    const { leverage } = market.sample.traits;
    const reverse = [...new Set([...market.splits.symbol].filter((_, k) => market.splits.value[k] < 1))];
    const mean = (ids: number[]): number => ids.reduce((s, i) => s + leverage[i], 0) / ids.length;
    expect(mean(reverse)).toBeGreaterThan(mean([...leverage.keys()]) + 0.3);

    const f = market.fundamentals;
    let checked = 0;
    for (let k = 0; k < market.splits.value.length; k++) {
      const i = market.splits.symbol[k], day = market.dates[market.splits.session[k]];
      const rows = [...Array(f.symbolStart[i + 1] - f.symbolStart[i]).keys()].map((j) => f.symbolStart[i] + j);
      const before = rows.filter((r) => f.periodEnd[r] < day).pop();
      const after = rows.find((r) => f.periodEnd[r] >= day);
      if (before === undefined || after === undefined || f.periodEnd[after] - f.periodEnd[before] > 95) continue;
      const splitsBetween = [...market.splits.symbol.keys()].filter(
        (e) => market.splits.symbol[e] === i && market.dates[market.splits.session[e]] > f.periodEnd[before] && market.dates[market.splits.session[e]] <= f.periodEnd[after],
      );
      const expected = splitsBetween.reduce((p, e) => p * market.splits.value[e], 1);
      const ratio = f.value('sharesOutstanding', after) / f.value('sharesOutstanding', before);
      expect(Math.abs(ratio / expected - 1)).toBeLessThan(1e-4); // whole shares: fractions cashed out
      checked++;
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('dividends: the price drops by about the dividend at the ex-date open', () => {
    let sum = 0;
    for (let k = 0; k < market.dividends.value.length; k++) {
      const t = market.dividends.session[k], i = market.dividends.symbol[k];
      sum += (market.close[at(t - 1, i)] - market.open[at(t, i)]) / market.dividends.value[k];
    }
    expect(market.dividends.value.length).toBeGreaterThan(1000);
    expect(sum / market.dividends.value.length).toBeGreaterThan(0.85);
    expect(sum / market.dividends.value.length).toBeLessThan(1.15);
    const payers = [...new Set(market.dividends.symbol)];
    expect(payers.every((i) => market.sample.traits.quality[i] > 0)).toBe(true);
  });
});

describe('generateSampleMarket: fundamentals', () => {
  it('publishes each filing 25–60 days after its quarter end and shows it from that day only', () => {
    const f = market.fundamentals;
    expect(f.rowCount).toBeGreaterThan(stocks * 40);
    for (let k = 0; k < f.rowCount; k++) {
      const lag = f.availableAt[k] - f.periodEnd[k];
      expect(lag >= 25 && lag <= 60).toBe(true);
    }
    for (let k = 0; k < f.rowCount; k += 97) {
      const i = f.symbol[k], day = f.availableAt[k];
      const assets = f.value('totalAssets', k);
      expect(f.asOf('totalAssets', day - 1)[i]).not.toBe(assets);
      expect(f.latestRow(i, day - 1)).toBe(k - 1 >= f.symbolStart[i] ? k - 1 : -1);
      expect(f.asOf('totalAssets', day)[i]).toBe(assets);
    }
  });

  it('fills every field, with SimFin signs and consistent balance sheets', () => {
    const f = market.fundamentals;
    const k = f.symbolStart[1] + 8; // past the first year: TTM flows are defined
    for (const field of FUNDAMENTAL_FIELDS) expect(Number.isFinite(f.value(field, k)), field).toBe(true);
    for (let r = 0; r < f.rowCount; r++) {
      expect(f.value('totalDebt', r)).toBe(f.value('shortTermDebt', r) + f.value('longTermDebt', r));
      expect(f.value('totalEquity', r)).toBe(f.value('totalAssets', r) - f.value('totalLiabilities', r));
      expect(f.value('capex', r) <= 0 || Number.isNaN(f.value('capex', r))).toBe(true);
      expect(f.value('interestExpense', r) <= 0 || Number.isNaN(f.value('interestExpense', r))).toBe(true);
    }
  });

  it('levered names file high debt/equity, more short-term debt, low free cash flow and coverage', () => {
    const f = market.fundamentals;
    const { leverage } = market.sample.traits;
    const sorted = [...leverage].sort((a, b) => a - b);
    const cohort = (pick: (i: number) => boolean, ratio: (r: number) => number): number => {
      const values: number[] = [];
      for (let i = 0; i < stocks; i++) {
        if (pick(i)) for (let r = f.symbolStart[i]; r < f.symbolStart[i + 1]; r++) values.push(ratio(r));
      }
      return values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b)[values.length >> 1];
    };
    const levered = (i: number): boolean => leverage[i] >= sorted[Math.floor(0.8 * stocks)];
    const clean = (i: number): boolean => leverage[i] <= sorted[Math.floor(0.2 * stocks)];
    const v = (field: Parameters<typeof f.value>[0], r: number): number => f.value(field, r);
    const debtToEquity = (r: number): number => (v('totalEquity', r) > 0 ? v('totalDebt', r) / v('totalEquity', r) : Infinity);
    const shortShare = (r: number): number => v('shortTermDebt', r) / v('totalDebt', r);
    const fcf = (r: number): number => (v('operatingCashFlow', r) + v('capex', r)) / v('totalAssets', r);
    const coverage = (r: number): number => v('operatingIncome', r) / -v('interestExpense', r);
    expect(cohort(levered, debtToEquity)).toBeGreaterThan(5 * cohort(clean, debtToEquity));
    expect(cohort(levered, shortShare)).toBeGreaterThan(cohort(clean, shortShare) + 0.15);
    expect(cohort(levered, fcf)).toBeLessThan(cohort(clean, fcf) - 0.03);
    expect(cohort(levered, coverage)).toBeLessThan(2);
    expect(cohort(clean, coverage)).toBeGreaterThan(10);
  });

  it('survivorship: delisted names were more levered than survivors in their first filings', () => {
    const f = market.fundamentals;
    const firstDebtToEquity = (i: number): number => {
      const r = f.symbolStart[i];
      const equity = f.value('totalEquity', r);
      return r < f.symbolStart[i + 1] && equity > 0 ? f.value('totalDebt', r) / equity : NaN;
    };
    const mean = (ids: number[]): number => {
      const values = ids.map(firstDebtToEquity).filter(Number.isFinite);
      return values.reduce((a, b) => a + b, 0) / values.length;
    };
    const ids = [...Array(stocks).keys()];
    const delisted = ids.filter((i) => market.delistedAfter[i] >= 0 && market.sample.delistKind[i] === DelistKind.bankruptcy);
    const survivors = ids.filter((i) => market.delistedAfter[i] < 0);
    expect(mean(delisted)).toBeGreaterThan(1.5 * mean(survivors));
  });
});

describe('generateSampleMarket: premia and funds', () => {
  it('high-quality stocks out-earn the levered cohort over the sample (delisting returns included)', () => {
    const { quality, leverage } = market.sample.traits;
    const top = (trait: Float64Array): number => [...trait].sort((a, b) => a - b)[Math.floor(0.8 * stocks)];
    const qualityCut = top(quality), leverageCut = top(leverage);
    let highQuality = 0, levered = 0;
    for (let t = 1; t < T; t++) {
      const r = totalReturns(market, t);
      let sq = 0, nq = 0, sl = 0, nl = 0;
      for (let i = 0; i < stocks; i++) {
        if (Number.isNaN(r[i])) continue;
        if (quality[i] >= qualityCut) (sq += r[i]), nq++;
        if (leverage[i] >= leverageCut) (sl += r[i]), nl++;
      }
      highQuality += sq / nq;
      levered += sl / nl;
    }
    expect(((highQuality - levered) / T) * 252).toBeGreaterThan(0.02);
  });

  /** The fund's return on session t recomputed from its constituents' caps at t-1. */
  function capWeightedByHand(t: number, inLargest: boolean): number {
    const { sharesAtListing, listedFrom } = market.sample.traits;
    const sharesAt = (i: number, session: number): number => {
      let shares = sharesAtListing[i];
      for (let k = 0; k < market.splits.value.length; k++) {
        if (market.splits.symbol[k] === i && market.splits.session[k] <= session) shares = Math.round(shares * market.splits.value[k]);
      }
      return shares;
    };
    const year = dayParts(market.dates[t]).year;
    let rankDay = t; // the last close of the previous year
    while (rankDay > 0 && dayParts(market.dates[rankDay]).year === year) rankDay--;
    const cap = (i: number, session: number): number => sharesAt(i, session) * market.close[at(session, i)];
    const listed = [...Array(stocks).keys()].filter((i) => listedFrom[i] <= rankDay && cap(i, rankDay) > 0);
    listed.sort((a, b) => cap(b, rankDay) - cap(a, rankDay));
    const largeCount = Math.ceil(0.2 * listed.length);
    const members = inLargest ? listed.slice(0, largeCount) : listed.slice(largeCount);
    const r = totalReturns(market, t);
    let num = 0, den = 0;
    for (const i of members) {
      const w = cap(i, t - 1);
      if (!(w > 0)) continue;
      num += w * r[i];
      den += w;
    }
    return num / den;
  }

  it('SYN_SMALL and SYN_LARGE are cap-weighted from the stocks (one day recomputed by hand)', () => {
    const small = market.symbols.indexOf('SYN_SMALL'), large = market.symbols.indexOf('SYN_LARGE');
    for (const t of [Math.floor(T / 2) + 3, T - 2]) {
      expect(market.close[at(t, small)] / market.close[at(t - 1, small)] - 1).toBeCloseTo(capWeightedByHand(t, false), 12);
      expect(market.close[at(t, large)] / market.close[at(t - 1, large)] - 1).toBeCloseTo(capWeightedByHand(t, true), 12);
    }
  });

  it('SYN_QSMALL tracks SYN_SMALL closely and beats it modestly', () => {
    const small = market.symbols.indexOf('SYN_SMALL'), quality = market.symbols.indexOf('SYN_QSMALL');
    const returns = (i: number): number[] => [...Array(T - 1).keys()].map((t) => market.close[at(t + 1, i)] / market.close[at(t, i)] - 1);
    const a = returns(small), b = returns(quality);
    const mean = (x: number[]): number => x.reduce((s, v) => s + v, 0) / x.length;
    const ma = mean(a), mb = mean(b);
    const cov = mean(a.map((v, k) => (v - ma) * (b[k] - mb)));
    const correlation = cov / Math.sqrt(mean(a.map((v) => (v - ma) ** 2)) * mean(b.map((v) => (v - mb) ** 2)));
    expect(correlation).toBeGreaterThan(0.95);
    expect(correlation).toBeLessThan(0.9999);
    expect((mb - ma) * 252).toBeGreaterThan(0);
    expect((mb - ma) * 252).toBeLessThan(0.05);
  });
});

describe('writeSampleCsv', () => {
  const SHARED_DATA = fileURLToPath(new URL('../../../../shared/data/', import.meta.url));
  const hasRealData = existsSync(SHARED_DATA);
  let small: SampleMarket;
  let dir: string;
  let written: string[];
  const rows = (file: string, separator: string): string[][] =>
    readFileSync(join(dir, file), 'utf8').split(/\r?\n/).filter((line) => line !== '').map((line) => line.split(separator));

  beforeAll(async () => {
    small = generateSampleMarket({ seed: 7, stocks: 60, years: 4 });
    dir = mkdtempSync(join(tmpdir(), 'breadth-sample-'));
    written = await writeSampleCsv(small, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** First line of a real data file (plain or gzip), without its line ending. */
  function realHeader(relative: string): string {
    const path = join(SHARED_DATA, relative);
    const head = readFileSync(path).subarray(0, 65536);
    const text = relative.endsWith('.gz') ? gunzipSync(head, { finishFlush: zlibConstants.Z_SYNC_FLUSH }).toString('utf8') : head.toString('utf8');
    return text.split(/\r?\n/)[0];
  }

  it.skipIf(!hasRealData)(`writes the real files' headers (needs ${SHARED_DATA}; skipped when absent)`, () => {
    const pairs: [string, string][] = [
      ['simfin_us-balance-quarterly.csv', 'universe/simfin_us-balance-quarterly.csv.gz'],
      ['simfin_us-cashflow-quarterly.csv', 'universe/simfin_us-cashflow-quarterly.csv.gz'],
      ['simfin_us-income-quarterly.csv', 'universe/simfin_us-income-quarterly.csv.gz'],
      ['simfin_us-companies.csv', 'universe/simfin_us-companies.csv'],
      ['simfin_industries.csv', 'universe/simfin_industries.csv'],
      ['DTB3_daily.csv', 'rates/DTB3_daily.csv'],
      ['etf/SYN_SMALL.csv', 'etf/adjclose/IWM.csv'],
    ];
    for (const [mine, real] of pairs) {
      expect(readFileSync(join(dir, mine), 'utf8').split(/\r?\n/)[0], mine).toBe(realHeader(real));
    }
    // The long file is the per-symbol OHLCV layout with a Ticker column in front.
    expect(readFileSync(join(dir, 'prices_daily.csv'), 'utf8').split('\n')[0]).toBe(`Ticker,${realHeader('etf/ohlcv/IWM.csv')}`);
  });

  it('labels the folder SYNTHETIC and regenerates it byte for byte', async () => {
    const readme = readFileSync(join(dir, 'README.txt'), 'utf8');
    expect(readme).toContain('SYNTHETIC');
    expect(readme).toContain('seed 7');
    const again = mkdtempSync(join(tmpdir(), 'breadth-sample-'));
    try {
      const second = await writeSampleCsv(generateSampleMarket({ seed: 7, stocks: 60, years: 4 }), again);
      expect(second.map((p) => relative(again, p))).toEqual(written.map((p) => relative(dir, p)));
      for (const path of second) expect(readFileSync(path).equals(readFileSync(join(dir, relative(again, path))))).toBe(true);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('round-trips raw prices and volume exactly, with an AdjClose that carries the events', () => {
    const n = small.symbols.length;
    const [header, ...data] = rows('prices_daily.csv', ',');
    expect(header).toEqual(['Ticker', 'Date', 'Open', 'High', 'Low', 'Close', 'AdjClose', 'Volume']);
    let listedCells = 0;
    for (let k = 0; k < small.close.length; k++) if (!Number.isNaN(small.close[k]) && small.assetClass[k % n] === AssetClass.stock) listedCells++;
    expect(data.length).toBe(listedCells);
    const dayIndex = new Map(Array.from(small.dates, (d, t) => [isoDay(d), t]));
    const adjusted = new Map<string, number[]>();
    for (const [ticker, date, open, high, low, close, adjClose, volume] of data) {
      const i = small.symbols.indexOf(ticker), t = dayIndex.get(date) ?? -1;
      const k = t * n + i;
      expect([Number(open), Number(high), Number(low), Number(close), Number(volume)]).toEqual([small.open[k], small.high[k], small.low[k], small.close[k], small.volume[k]]);
      adjusted.set(ticker, [...(adjusted.get(ticker) ?? []), Number(adjClose)]);
    }
    // AdjClose / Close steps exactly where an event is: a dividend D shows as 1 − D / previous close.
    for (let e = 0; e < small.dividends.value.length; e++) {
      const t = small.dividends.session[e], i = small.dividends.symbol[e];
      const start = small.sample.traits.listedFrom[i];
      const adj = adjusted.get(small.symbols[i]) ?? [];
      const step = adj[t - 1 - start] / small.close[(t - 1) * n + i] / (adj[t - start] / small.close[t * n + i]);
      expect(small.close[(t - 1) * n + i] * (1 - step)).toBeCloseTo(small.dividends.value[e], 9);
    }
    // Across a split the adjusted series moves by the total return, not by the raw jump.
    expect(small.splits.value.length).toBeGreaterThan(0);
    for (let e = 0; e < small.splits.value.length; e++) {
      const t = small.splits.session[e], i = small.splits.symbol[e];
      const start = small.sample.traits.listedFrom[i];
      const adj = adjusted.get(small.symbols[i]) ?? [];
      const totalReturn = (small.close[t * n + i] * small.splits.value[e]) / small.close[(t - 1) * n + i] - 1;
      expect(adj[t - start] / adj[t - 1 - start] - 1).toBeCloseTo(totalReturn, 12);
    }
    for (const [ticker, adj] of adjusted) {
      const i = small.symbols.indexOf(ticker);
      const last = small.delistedAfter[i] >= 0 ? small.delistedAfter[i] : small.dates.length - 1;
      expect(adj[adj.length - 1]).toBe(small.close[last * n + i]);
    }
  });

  it('round-trips the funds, the T-bill, the labels and the delistings exactly', () => {
    const n = small.symbols.length;
    for (const symbol of Object.values(small.roles)) {
      const i = small.symbols.indexOf(symbol);
      const [, ...data] = rows(`etf/${symbol}.csv`, ',');
      expect(data.map(([, v]) => Number(v))).toEqual(Array.from(small.dates, (_, t) => small.close[t * n + i]));
      expect(data.map(([d]) => d)).toEqual(Array.from(small.dates, isoDay));
    }
    const [, ...rates] = rows('DTB3_daily.csv', ',');
    expect(rates.map(([, pct]) => Number(pct) / 100)).toEqual([...small.rates.tbill3m.values]);
    // The rate loader reads each printed percent as the decimal it writes (formats/fields.ts parseScaledNumber), so the
    // written sample's rates are those within one bit: the built-in sample keeps its percent ÷ 100, which its baselines record.
    const loaded = loadRateSeries(join(dir, 'DTB3_daily.csv')).series.values;
    loaded.forEach((r, t) => expect(Math.abs(r - small.rates.tbill3m.values[t])).toBeLessThanOrEqual(Number.EPSILON * r));

    const industries = new Map(rows('simfin_industries.csv', ';').slice(1).map(([id, industry, sector]) => [id, { industry, sector }]));
    for (const [ticker, , , industryId] of rows('simfin_us-companies.csv', ';').slice(1)) {
      const i = small.symbols.indexOf(ticker);
      expect(industries.get(industryId)).toEqual({ industry: small.industry[i], sector: small.sector[i] });
    }
    const delisted = rows('delistings.csv', ',').slice(1);
    expect(delisted.length).toBeGreaterThan(0);
    expect(delisted.length).toBe(small.delistedAfter.filter((t) => t >= 0).length);
    for (const [ticker, lastDate, ret] of delisted) {
      const i = small.symbols.indexOf(ticker);
      expect(lastDate).toBe(isoDay(small.dates[small.delistedAfter[i]]));
      expect(Number(ret)).toBe(small.delistReturn[i]);
    }
  });

  it('round-trips the statements: re-reading them rebuilds the same point-in-time fundamentals', () => {
    const fields: Record<string, [string, FundamentalField][]> = {
      'simfin_us-balance-quarterly.csv': [['Total Assets', 'totalAssets'], ['Total Liabilities', 'totalLiabilities'], ['Total Equity', 'totalEquity'], ['Short Term Debt', 'shortTermDebt'], ['Long Term Debt', 'longTermDebt'], ['Cash, Cash Equivalents & Short Term Investments', 'cash'], ['Shares (Basic)', 'sharesOutstanding']],
      'simfin_us-cashflow-quarterly.csv': [['Net Cash from Operating Activities', 'operatingCashFlow'], ['Change in Fixed Assets & Intangibles', 'capex']],
      'simfin_us-income-quarterly.csv': [['Revenue', 'revenue'], ['Gross Profit', 'grossProfit'], ['Operating Income (Loss)', 'operatingIncome'], ['Net Income', 'netIncome'], ['Interest Expense, Net', 'interestExpense']],
    };
    const filings = new Map<string, { symbol: number; fiscalYear: number; fiscalPeriod: FiscalPeriod; periodEnd: number; published: number; values: Partial<Record<FundamentalField, number>> }>();
    for (const [file, mapping] of Object.entries(fields)) {
      const [header, ...data] = rows(file, ';');
      const col = (name: string): number => header.indexOf(name);
      for (const record of data) {
        const key = `${record[col('Ticker')]}|${record[col('Fiscal Year')]}|${record[col('Fiscal Period')]}`;
        const filing = filings.get(key) ?? {
          symbol: small.symbols.indexOf(record[col('Ticker')]),
          fiscalYear: Number(record[col('Fiscal Year')]),
          fiscalPeriod: record[col('Fiscal Period')] as FiscalPeriod,
          periodEnd: parseIsoDay(record[col('Report Date')]),
          published: parseIsoDay(record[col('Publish Date')]),
          values: {},
        };
        // Fiscal year and period name the calendar quarter that ends on the Report Date.
        const end = dayParts(filing.periodEnd);
        expect([end.year, `Q${end.month / 3}`]).toEqual([filing.fiscalYear, filing.fiscalPeriod]);
        for (const [column, field] of mapping) filing.values[field] = Number(record[col(column)]);
        filings.set(key, filing);
      }
    }
    const reread = new Fundamentals(small.symbols.length, statementsToRows([...filings.values()]));
    expect(sameBits(reread.availableAt, small.fundamentals.availableAt)).toBe(true);
    for (const field of FUNDAMENTAL_FIELDS) expect(sameBits(reread.column(field), small.fundamentals.column(field)), field).toBe(true);
  });

  it('is whole or not at all: a write stopped while prices_daily.csv is written rejects with the reason and leaves no folder, nor its temporary one (probe r56d: 22 of 600 stocks, no delistings)', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'breadth-sample-'));
    try {
      const controller = new AbortController();
      const stop = new Error('stopped');
      // The temporary folder appears before the first stock is written; its event is handled at
      // the first of writePrices' awaits, so the abort lands there.
      const watcher = watch(parent, (_, name) => name?.startsWith('.sample.') && controller.abort(stop));
      await expect(writeSampleCsv(small, join(parent, 'sample'), { signal: controller.signal })).rejects.toBe(stop);
      watcher.close();
      expect(readdirSync(parent)).toEqual([]);
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});
