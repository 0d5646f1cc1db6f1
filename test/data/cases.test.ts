// ../shared/cases/formats and impossible-bar: the price files people actually have, and bars that
// cannot be true. Expected values are the cases README's, worked out by hand:
//   buy-and-hold IWM, cash 1,000,000: 5,012 shares sized on the 01-02 close of 199.52,
//   filled at the 01-03 open of 197.40 and marked at the 01-18 close of 190.60 →
//   1,000,000 − 5,012 × 197.40 + 5,012 × 190.60 = 965,918.40;
//   without opening prices the fill uses the 01-03 close of 194.20 → 981,956.80.

import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../data/errors.ts';
import { loadMarket } from '../../data/load.ts';
import type { Market } from '../../data/market.ts';
import { backtest } from '../../engine/backtest.ts';
import { createBuiltinStrategy } from '../../strategies/registry.ts';
import { repoRoot } from './fixtures.ts';

const cases = resolve(repoRoot, '../shared/cases');
const hasCases = existsSync(join(cases, 'formats'));
if (!hasCases) console.warn(`[skip] shared cases: not found at ${cases} (expected ../shared/cases next to the repo)`);

const LAYOUTS = ['canonical-ohlcv-adjclose', 'plain-ohlcv', 'lowercase-ohlcv', 'date-close', 'quoted', 'semicolon-decimal-comma', 'descending', 'long-date-symbol'];
const WITH_OPEN = 965_918.4;
const CLOSE_ONLY = 981_956.8;

const finalNav = (market: Market): number => {
  const result = backtest(market, createBuiltinStrategy('buy-and-hold', { weights: { IWM: 1 } }), { initialCash: 1_000_000 });
  return result.daily.nav[result.daily.nav.length - 1];
};

describe.skipIf(!hasCases)('cases/formats: every layout loads the same prices', () => {
  it('the folder holds exactly the layouts this test knows', () => {
    expect(readdirSync(join(cases, 'formats')).sort()).toEqual([...LAYOUTS].sort());
  });

  it.each(LAYOUTS)('%s: identical prices to the canonical file, and buy-and-hold IWM ends at the stated NAV', async (layout) => {
    const canonical = await loadMarket(join(cases, 'formats', 'canonical-ohlcv-adjclose'), { cacheDir: false });
    const market = await loadMarket(join(cases, 'formats', layout), { cacheDir: false });
    expect(market.symbols).toEqual(['IWM', 'SPY']);
    expect(Array.from(market.dates)).toEqual(Array.from(canonical.dates));
    expect(Array.from(market.close)).toEqual(Array.from(canonical.close));
    const hasOpen = layout !== 'date-close';
    for (const field of ['open', 'high', 'low', 'volume'] as const) {
      if (hasOpen) expect(Array.from(market[field]!), field).toEqual(Array.from(canonical[field]!));
      else if (field === 'volume') expect(market.volume.every(Number.isNaN), field).toBe(true);
      else expect(market[field], field).toBeUndefined(); // no source has it: absent, read as NaN
    }
    expect(market.splits.value.length + market.dividends.value.length).toBe(0);
    expect(finalNav(market)).toBeCloseTo(hasOpen ? WITH_OPEN : CLOSE_ONLY, 6);
  });

  it('what a layout lacks is said once, and how a file was read is noted', async () => {
    const closeOnly = await loadMarket(join(cases, 'formats', 'date-close'), { cacheDir: false });
    const notes = closeOnly.sources[0].notes;
    expect(notes.filter((n) => n.startsWith('no opening prices'))).toEqual(["no opening prices: next-open fills use that session's close"]);
    expect(notes).toContain('no volume: participation limits cannot apply');
    expect(closeOnly.sources[0].columns).toEqual({ used: ['Date', 'Close'], ignored: [] });
    const semicolon = await loadMarket(join(cases, 'formats', 'semicolon-decimal-comma'), { cacheDir: false });
    expect(semicolon.sources[0].notes).toContain('read as semicolon-separated, decimal commas');
    const descending = await loadMarket(join(cases, 'formats', 'descending'), { cacheDir: false });
    expect(descending.sources[0].notes).toContain('rows run newest first: read in date order');
  });
});

