// Market caps of names priced by an adjusted close only (engine/caveats/adjustedCloseCaps.ts): in
// the shared data's universe dsturdy's stocks have AdjClose only, bluefin's Close and AdjClose, and
// view.marketCap is shares × close, so on 2019-06-03 MO's cap was 28.59 (AdjClose, adjusted to
// 2026) × its shares beside a traded close near 50, while ALEX's was its traded Close 23.33, not
// its AdjClose 22.70 (probe r68c). A run whose strategy read caps served on an adjusted close says so.

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../../data/load.ts';
import { type Market, PriceKind } from '../../../../data/market.ts';
import { backtest } from '../../../../engine/backtest.ts';
import { AdjustedCloseCaps } from '../../../../engine/caveats/adjustedCloseCaps.ts';
import type { Caveat } from '../../../../engine/caveats/caveats.ts';
import type { Result } from '../../../../engine/result.ts';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { openStore, writeRun } from '../../../../reports/store/index.ts';
import { csv, tempDir, writeFile } from '../../../data/fixtures.ts';
import { fixtureMarket } from '../../fixtures.ts';
import { scripted, type Step } from '../../helpers.ts';

const KEY = 'Ticker;SimFinId;Currency;Fiscal Year;Fiscal Period;Report Date;Publish Date;Restated Date';
const BALANCE = `${KEY};Shares (Basic);Cash, Cash Equivalents & Short Term Investments;Total Assets;Short Term Debt;Long Term Debt;Total Liabilities;Total Equity`;
const days = ['2019-06-03', '2019-06-04', '2019-06-05'];
const dir = tempDir('breadth-adjusted-caps-');
// ALEX as bluefin gives it (Close, AdjClose, Volume): traded at 23.33, adjusted 22.70. MO as dsturdy gives it: AdjClose 28.59 only.
writeFile(dir, 'universe/bluefin.csv', csv('Ticker,Date,Close,AdjClose,Volume', ...days.map((d) => `ALEX,${d},23.33,22.70,100000`)));
writeFile(dir, 'universe/dsturdy.csv', csv('Ticker,Date,AdjClose', ...days.map((d) => `MO,${d},28.59`)));
// Shares public since 2019-04-25 (Q1'19): MO 1,885,000,000, ALEX 72,000,000; total assets far below 500× either cap.
writeFile(
  dir,
  'universe/simfin_us-balance-quarterly.csv',
  csv(
    BALANCE,
    'ALEX;1;USD;2019;Q1;2019-03-31;2019-04-25;2019-04-25;72000000;20000000;2000000000;;;700000000;1300000000',
    'MO;2;USD;2019;Q1;2019-03-31;2019-04-25;2019-04-25;1885000000;1000000000;55000000000;;;40000000000;15000000000',
  ),
);

const load = (symbols?: string[]): Promise<Market> => loadMarket(dir, { cacheDir: false, ...(symbols ? { symbols } : {}) });
const run = (market: Market, step: Step): Result => backtest(market, scripted({ 0: step }), { initialCash: 10_000 });
const aboutAdjustedCaps = (caveats: readonly Caveat[]): Caveat[] => caveats.filter((c) => c.message.includes('only an adjusted (total-return) close'));
const holdAlex = { weights: { ALEX: 1 } };

