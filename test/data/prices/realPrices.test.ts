// The real ETF files in ../shared/data: calendars, inspect figures, derived corporate actions.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { inspectMarket, renderInspection, type MarketInspection } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { PriceKind, symbolIndex, type Market } from '../../../data/market.ts';
import { explainSkip, hasData, sharedData } from '../fixtures.ts';

explainSkip('real ETF prices');

/** Dates of a per-symbol file, read without the loaders. */
const rawDates = (file: string): number[] =>
  readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => parseIsoDay(line.slice(0, 10)));

describe.skipIf(!hasData)('etf/adjclose (real data)', () => {
  let market: Market;
  let report: MarketInspection;
  beforeAll(async () => {
    market = await loadMarket(join(sharedData, 'etf', 'adjclose'), { cacheDir: false });
    report = inspectMarket(market);
  });

  it('inspect: IWM 2000-05-26 → 2026-07-31 with 6,583 sessions; SMLF from 2015-04-30', () => {
    const iwm = report.symbols.find((s) => s.symbol === 'IWM')!;
    expect(iwm).toMatchObject({ first: '2000-05-26', last: '2026-07-31', sessions: 6583, missing: 0 });
    const smlf = report.symbols.find((s) => s.symbol === 'SMLF')!;
    expect(smlf).toMatchObject({ first: '2015-04-30', last: '2026-07-31', sessions: 2830, missing: 0 });
    expect(renderInspection(report)).toMatch(/IWM\s+2000-05-26 → 2026-07-31\s+6,583/);
  });

  it("every fund's calendar lines up with SPY's: the union is SPY's sessions, nobody misses one", () => {
    expect(Array.from(market.dates)).toEqual(rawDates(join(sharedData, 'etf', 'adjclose', 'SPY.csv')));
    for (const s of report.symbols) expect(s.missing, s.symbol).toBe(0);
  });

  it('adjusted-close files are total-return funds with no events, MDY is not delisted at its snapshot end', () => {
    expect(market.priceKind.every((k) => k === PriceKind.totalReturn)).toBe(true);
    expect(market.dividends.value.length + market.splits.value.length).toBe(0);
    expect(market.delistedAfter.every((t) => t === -1)).toBe(true);
    expect(report.symbols.find((s) => s.symbol === 'MDY')!.flags).toContain('data ends 2026-07-13');
    expect(market.roles).toEqual({ smallCap: 'IWM', qualitySmallCap: 'SMLF', largeCap: 'SPY', bond: 'TLT' });
  });
});

describe.skipIf(!hasData)('etf/ohlcv (real data)', () => {
  let market: Market;
  beforeAll(async () => {
    market = await loadMarket(join(sharedData, 'etf', 'ohlcv'), { cacheDir: false, calendar: 'SPY' });
  });
  const N = () => market.symbols.length;
  const price = (symbol: string, iso: string, field: 'close' | 'open' = 'close'): number =>
    market[field]![market.dates.indexOf(parseIsoDay(iso)) * N() + symbolIndex(market, symbol)];

  it('on SPY\'s calendar only IWB lacks sessions: the 4 the README lists', () => {
    const report = inspectMarket(market);
    for (const s of report.symbols) expect(s.missing, s.symbol).toBe(s.symbol === 'IWB' ? 4 : 0);
    const i = symbolIndex(market, 'IWB');
    const missing: string[] = [];
    market.dates.forEach((day, t) => {
      const first = parseIsoDay('2000-05-19');
      const last = parseIsoDay('2024-04-19');
      if (day >= first && day <= last && Number.isNaN(market.close[t * N() + i])) missing.push(isoDay(day));
    });
    expect(missing).toEqual(['2000-05-31', '2000-06-15', '2000-08-21', '2023-04-06']);
    expect(market.sources.at(-1)!.notes.join(' ')).not.toMatch(/outside the calendar/);
  });

  it('IJR: splits derived at 2005-06-09 (≈3) and 2017-01-19 (≈2), and nowhere else', () => {
    const ijr = symbolIndex(market, 'IJR');
    const splits: [string, number][] = [];
    for (let k = 0; k < market.splits.value.length; k++) {
      if (market.splits.symbol[k] === ijr) splits.push([isoDay(market.dates[market.splits.session[k]]), market.splits.value[k]]);
    }
    expect(splits.map(([d]) => d)).toEqual(['2005-06-09', '2017-01-19']);
    expect(splits[0][1]).toBeCloseTo(3, 6);
    expect(splits[1][1]).toBeCloseTo(2, 6);
    expect(market.splits.value.length).toBe(2);
    expect(price('IJR', '2005-06-09')).toBe(54.24); // the traded (raw) close
  });

  // Yahoo's AdjClose return on an ex-date is Close_s / (Close_{s-1} − D): the derived D must give it back.
  it('raw close and the derived dividends reproduce the AdjClose returns (IVV, SHY)', () => {
    for (const symbol of ['IVV', 'SHY']) {
      const rows = readFileSync(join(sharedData, 'etf', 'ohlcv', `${symbol}.csv`), 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
      const i = symbolIndex(market, symbol);
      const dividendOn = new Map<number, number>();
      for (let k = 0; k < market.dividends.value.length; k++) {
        if (market.dividends.symbol[k] === i) dividendOn.set(market.dates[market.dividends.session[k]], market.dividends.value[k]);
      }
      expect(dividendOn.size, symbol).toBeGreaterThan(50);
      let worst = 0;
      for (let r = 1; r < rows.length; r++) {
        const dividend = dividendOn.get(parseIsoDay(rows[r][0])) ?? 0;
        const fromPrices = Number(rows[r][4]) / (Number(rows[r - 1][4]) - dividend);
        const fromAdjClose = Number(rows[r][5]) / Number(rows[r - 1][5]);
        worst = Math.max(worst, Math.abs(fromPrices - fromAdjClose));
      }
      expect(worst, symbol).toBeLessThan(2e-5); // the rounding of the printed prices
    }
  });

  it('kittycapital files (empty AdjClose): raw Close, no dividends, and a note saying so', () => {
    const iwm = symbolIndex(market, 'IWM');
    expect(market.priceKind[iwm]).toBe(PriceKind.raw);
    expect(Array.from(market.dividends.symbol)).not.toContain(iwm);
    const note = market.sources.find((s) => s.path.endsWith('IWM.csv'))!.notes.join(' ');
    expect(note).toMatch(/AdjClose is empty: .*dividends are MISSING/);
    expect(price('IWM', '2000-05-26')).toBe(45.71875);
    expect(price('IWM', '2000-05-26', 'open')).toBe(45.53125);
  });

  it('a fund whose file ends at its source snapshot is not delisted', () => {
    expect(market.delistedAfter[symbolIndex(market, 'IVV')]).toBe(-1);
    expect(market.delistedAfter[symbolIndex(market, 'BIL')]).toBe(-1);
  });
});
