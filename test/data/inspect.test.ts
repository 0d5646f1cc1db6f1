import { describe, expect, it } from 'vitest';
import { inspectMarket, renderInspection } from '../../data/inspect.ts';
import { loadMarket } from '../../data/load.ts';
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
    expect(text).toMatch(/sessions without a bar inside the histories of 1 symbols/);
  });
});