describe('market caps served on an adjusted close only', () => {
  it('the data reads ALEX as raw (Close is its price) and MO as total return (AdjClose only)', async () => {
    const market = await load();
    expect(Array.from(market.symbols, (_, i) => market.priceKind[i])).toEqual(market.symbols.map((s) => (s === 'MO' ? PriceKind.totalReturn : PriceKind.raw)));
  });

  it('a cap is shares × the traded Close where the data has one: ALEX 72,000,000 × 23.33, not × AdjClose 22.70; MO 1,885,000,000 × 28.59', async () => {
    const market = await load();
    let caps: Record<string, number> = {};
    run(market, (view) => {
      const cap = view.marketCap();
      caps = Object.fromEntries(market.symbols.map((s, i) => [s, cap[i]]));
      return holdAlex;
    });
    expect(caps).toEqual({ ALEX: 72_000_000 * 23.33, MO: 1_885_000_000 * 28.59 });
    expect(caps.ALEX).toBeCloseTo(1_679_760_000, 3);
  });

  it('a run that read caps says, medium, how many of the names served had an adjusted close, why they rank smaller, and the fix — in the store too', async () => {
    const result = run(await load(), (view) => (view.marketCap(), holdAlex));
    const message =
      '1 of the 2 symbols whose market caps the strategy read (MO) has only an adjusted (total-return) close as its price: ' +
      'its cap is shares × that close, which lies below the price traded on a day by every dividend and distribution paid from that day to the date the prices were adjusted to, ' +
      'so its past caps are understated and it ranks smaller than it was in books ranked or weighted by size — give it its raw traded Close (e.g. a Close column beside AdjClose) for caps at the price traded';
    expect(aboutAdjustedCaps(result.caveats)).toEqual([{ code: 'data-note', severity: 'medium', message, size: 1, unit: 'count', symbols: ['MO'] }]);
    const store = openStore(join(tempDir('breadth-adjusted-caps-store-'), 'runs.db'));
    const id = writeRun(store, { result, metrics: runMetrics(result) });
    expect(store.db.prepare('SELECT code, severity, size, unit, symbols FROM warnings WHERE run_id = ? AND message = ?').all(id, message)).toEqual([
      { code: 'data-note', severity: 'medium', size: 1, unit: 'count', symbols: '["MO"]' },
    ]);
  });

  it('a run that never read caps hears nothing of it, though it read other fundamentals, priced MO and held it', async () => {
    const market = await load();
    const result = run(market, (view) => (view.fundamental('totalAssets'), view.sharesOutstanding(), view.lastClose(view.resolve('MO')), { weights: { MO: 1 } }));
    expect(result.fills.symbol.length).toBe(1);
    expect(aboutAdjustedCaps(result.caveats)).toEqual([]);
  });

  it('nor does a run whose caps were all served on a traded Close', async () => {
    const result = run(await load(['ALEX']), (view) => (view.marketCap(), holdAlex));
    expect(aboutAdjustedCaps(result.caveats)).toEqual([]);
  });
});

describe('AdjustedCloseCaps over several reads', () => {
  // MO and O priced by AdjClose, ALEX by its Close, NEW with no cap served (NaN) at any read.
  const market: Market = { ...fixtureMarket({ symbols: ['MO', 'ALEX', 'O', 'NEW'], closes: [[28.59, 23.33, 48.72, 5]] }), priceKind: Uint8Array.of(PriceKind.totalReturn, PriceKind.raw, PriceKind.totalReturn, PriceKind.totalReturn) };

  it('counts the names served a cap at any read, of them those on an adjusted close, in the plural', () => {
    const caps = new AdjustedCloseCaps(4);
    caps.record(Float64Array.of(5.39e10, 1.68e9, NaN, NaN));
    caps.record(Float64Array.of(NaN, 1.68e9, 1.4e10, NaN));
    expect(caps.caveats(market)).toEqual([
      {
        code: 'data-note',
        severity: 'medium',
        message:
          '2 of the 3 symbols whose market caps the strategy read (MO, O) have only an adjusted (total-return) close as their price: ' +
          'their caps are shares × that close, which lies below the price traded on a day by every dividend and distribution paid from that day to the date the prices were adjusted to, ' +
          'so their past caps are understated and they rank smaller than they were in books ranked or weighted by size — give them their raw traded Close (e.g. a Close column beside AdjClose) for caps at the price traded',
        size: 2,
        unit: 'count',
        symbols: ['MO', 'O'],
      },
    ]);
  });
});
