// A rate source's notes concern a run only when it used the series (engine/caveats/warnings.ts
// sourceConcerns): its strategy read it (view.rate, recorded in ViewReads.rates), it is the cash
// rate, or it is the risk-free series of the run's metrics (reports/runMetrics.ts).

import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../../data/load.ts';
import type { Market } from '../../../../data/market.ts';
import type { Result } from '../../../../engine/result.ts';
import { type MarketView, viewReads } from '../../../../engine/decisions/view.ts';
import { runMetrics } from '../../../../reports/runMetrics.ts';
import { tempDir, writeFile } from '../../../data/fixtures.ts';
import { viewAt } from '../../../strategies/views.ts';
import { scenario } from '../../helpers.ts';

/** The monthly note's opening words (data/fred.ts). */
const MONTHLY = 'TB3MS.csv: dated on the first day of each month';
const prices = 'Date,Close\n2024-01-02,10\n2024-01-03,11\n2024-01-04,12\n2024-01-05,13\n';

/** A data folder: AAA's prices in etf/ and one FRED file in rates/. */
async function folder(rateFile: string, rateText: string): Promise<Market> {
  const dir = tempDir('breadth-rate-reads-');
  writeFile(dir, 'etf/AAA.csv', prices);
  writeFile(dir, `rates/${rateFile}`, rateText);
  return loadMarket(dir, { cacheDir: false });
}
const monthly = (): Promise<Market> => folder('TB3MS.csv', 'observation_date,TB3MS\n2023-11-01,5.25\n2023-12-01,5.24\n2024-01-01,5.22\n');
const daily = (): Promise<Market> => folder('DTB3.csv', 'observation_date,DTB3\n2024-01-02,5.20\n2024-01-03,5.19\n2024-01-04,5.18\n2024-01-05,5.17\n');

const notesOf = (r: Result): string[] => r.caveats.filter((c) => c.code === 'data-note').map((c) => c.message);
/** Reads the named rate at the first decision and holds AAA; a buy-and-hold reads no rate. */
const readsRate = (name: string) => ({ 0: (view: MarketView) => (view.rate(name), { weights: { AAA: 1 } }) });
const holds = { 0: { weights: { AAA: 1 } } };

describe('a rate source notes only the runs that used its series', () => {
  it('the data folder names each rate source by its series (DTB3 → tbill3m, TB3MS → tbill3mMonthly)', async () => {
    expect((await monthly()).sources.find((s) => s.path.endsWith('TB3MS.csv'))?.rate).toBe('tbill3mMonthly');
    expect((await daily()).sources.find((s) => s.path.endsWith('DTB3.csv'))?.rate).toBe('tbill3m');
  });

  it('view.rate records the series read', async () => {
    const view = viewAt(await monthly(), 3);
    expect(viewReads(view).rates.size).toBe(0);
    // On 2024-01-05 the last month over is December: 5.24 % (the January average is known only in February).
    expect(view.rate('tbill3mMonthly')).toBeCloseTo(0.0524, 12);
    expect([...viewReads(view).rates]).toEqual(['tbill3mMonthly']);
  });

  it('a strategy reading the monthly rate gets its note, low; a buy-and-hold on the same folder does not', async () => {
    const market = await monthly();
    const read = scenario(market, readsRate('tbill3mMonthly')).caveats.filter((c) => c.message.startsWith(MONTHLY));
    expect(read).toHaveLength(1);
    expect(read[0]).toMatchObject({ code: 'data-note', severity: 'low' });
    expect(notesOf(scenario(market, holds)).some((m) => m.startsWith(MONTHLY))).toBe(false);
  });

  it('the cash rate series is used: its note comes with the run', async () => {
    const r = scenario(await monthly(), holds, { cash: { rate: 'tbill3mMonthly' } });
    expect(notesOf(r).filter((m) => m.startsWith(MONTHLY))).toHaveLength(1);
  });

  it('the risk-free series of the metrics alone brings the note, once — not again when it is the cash rate', async () => {
    const market = await monthly();
    const riskFree = market.rates.tbill3mMonthly;
    const plain = scenario(market, holds);
    expect(runMetrics(plain, { market, riskFree }).caveats.filter((c) => c.message.startsWith(MONTHLY))).toHaveLength(1);
    expect(runMetrics(plain, { market }).caveats.some((c) => c.message.startsWith(MONTHLY))).toBe(false);
    const cash = scenario(market, holds, { cash: { rate: 'tbill3mMonthly' } });
    expect(runMetrics(cash, { market, riskFree }).caveats.some((c) => c.message.startsWith(MONTHLY))).toBe(false);
  });

  it('the daily DTB3 has no such note, read or not', async () => {
    const market = await daily();
    expect(notesOf(scenario(market, readsRate('tbill3m'))).some((m) => /DTB3/.test(m))).toBe(false);
  });
});
