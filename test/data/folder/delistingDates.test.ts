// A delisting date from symbols.csv (or delistings.csv) drops every bar after it — also when no bar
// is on or before it (a ticker reused by a newer company, or a delisting before the calendar starts).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { loadMarket } from '../../../data/load.ts';
import type { Market } from '../../../data/market.ts';
import { backtest } from '../../../engine/backtest.ts';
import { scripted } from '../../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'];

/** AAA on `aaaDays` (close 10, 11, …), BBB on every day at 50, and symbols.csv delisting AAA on `delisted` at −100 %. */
async function delistedMarket(aaaDays: readonly string[], delisted: string, aaaColumns = 'Date,Close', aaaRow = (d: string, k: number) => `${d},${10 + k}`): Promise<Market> {
  const dir = tempDir();
  writeFile(dir, 'AAA.csv', csv(aaaColumns, ...aaaDays.map(aaaRow)));
  writeFile(dir, 'BBB.csv', csv('Date,Close', ...days.map((d) => `${d},50`)));
  writeFile(dir, 'symbols.csv', csv('symbol,asset class,delisting date,delisting return', `AAA,stock,${delisted},-1`));
  return loadMarket(dir, { cacheDir: false });
}

const closesOf = (m: Market, symbol: string): number[] => Array.from(m.dates, (_, t) => m.close[t * m.symbols.length + m.symbols.indexOf(symbol)]);
const calendarNote = (m: Market): readonly string[] => m.sources.at(-1)!.notes;
/** NAV at the end of a run that puts everything into AAA at the first close (fills at the next open). */
const endNav = (m: Market): number => {
  const result = backtest(m, scripted({ 0: { weights: { AAA: 1 } } }), { initialCash: 10_000 });
  return result.daily.nav[result.daily.nav.length - 1];
};

describe('a delisting date with no bar on or before it', () => {
  it('a reused ticker: every bar is after the delisting, so all are dropped and AAA never trades (NAV stays 10,000)', async () => {
    // AAA's bars start 2020-01-06, after its delisting on 2020-01-03 (session 1): all 3 are the newer company's.
    const m = await delistedMarket(days.slice(2), '2020-01-03');
    expect(closesOf(m, 'AAA')).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(m.delistedAfter[m.symbols.indexOf('AAA')]).toBe(1);
    expect(calendarNote(m)).toContain('AAA: 3 bars after its delisting on 2020-01-03 dropped (a reused ticker?); none is left, so AAA cannot trade');
    expect(endNav(m)).toBe(10_000);
  });

  it('a delisting before the calendar starts drops every bar and their dividend: AAA never trades (NAV 10,000)', async () => {
    const m = await delistedMarket(days, '2019-12-31', 'Date,Close,Dividends', (d, k) => `${d},${10 + k},${k === 2 ? 0.5 : 0}`);
    expect(closesOf(m, 'AAA')).toEqual([NaN, NaN, NaN, NaN, NaN]);
    expect(m.delistedAfter[m.symbols.indexOf('AAA')]).toBe(-1); // no session is on or before 2019-12-31
    expect(Array.from(m.dividends.symbol).filter((i) => m.symbols[i] === 'AAA')).toEqual([]);
    expect(calendarNote(m)).toContain('AAA: 5 bars after its delisting on 2019-12-31 dropped (a reused ticker?); none is left, so AAA cannot trade');
    expect(endNav(m)).toBe(10_000);
  });

  it('keeps the bars on or before the date (no "none is left")', async () => {
    const m = await delistedMarket(days, '2020-01-06');
    expect(closesOf(m, 'AAA')).toEqual([10, 11, 12, NaN, NaN]);
    expect(calendarNote(m)).toContain('AAA: 2 bars after its delisting on 2020-01-06 dropped (a reused ticker?)');
  });

  it('for any span of bars and any delisting date, exactly the bars dated after it are dropped, and said (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: -3, max: 8 }), async (a, b, shift) => {
        const aaaDays = days.slice(Math.min(a, b), Math.max(a, b) + 1);
        const delisted = parseIsoDay('2020-01-02') + shift;
        const m = await delistedMarket(aaaDays, isoDay(delisted));
        const dropped = aaaDays.filter((d) => parseIsoDay(d) > delisted).length;
        const kept = closesOf(m, 'AAA').filter((c) => !Number.isNaN(c)).length;
        expect(kept).toBe(aaaDays.length - dropped);
        m.dates.forEach((day, t) => {
          if (day > delisted) expect(closesOf(m, 'AAA')[t]).toBeNaN();
        });
        const said = calendarNote(m).filter((n) => n.startsWith('AAA: '));
        expect(said).toEqual(dropped === 0 ? [] : [expect.stringMatching(new RegExp(`^AAA: ${dropped} bars after its delisting on ${isoDay(delisted)} dropped`))]);
      }),
      { numRuns: 40, seed: 20240104 },
    );
  });
});