describe.skipIf(!hasCases)('cases/formats: Open, High and Low blank on the earliest rows (history before the vendor kept the range)', () => {
  // plain-ohlcv with IWM's first `rows` rows' Open/High/Low blanked: 5,012 shares sized on the 01-02 close of 199.52
  // fill on 01-03 at its open of 197.40 when it is kept (965,918.40), at its close of 194.20 when blanked (981,956.80).
  const blanked = async (rows: number): Promise<Market> => {
    const dir = mkdtempSync(join(tmpdir(), 'breadth-early-'));
    for (const name of ['IWM.csv', 'SPY.csv']) {
      const lines = readFileSync(join(cases, 'formats', 'plain-ohlcv', name), 'utf8').split('\n');
      const out = lines.map((line, k) => (name === 'IWM.csv' && k >= 1 && k <= rows ? line.replace(/^([^,]*),[^,]*,[^,]*,[^,]*,/, '$1,,,,') : line));
      writeFileSync(join(dir, name), out.join('\n'));
    }
    return loadMarket(dir, { cacheDir: false });
  };

  it.each([
    [1, WITH_OPEN],
    [2, CLOSE_ONLY],
  ])('%i row(s) blank: loads, buy-and-hold IWM ends at %d, and the blank rows are said', async (rows, nav) => {
    const market = await blanked(rows);
    const canonical = await loadMarket(join(cases, 'formats', 'plain-ohlcv'), { cacheDir: false });
    expect(Array.from(market.close)).toEqual(Array.from(canonical.close));
    expect(finalNav(market)).toBeCloseTo(nav, 6);
    expect(market.sources.flatMap((s) => s.notes).join(' | ')).toContain(`IWM (Open, High, Low; ${rows} row${rows === 1 ? '' : 's'} to 2024-01-0${rows + 1})`);
  });
});

// Probe r64d F4: year-first dates were refused ("2024/01/02" is not a valid date) while day-first 02.01.2024 loaded.
describe.skipIf(!hasCases)('cases/formats: plain-ohlcv with its dates written year first', () => {
  /** plain-ohlcv with every ISO date YYYY-MM-DD rewritten by `write`. */
  const rewritten = async (write: (year: string, month: string, date: string) => string): Promise<Market> => {
    const dir = mkdtempSync(join(tmpdir(), 'breadth-ymd-'));
    for (const name of ['IWM.csv', 'SPY.csv']) {
      const text = readFileSync(join(cases, 'formats', 'plain-ohlcv', name), 'utf8');
      writeFileSync(join(dir, name), text.replace(/^(\d{4})-(\d{2})-(\d{2})/gm, (_, y: string, m: string, d: string) => write(y, m, d)));
    }
    return loadMarket(dir, { cacheDir: false });
  };

  it.each([
    ['2024/01/02', (y: string, m: string, d: string) => `${y}/${m}/${d}`],
    ['2024.01.02', (y: string, m: string, d: string) => `${y}.${m}.${d}`],
    ['2024-1-2', (y: string, m: string, d: string) => `${y}-${+m}-${+d}`],
    ['2024/1/2 0:00', (y: string, m: string, d: string) => `${y}/${+m}/${+d} 0:00`],
  ])('%s: the canonical prices, and buy-and-hold IWM ends at 965,918.40', async (_, write) => {
    const market = await rewritten(write);
    const canonical = await loadMarket(join(cases, 'formats', 'canonical-ohlcv-adjclose'), { cacheDir: false });
    expect(market.symbols).toEqual(['IWM', 'SPY']);
    expect(Array.from(market.dates)).toEqual(Array.from(canonical.dates));
    expect(Array.from(market.close)).toEqual(Array.from(canonical.close));
    expect(Array.from(market.open!)).toEqual(Array.from(canonical.open!));
    expect(finalNav(market)).toBeCloseTo(WITH_OPEN, 6);
  });
});

describe.skipIf(!hasCases)('cases/impossible-bar: a bar that cannot be true is an error, not a corporate action', () => {
  it('AAA.csv:4: Close 150 is above High 101', async () => {
    const file = join(cases, 'impossible-bar', 'AAA.csv');
    const error = await loadMarket(file, { cacheDir: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataError);
    expect((error as DataError).message.startsWith(`${file}:4: Close 150 is above High 101 `)).toBe(true);
    expect((error as DataError).line).toBe(4);
  });
});
