import { describe, expect, it } from 'vitest';
import { epochDay } from '../../data/dates.ts';
import { implausibleCapSpans } from '../../data/fundamentals/implausibleCapSpans.ts';
import { inspectMarket, renderInspection } from '../../data/inspect.ts';
import { loadMarket } from '../../data/load.ts';
import { fixtureMarket } from '../engine/fixtures.ts';
import { csv, tempDir, writeFile } from './fixtures.ts';

describe('inspectMarket', () => {
  it('counts sessions with a price and the gaps inside each history; flags what matters', async () => {
    const dir = tempDir();
    writeFile(dir, 'prices.csv', csv(
      'Ticker,Date,Close,AdjClose,Volume',
      'AAA,2020-01-02,10,10,5',
      'AAA,2020-01-06,10,10,5', // no bar on 01-03: one missing session
      'AAA,2020-01-07,10,10,5',
      'GONE,2020-01-02,3,3,1',
      'GONE,2020-01-03,3,3,1',
    ));
    const report = inspectMarket(await loadMarket(dir, { cacheDir: false }));
    expect(report).toMatchObject({ sessions: 4, first: '2020-01-02', last: '2020-01-07', symbolCount: 2, stocks: 2, funds: 0, delisted: 0 });
    expect(report.symbols[0]).toMatchObject({ symbol: 'AAA', first: '2020-01-02', last: '2020-01-07', sessions: 3, missing: 1, flags: ['stock'] });
    expect(report.symbols[1]).toMatchObject({ symbol: 'GONE', sessions: 2, missing: 0, flags: ['stock', 'data ends 2020-01-03'] }); // no delisting record, no known snapshot end
    const text = renderInspection(report, { maxSymbols: 1 });
    expect(text).toMatch(/4 sessions 2020-01-02 → 2020-01-07; 2 symbols \(2 stocks, 0 funds\)/);
    expect(text).toMatch(/AAA\s+2020-01-02 → 2020-01-07\s+3\s+1/);
    expect(text).toMatch(/… 1 more symbols/);
    expect(text).toMatch(/1 session without a bar inside the history of 1 symbol \(NaN\)/);
  });
});

describe('inspectMarket: delistings (probe r57a)', () => {
  it('counts and lists every delisting it read, one on or after the data\'s last session too, saying no exit happens in the data', async () => {
    // AAA delisted 2020-01-03 (inside: an exit on 01-06), BBB on 2020-01-07 (the last session), CCC on 2020-02-03 (after it), DDD never.
    const dir = tempDir();
    for (const s of ['AAA', 'BBB', 'CCC', 'DDD']) writeFile(dir, `${s}.csv`, csv('Date,Close', ...['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'].map((d, k) => `${d},${10 + k + s.charCodeAt(0) / 100}`)));
    writeFile(dir, 'symbols.csv', csv('symbol,delisting date,delisting return', 'AAA,2020-01-03,-30%', 'BBB,2020-01-07,-0.5', 'CCC,2020-02-03,', 'DDD,,'));
    const report = inspectMarket(await loadMarket(dir, { cacheDir: false }));
    expect(report.delisted).toBe(3);
    expect(report.delistingsAfterData).toEqual([
      { symbol: 'BBB', date: '2020-01-07', delistingReturn: -0.5 },
      { symbol: 'CCC', date: '2020-02-03', delistingReturn: null },
    ]);
    expect(report.symbols.map((x) => x.flags[1])).toEqual([
      'delisted after 2020-01-03 at -30%',
      "delisted 2020-01-07 at -50%, on the data's last session: no exit in the data",
      "delisted 2020-02-03, after the data's last session: no exit in the data",
      'no volume',
    ]);
    const text = renderInspection(report, { maxSymbols: 1 });
    expect(text).toContain("0 dividends, 0 splits, 3 delistings (2 on or after the data's last session: no exit in the data);");
    expect(text).toContain("delistings on or after the data's last session (2020-01-07): their exit, the session after, is not in the data, so no run applies their return; a run holding one at its end says so: 2\n    BBB 2020-01-07 at -50%\n    … 1 more");
  });
});

describe('inspectMarket: market caps that cannot be true (probe r56b)', () => {
  it('lists each symbol whose shares × close is over 500× its filing, with its stretch and the worst one', () => {
    // CETX-like: 40,170 shares filed at period end 2023-11-01 (known 2023-12-01), then a 1:10 reverse split on session 2
    // (value 0.1): 4,017 shares from it on. Closes 263,700,000 (t 0–1) and 2,637,000,000 after the split, total assets
    // 70,181,373, no revenue: cap 40,170 × 263,700,000 = 10,592,829,000,000 = 1.1e13 (150,935.05× the assets), then 4,017 ×
    // 2,637,000,000 = the same. OK: 1e6 × 50 = 5e7 against assets 1e6 (50×): not listed.
    const filed = epochDay(2023, 12, 1);
    const market = fixtureMarket({
      symbols: ['CETX', 'OK'],
      closes: [
        [263_700_000, 50],
        [263_700_000, 50],
        [2_637_000_000, 50],
      ],
      splits: [{ session: 2, symbol: 0, value: 0.1 }],
      fundamentals: [
        { symbol: 0, periodEnd: filed - 30, availableAt: filed, values: { sharesOutstanding: 40_170, totalAssets: 70_181_373 } },
        { symbol: 1, periodEnd: filed - 30, availableAt: filed, values: { sharesOutstanding: 1e6, totalAssets: 1e6 } },
      ],
    });
    const report = inspectMarket(market);
    expect(report.implausibleCaps).toEqual([
      { symbol: 'CETX', first: '2024-01-01', last: '2024-01-03', sessions: 3, worst: { date: '2024-01-01', cap: 40_170 * 263_700_000, shares: 40_170, close: 263_700_000, scale: 70_181_373 } },
    ]);
    expect(implausibleCapSpans(market)[0].worst.cap / 70_181_373).toBeCloseTo(150_935.05, 2);
    expect(renderInspection(report)).toContain(
      "  market caps that cannot be true (shares × close over 500× the larger of the filing's total assets and trailing revenue; unknown to strategies that rank or weight by size): 1 symbol\n    CETX 2024-01-01 → 2024-01-03, 3 sessions; worst 2024-01-01: 40,170 shares × 263,700,000 = 1.1e13, 150,935× its filing's scale 70,181,373",
    );
  });
});
