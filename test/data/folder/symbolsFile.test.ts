// symbols.csv beside the prices: asset class, sector, industry and delistings as the user says,
// over the folder-name fallback; --asset-class for a whole folder.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError, UserError } from '../../../data/errors.ts';
import { inspectMarket } from '../../../data/inspect.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass } from '../../../data/market.ts';
import { delistingReturn } from '../../../data/folder/delistingReturn.ts';
import { isoDay, parseIsoDay } from '../../../data/dates.ts';
import { backtest } from '../../../engine/backtest.ts';
import { FillReason } from '../../../engine/result.ts';
import { scripted } from '../../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const days = ['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07'];
const prices = (dir: string, symbols: string[]): void => {
  // Each symbol's closes are its own (the first's 10, 11, …; the next's 10.01, 11.01, …): two files of the same bytes are refused.
  for (const [i, s] of symbols.entries()) writeFile(dir, `${s}.csv`, csv('Date,Close', ...days.map((d, k) => `${d},${10 + k + i / 100}`)));
};

/** A folder where AAA trades 2020-01-02 (10) and 01-03 (11), then has no bar (halted), and is delisted on `date` at −50 %; BBB trades 01-02 … 01-08 (10 … 14). */
function haltedThenDelisted(date: string): string {
  const dir = tempDir();
  writeFile(dir, 'AAA.csv', csv('Date,Close', '2020-01-02,10', '2020-01-03,11'));
  writeFile(dir, 'BBB.csv', csv('Date,Close', ...days.map((d, k) => `${d},${10 + k}`), '2020-01-08,14'));
  writeFile(dir, 'symbols.csv', csv('symbol,delisting date,delisting return', `AAA,${date},-0.5`, 'BBB,,'));
  return dir;
}

describe('symbols.csv', () => {
  it('says what each symbol is: funds outside a folder named etf, sectors, a delisting with its return', async () => {
    const dir = tempDir();
    prices(`${dir}/yahoo`, ['IWM', 'AAA', 'BBB']);
    writeFile(`${dir}/yahoo`, 'symbols.csv', csv('Symbol,Name,Asset Class,Sector,Industry,Delisting Date,Delisting Return', 'IWM,iShares Russell 2000,ETF,,,,', 'AAA,Aaa Inc,stock,Tech,Software,2020-01-03,-0.3', 'ZZZ,Not here,stock,,,,'));
    const m = await loadMarket(`${dir}/yahoo`, { cacheDir: false });
    const at = (s: string): number => m.symbols.indexOf(s);
    expect(m.assetClass[at('IWM')]).toBe(AssetClass.fund);
    expect(m.assetClass[at('BBB')]).toBe(AssetClass.stock);
    expect(m.sector[at('AAA')]).toBe('Tech');
    expect(m.industry[at('AAA')]).toBe('Software');
    expect(m.delistedAfter[at('AAA')]).toBe(1); // its last bar on or before 2020-01-03
    expect(m.delistReturn[at('AAA')]).toBe(-0.3);
    const info = m.sources.find((s) => s.path.endsWith('symbols.csv'))!;
    expect(info.notes).toContain('1 symbol listed here has no prices: ZZZ');
  });

  // Probe r73d F6: symbols.csv row "AAA,Alpha,fund" beside a Stooq long file of AAA.US: the note said "1 symbols listed
  // here have no prices: AAA" with no hint, and AAA.US silently stayed a stock. The note names the symbol meant
  // (AAA.US: AAA with an exchange suffix; BBB: one letter from BBX), and one with none near (ZZZ) stays bare.
  it('a symbol with no prices is said with the loaded one it may mean', async () => {
    const dir = tempDir();
    writeFile(dir, 'all.csv', csv('Ticker,Date,Close', 'AAA.US,2020-01-02,10', 'BBB,2020-01-02,20'));
    writeFile(dir, 'symbols.csv', csv('symbol,name,asset class', 'AAA,Alpha,fund', 'BBX,Beta,fund', 'ZZZ,Zed,fund'));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.assetClass[m.symbols.indexOf('AAA.US')]).toBe(AssetClass.stock);
    const info = m.sources.find((s) => s.path.endsWith('symbols.csv'))!;
    expect(info.notes).toContain('3 symbols listed here have no prices: AAA (did you mean AAA.US?), BBX (did you mean BBB?), ZZZ — a row applies only to the symbol it names exactly: write it as the prices name it');
  });

  it("drops a delisted symbol's bars after its delisting date (a reused ticker), and says so", async () => {
    const dir = tempDir();
    prices(dir, ['AAA', 'BBB']);
    writeFile(dir, 'symbols.csv', csv('symbol,delisting date,delisting return', 'AAA,2020-01-03,-0.3', 'BBB,,'));
    const m = await loadMarket(dir, { cacheDir: false });
    const n = m.symbols.length;
    const aaa = m.symbols.indexOf('AAA');
    expect(Array.from(m.dates, (_, t) => m.close[t * n + aaa])).toEqual([10, 11, NaN, NaN]);
    expect(Array.from(m.dates, (_, t) => m.volume[t * n + aaa]).slice(2)).toEqual([NaN, NaN]);
    expect(m.delistedAfter[aaa]).toBe(1);
    expect(m.sources.at(-1)!.notes).toContain('AAA: 2 bars after its delisting on 2020-01-03 dropped (a reused ticker?)');
  });

  it('a stock halted before its delisting date is listed until that date: its delisting is not known at its last bar', async () => {
    // AAA halted after 01-03, delisted on 01-07. BBB trades throughout.
    const m = await loadMarket(haltedThenDelisted('2020-01-07'), { cacheDir: false });
    const aaa = m.symbols.indexOf('AAA');
    // Listed through the session of 2020-01-07 (index 3), so its exit is on 01-08 — not on 01-06, the session after its last bar.
    expect(m.delistedAfter[aaa]).toBe(3);
    const result = backtest(m, scripted({ 0: { weights: { AAA: 0.5, BBB: 0.5 } } }), { initialCash: 10_000 });
    const exit = Array.from(result.fills.reason).indexOf(FillReason.delisting);
    expect(isoDay(m.dates[result.fills.session[exit]])).toBe('2020-01-08');
    // Closed at its last mark (the 01-03 close, 11) × (1 − 0.5) = 5.5.
    expect(result.fills.price[exit]).toBe(5.5);
  });

  it('a stock halted before a delisting after the data (or after --to) is listed to the end: held and stale-marked, no "data end" exit (probe r30b: sold at its last close with a false high caveat)', async () => {
    // AAA halted after 01-03, delisted on 2020-01-15, after BBB's last session (01-08).
    const dir = haltedThenDelisted('2020-01-15');
    const cacheDir = tempDir();
    await loadMarket(dir, { cacheDir }); // stored; the loads below read the cache's copy (Market cache v21 keeps continuesAfter)
    for (const to of [undefined, '2020-01-07']) {
      const m = await loadMarket(dir, { cacheDir, ...(to ? { to } : {}) });
      const aaa = m.symbols.indexOf('AAA');
      expect(m.continuesAfter?.[aaa], `to ${to}`).toBe(1);
      const result = backtest(m, scripted({ 0: { weights: { AAA: 0.5, BBB: 0.5 } } }), { initialCash: 10_000 });
      // Whatever it bought it holds to the end: no exit of any kind.
      expect(Array.from(result.fills.reason).filter((r) => r !== FillReason.order)).toEqual([]);
      const held = result.fills.quantity.reduce((s, q, k) => s + (result.fills.symbol[k] === aaa ? q : 0), 0);
      expect(held).toBeGreaterThan(0);
      // Marked at its last close, 11, to the end.
      const d = result.daily;
      const bbbShares = result.fills.quantity.reduce((s, q, k) => s + (result.fills.symbol[k] !== aaa ? q : 0), 0);
      const lastBbb = to ? 13 : 14;
      expect(d.longValue[d.longValue.length - 1]).toBeCloseTo(held * 11 + bbbShares * lastBbb, 9);
    }
  });

  it('refuses a delisting return with no delisting date at its line, with the last bar as the date to give (probe r56c: kept, never used, and the run said "no delisting record")', async () => {
    // P3 trades 2024-01-02..01-04 (closes 20.5, 21.5, 22.5), Q to 01-08. With P3's -1 dropped, half of 100,000 in P3
    // ended at 103,658.50 (2,439 sold at 22.50 as a data end); the -1 meant 48,781 (2,439 at 0).
    const dir = tempDir();
    writeFile(dir, 'P3.csv', csv('Date,Open,High,Low,Close,Volume', '2024-01-02,20,21.5,19,20.5,1000', '2024-01-03,21,22.5,20,21.5,1000', '2024-01-04,22,23.5,21,22.5,1000'));
    writeFile(dir, 'Q.csv', csv('Date,Close', '2024-01-02,10.5', '2024-01-03,11.5', '2024-01-04,12.5', '2024-01-05,13.5', '2024-01-08,14.5'));
    writeFile(dir, 'symbols.csv', csv('symbol,delisting date,delisting return', 'P3,,-1'));
    const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toBe(
      `${dir}/symbols.csv:2: P3 has a delisting return (-1) but no delisting date, here or in another file: a delisting return applies after its delisting date, so it would apply to nothing — give its delisting date, e.g. 2024-01-04 if that is when it stopped trading (its last bar), or leave the return blank`,
    );
  });

  it('refuses a delisting return below -1, above 1 as a fraction (a percent typed without its sign), not a number or beyond the range of a double, with its line and the fix', async () => {
    const forms = 'write it as a fraction of the last price (-0.35 for a 35% loss, -1 for a total loss) or as a percent with its sign (-35%); blank: unknown';
    for (const [value, problem] of [
      ['-1.5', `delisting return -1.5 is below -1 (more than the whole position lost) — ${forms}`],
      ['-150%', `delisting return -150% is below -100% (more than the whole position lost) — ${forms}`],
      // Probe r56c: 35 was taken as +3,500 % (500 AAA sold at 102 × 36 = 3,672; NAV 100,500 → 1,885,500 in one session).
      ['35', 'delisting return 35 is a fraction above 1, +3,500% of the last price: almost surely a percent typed without its sign — write it as a fraction (0.35) or as a percent with its sign (35%)'],
      ['1.5', 'delisting return 1.5 is a fraction above 1, +150% of the last price: almost surely a percent typed without its sign — write it as a fraction (0.015) or as a percent with its sign (1.5%)'],
      // The fraction it suggests is the percent's own decimal, not 57.7 / 100 = 0.5770000000000001 (probe r57a).
      ['57.7', 'delisting return 57.7 is a fraction above 1, +5,770% of the last price: almost surely a percent typed without its sign — write it as a fraction (0.577) or as a percent with its sign (57.7%)'],
      ['35%%', `delisting return "35%%" is not a number — ${forms}`],
      ['1e400', `delisting return "1e400" is beyond the range of a number (±1.8e308) — ${forms}`],
    ]) {
      const dir = tempDir();
      prices(dir, ['AAA', 'BBB']);
      writeFile(dir, 'symbols.csv', csv('symbol,delisting date,delisting return', 'AAA,,', `BBB,2020-01-03,${value}`));
      const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
      expect(e, value).toBeInstanceOf(DataError);
      expect((e as DataError).message).toBe(`${dir}/symbols.csv:3: ${problem}`);
    }
  });

  it('reads a percent with its sign, in the decimal mark of the file: 35% closes at 102 × 1.35 = 137.70 (probe r56c: 35 was +3,500 %)', async () => {
    // AAA: Open/High/Low/Close 100 101 99 100 on 2024-01-02, +1 a day to 01-08; delisted on 01-04 (close 102).
    // Half of 100,000 at the 01-02 close of 100: floor(50,000 / 100) = 500 shares, filled at the 01-03 open of 101 → cash 49,500.
    const bars = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08'].map((d, k) => `${d},${100 + k},${101 + k},${99 + k},${100 + k},1000`);
    for (const [header, row, exit, nav] of [
      // Exit on 01-05, the session after the delisting: 102 × (1 + 0.35) = 137.70; NAV 49,500 + 500 × 137.70 = 118,350.
      ['symbol,delisting date,delisting return', 'AAA,2024-01-04,35%', 137.7, 118_350],
      // A semicolon file's decimal comma: −35,5 % → 102 × 0.645 = 65.79; NAV 49,500 + 500 × 65.79 = 82,395.
      ['symbol;delisting date;delisting return', 'AAA;2024-01-04;-35,5 %', 65.79, 82_395],
    ] as const) {
      const dir = tempDir();
      writeFile(dir, 'AAA.csv', csv('Date,Open,High,Low,Close,Volume', ...bars));
      writeFile(dir, 'symbols.csv', csv(header, row));
      const m = await loadMarket(dir, { cacheDir: false });
      expect(inspectMarket(m).symbols[0].flags).toContain(`delisted after 2024-01-04 at ${row.includes('35%') ? '+35%' : '-35.5%'}`);
      const result = backtest(m, scripted({ 0: { weights: { AAA: 0.5 } } }), { initialCash: 100_000 });
      const k = Array.from(result.fills.reason).indexOf(FillReason.delisting);
      expect(isoDay(m.dates[result.fills.session[k]]), row).toBe('2024-01-05');
      expect(result.fills.quantity[k]).toBe(-500);
      expect(result.fills.price[k]).toBeCloseTo(exit, 9);
      expect(result.daily.nav[result.daily.nav.length - 1]).toBeCloseTo(nav, 6);
    }
  });

  it('a percent with its sign reads as the fraction it writes (property): p% is p / 100 and refused below -100%; a fraction above 1 is refused, its percent read', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1_000, max: 1_000 }), fc.integer({ min: 101, max: 100_000 }), (p, above) => {
        if (p >= -100) {
          expect(delistingReturn(`${p}%`, 'f', 2)).toBe(p / 100);
          if (p <= 100) expect(delistingReturn(`${p}%`, 'f', 2)).toBe(delistingReturn(String(p / 100), 'f', 2));
        } else expect(() => delistingReturn(`${p}%`, 'f', 2)).toThrow(/below -100%/);
        expect(() => delistingReturn(String(above / 100), 'f', 2)).toThrow(/a fraction above 1/);
        expect(delistingReturn(`+${above}%`, 'f', 2)).toBe(above / 100);
      }),
      { numRuns: 200, seed: 20261130 },
    );
  });

  it('a percent with two decimals is the fraction it writes, to the bit (property; probe r57a: 2,760 of the 9,999 p.pp% differed as doubles, 57.7 % among them)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -10_000, max: 10_000 }), (hundredths) => {
        // hundredths / 100 percent, written as "p.pp%" and as the fraction "0.pppp".
        const percent = `${(hundredths / 100).toFixed(2)}%`;
        const fraction = (hundredths / 10_000).toFixed(4);
        expect(delistingReturn(percent, 'f', 2), `${percent} and ${fraction}`).toBe(delistingReturn(fraction, 'f', 2));
      }),
      { numRuns: 2_000, seed: 20261201 },
    );
    expect(delistingReturn('-57.7%', 'f', 2)).toBe(-0.577);
    expect(delistingReturn('-57,7 %', 'f', 2, ',')).toBe(-0.577);
  });

  it('a stock halted before a delisting on the data\'s last session is listed to the end: its exit would come after the data (it was a "data end" with "no delisting record")', async () => {
    // AAA halted after 01-03 (last close 11), delisted on 2020-01-08, BBB's (and the calendar's) last session.
    const m = await loadMarket(haltedThenDelisted('2020-01-08'), { cacheDir: false });
    expect(m.continuesAfter?.[m.symbols.indexOf('AAA')]).toBe(1);
    // 0.4 × 10,000 at the 01-02 close of 10: 400 shares, filled at 11 on 01-03 (no opens: the close). Held, marked at 11 to the end:
    // long value 4,400, NAV 5,600 + 4,400 = 10,000 — where the old reading sold them at 11 on 01-06 as a data end.
    const result = backtest(m, scripted({ 0: { weights: { AAA: 0.4 } } }), { initialCash: 10_000 });
    expect(Array.from(result.fills.reason)).toEqual([FillReason.order]);
    expect(result.daily.longValue[result.daily.longValue.length - 1]).toBe(4_400);
    expect(result.caveats.map((c) => c.code)).not.toContain('data-end-exit');
  });

  it('a delisting on the data\'s last session: listed to the end with no exit, as documented — and said, in data inspect and by a run that holds it (probe r57a: 0 delistings, and no word of the −50 %)', async () => {
    // Probe r57a's d_last/: AAA 100, 101, … 108 and BBB 50, 50.5, … 54 over 2024-01-02 … 01-12 (Open = Close); AAA delisted 01-12 at −50 %.
    const sessions = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'];
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date,Open,Close', ...sessions.map((d, k) => `${d},${100 + k},${100 + k}`)));
    writeFile(dir, 'BBB.csv', csv('Date,Open,Close', ...sessions.map((d, k) => `${d},${50 + k / 2},${50 + k / 2}`)));
    writeFile(dir, 'symbols.csv', csv('symbol,name,asset class,sector,industry,delisting date,delisting return', 'AAA,,,,,2024-01-12,-50%', 'BBB,,,,,,'));
    const cacheDir = tempDir();
    await loadMarket(dir, { cacheDir }); // stored: the loads below read the cache's copy (v26 keeps the date)
    const m = await loadMarket(dir, { cacheDir });
    // Kept by a selection of symbols, in its order.
    const picked = await loadMarket(dir, { cacheDir, symbols: ['BBB', 'AAA'] });
    expect(Array.from(picked.delistingAfterData ?? [])).toEqual([NaN, parseIsoDay('2024-01-12')]);
    const report = inspectMarket(m);
    expect(report.delisted).toBe(1);
    expect(report.delistingsAfterData).toEqual([{ symbol: 'AAA', date: '2024-01-12', delistingReturn: -0.5 }]);
    expect(report.symbols[0].flags).toEqual(['stock', "delisted 2024-01-12 at -50%, on the data's last session: no exit in the data", 'no volume']);
    // 50,000 each at the 01-02 closes: 500 AAA at the 01-03 open of 101 (cash 49,500), BBB cut to floor(49,500 / 50.5) = 980 (cash 10).
    // Held to the end: 10 + 500 × 108 + 980 × 54 = 106,930; AAA at 108 × (1 − 0.5) the next open would make it 10 + 27,000 + 52,920 = 79,930.
    const result = backtest(m, scripted({ 0: { weights: { AAA: 0.5, BBB: 0.5 } } }), { initialCash: 100_000 });
    expect(Array.from(result.fills.reason)).toEqual([FillReason.order, FillReason.order]);
    expect(result.daily.nav[result.daily.nav.length - 1]).toBeCloseTo(106_930, 9);
    const c = result.caveats.find((x) => x.code === 'delisting-after-data')!;
    expect(c.message).toBe(
      "1 position held at the run's end in a symbol delisted on or after the data's last session, whose exit the data holds no session for (AAA 500 held, delisted 2024-01-12 at -50%, on the data's last session: 54,000.00 at its last close of 108.00, which the return would take 27,000.00 off): the final NAV of 106,930.00 marks it at the last close; with the delisting return applied at the next open it would be 79,930.00",
    );
    expect(c.size).toBeCloseTo(27_000 / 106_930, 12); // 25.3 %: high
    expect(c.severity).toBe('high');
    // A run that ends before the data's last session (a market selected to 2024-01-10, or the engine's `to`) ends before the
    // delisting too, and says nothing of it, as of any delisting after its end; a selection to the data's end keeps it.
    const early = await loadMarket(dir, { cacheDir, to: '2024-01-10' });
    expect(early.delistingAfterData).toBeUndefined();
    expect(inspectMarket(early).delisted).toBe(0);
    for (const [market, to] of [[early, undefined], [m, '2024-01-10']] as const) {
      const run = backtest(market, scripted({ 0: { weights: { AAA: 0.5, BBB: 0.5 } } }), { initialCash: 100_000, ...(to ? { to } : {}) });
      expect(run.daily.nav[run.daily.nav.length - 1]).toBeCloseTo(10 + 500 * 106 + 980 * 53, 9); // 104,950
      expect(run.caveats.map((x) => x.code)).not.toContain('delisting-after-data');
    }
    expect((await loadMarket(dir, { cacheDir, to: '2024-01-12' })).delistingAfterData?.[0]).toBe(parseIsoDay('2024-01-12'));
  });

  it('a stock halted before a delisting on the data\'s last session: inspect says what the run does (held at its last close to the end), never "data ends" (probe r57a d_lastbar_halt)', async () => {
    // AAA trades 2020-01-02 (10) and 01-03 (11), then halts; delisted on 01-08, the data's last session, at −50 %.
    const m = await loadMarket(haltedThenDelisted('2020-01-08'), { cacheDir: false });
    const aaa = inspectMarket(m).symbols.find((s) => s.symbol === 'AAA')!;
    expect(aaa.flags).toEqual(['stock', "delisted 2020-01-08 at -50%, on the data's last session: no exit in the data", 'no bar after 2020-01-03: listed to the end, a holding marked at that close', 'no volume']);
    // 400 AAA bought at 11 (cash 5,600), marked at 11 to the end: NAV 10,000; × (1 − 0.5) would take 2,200 off: 7,800.
    const result = backtest(m, scripted({ 0: { weights: { AAA: 0.4 } } }), { initialCash: 10_000 });
    expect(result.caveats.find((x) => x.code === 'delisting-after-data')?.message).toContain('(AAA 400 held, delisted 2020-01-08 at -50%, on the data\'s last session: 4,400.00 at its last close of 11.00, which the return would take 2,200.00 off): the final NAV of 10,000.00 marks it at the last close; with the delisting return applied at the next open it would be 7,800.00');
  });

  it('itemises delisting exits in one caveat, as data-end exits are: symbol, shares, exit price, date, last close, the return applied, proceeds (probe r56c D/: named nowhere but the fills)', async () => {
    // Probe r56c's D/ with P3's return left blank: P1 +30 % delisted on Saturday 2024-01-06, P2 −50 % on 01-10 after a
    // halt from 01-08, P4 −25 % on 20240109; P3's data ends 01-08 (no delisting record). Bars: Open k, High k + 1.5, Low k − 1, Close k + 0.5.
    const dir = tempDir();
    const bars = (first: number, n: number): string[] =>
      ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10', '2024-01-11', '2024-01-12'].slice(0, n).map((d, k) => `${d},${first + k},${first + k + 1.5},${first + k - 1},${first + k + 0.5},1000`);
    for (const [symbol, first, n] of [['P1', 100, 9], ['P2', 40, 4], ['P3', 20, 5], ['P4', 60, 9], ['Q', 10, 9]] as const) writeFile(dir, `${symbol}.csv`, csv('Date,Open,High,Low,Close,Volume', ...bars(first, n)));
    writeFile(dir, 'symbols.csv', csv('Symbol;Name;Delisting Date;Delisting Return', 'P1;One;2024-01-06;0,3', 'P2;Two;2024-01-10;-0,5', 'P3;Three;;', 'P4;Four;20240109;-0,25', 'Q;Q;;'));
    const m = await loadMarket(dir, { cacheDir: false });
    const result = backtest(m, scripted({ 0: { weights: { P1: 0.2, P2: 0.2, P3: 0.2, P4: 0.2 } } }), { initialCash: 100_000 });
    // 20,000 each at the 01-02 closes, filled at the 01-03 opens: P1 floor(20,000 / 100.5) = 199 at 101, P2 493 at 41,
    // P3 975 at 21, P4 330 at 61 — cash 100,000 − 20,099 − 20,213 − 20,475 − 20,130 = 19,083.
    // P1: last close (01-05) 103.50 × 1.3 = 134.55 on 01-08, 26,775.45. P3: 975 × 24.50 on 01-09, 23,887.50 (data end).
    // P4: 65.50 × 0.75 = 49.125 on 01-10, 16,211.25. P2: its 01-05 close 43.50 (halted) × 0.5 = 21.75 on 01-11, 10,722.75.
    expect(result.daily.nav[result.daily.nav.length - 1]).toBeCloseTo(19_083 + 26_775.45 + 23_887.5 + 16_211.25 + 10_722.75, 6); // 96,679.95
    const delisted = result.caveats.find((c) => c.code === 'delisting-exit')!;
    expect(delisted.message).toBe(
      "3 positions closed at their delisting (P1 199 sold at 134.55 on 2024-01-08 (last close 103.50 × (1 + 30%); proceeds 26,775.45); P4 330 sold at 49.125 on 2024-01-10 (last close 65.50 × (1 − 25%); proceeds 16,211.25); P2 493 sold at 21.75 on 2024-01-11 (last close 43.50 × (1 − 50%); proceeds 10,722.75)): a delisting closes a position at its last close × (1 + the delisting return its data gives), at the last close where it gives none" +
        // Turnover counts the three exits' 26,775.45 + 16,211.25 + 10,722.75 = 53,709.45 as traded (probe r73c F2), of the run's
        // 80,917 bought + 53,709.45 + P3's 23,887.50 = 158,513.95: 33.9 %.
        "; turnover counts their notional, 53,709.45, as traded: 33.9% of the run's traded notional",
    );
    // Largest on one session: P1's proceeds over the 01-05 NAV, 19,083 + 199 × 103.5 + 493 × 43.5 + 975 × 23.5 + 330 × 63.5 = 104,992.50.
    // (P4: 21,615 / 112,806.45; P2: 21,445.50 / 107,402.70.)
    expect(delisted.size).toBeCloseTo(26_775.45 / 104_992.5, 12);
    expect(delisted.severity).toBe('high');
    expect(delisted.symbols).toEqual(['P1', 'P4', 'P2']);
    expect(result.caveats.find((c) => c.code === 'data-end-exit')?.message).toContain('(P3 975 sold at 24.50 on 2024-01-09 (worth 23,887.50))');
  });

  it('a series that stops with no delisting record and no known snapshot end is a data end, not a delisting', async () => {
    const dir = tempDir();
    prices(dir, ['AAA']);
    writeFile(dir, 'BBB.csv', csv('Date,Close', '2020-01-02,5', '2020-01-03,6'));
    const m = await loadMarket(dir, { cacheDir: false });
    expect(Array.from(m.delistedAfter)).toEqual([-1, -1]);
  });

  it('is read in the dialects price files are: semicolons with decimal commas, tabs; blank rows skipped and counted', async () => {
    const semicolon = tempDir();
    prices(semicolon, ['AAA', 'BBB']);
    writeFile(semicolon, 'symbols.csv', csv('symbol;name;asset class;delisting date;delisting return', 'AAA;Acme, Inc.;stock;2020-01-03;-0,3', 'BBB;Beta;fund;;'));
    const m = await loadMarket(semicolon, { cacheDir: false });
    expect(m.delistReturn[m.symbols.indexOf('AAA')]).toBe(-0.3);
    expect(m.delistedAfter[m.symbols.indexOf('AAA')]).toBe(1);
    expect(m.assetClass[m.symbols.indexOf('BBB')]).toBe(AssetClass.fund);
    expect(m.sources.find((s) => s.path.endsWith('symbols.csv'))!.notes).toContain('read as semicolon-separated with decimal commas');

    const tab = tempDir();
    prices(tab, ['IWM']);
    writeFile(tab, 'symbols.csv', csv('symbol\tasset class', 'IWM\tetf', '\t', '\t\t'));
    const t = await loadMarket(tab, { cacheDir: false });
    expect(t.assetClass[0]).toBe(AssetClass.fund);
    const notes = t.sources.find((s) => s.path.endsWith('symbols.csv'))!.notes;
    expect(notes).toContain('read as tab-separated');
    expect(notes).toContain('2 blank rows (every field empty) skipped');
  });

  it('says how it split a header that has no symbol column', async () => {
    const dir = tempDir();
    prices(dir, ['AAA']);
    writeFile(dir, 'symbols.csv', csv('symbol|asset class', 'AAA|stock'));
    const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
    expect((e as DataError).message).toMatch(/symbols\.csv:1: no symbol column in "symbol\|asset class" \(read as comma-separated\) — name the first column symbol/);
  });

  it('is refused line by line when it says something that cannot be read', async () => {
    const dir = tempDir();
    prices(dir, ['AAA']);
    writeFile(dir, 'symbols.csv', csv('symbol,asset class', 'AAA,bond'));
    const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(DataError);
    expect((e as DataError).message).toMatch(/symbols\.csv:2: asset class "bond" is neither a stock nor a fund/);
  });

  // Probe r60c F5: a repeated column was read silently, its first copy winning, where a price file's is refused.
  it('refuses a column repeated under any of its names at line 1, as a price file does: the first copy would win without a word', async () => {
    for (const [header, row, first, second, field] of [
      ['symbol,asset class,delisting date,delisting return,delisting date', 'AAA,stock,2020-01-03,-0.5,2020-01-07', 'delisting date', 'delisting date', 'delisting date'],
      ['symbol,asset class,Asset Class', 'AAA,stock,fund', 'asset class', 'Asset Class', 'asset class'],
      ['Symbol,Ticker', 'AAA,AAA', 'Symbol', 'Ticker', 'symbol'],
    ]) {
      const dir = tempDir();
      prices(dir, ['AAA']);
      writeFile(dir, 'symbols.csv', csv(header, row));
      const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
      expect(e, header).toBeInstanceOf(DataError);
      expect((e as DataError).message).toBe(`${dir}/symbols.csv:1: columns "${first}" and "${second}" both read as ${field} in "${header}" — keep one of them, or rename the other`);
    }
    // Split as the file splits it, and said so, as the missing symbol column is.
    const dir = tempDir();
    prices(dir, ['AAA']);
    writeFile(dir, 'symbols.csv', csv('symbol\tdelisted\tlast date', 'AAA\t2020-01-03\t2020-01-07'));
    const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
    expect((e as DataError).message).toBe(`${dir}/symbols.csv:1: columns "delisted" and "last date" both read as delisting date in "symbol\tdelisted\tlast date" (read as tab-separated) — keep one of them, or rename the other`);
  });

  // Probe r60c F2: AAA,0024-01-04 dropped every bar as "after its delisting on 1924-01-04"; 0000-01-01 read as 1900-01-01.
  it('refuses a delisting date before 1800 at its line, with the full year to write', async () => {
    for (const [date, full] of [['0024-01-04', '2024-01-04'], ['0000-01-01', '2000-01-01']]) {
      const dir = tempDir();
      prices(dir, ['AAA']);
      writeFile(dir, 'symbols.csv', csv('symbol,delisting date', `AAA,${date}`));
      const e = await loadMarket(dir, { cacheDir: false }).catch((err: unknown) => err);
      expect((e as DataError).message).toBe(`${dir}/symbols.csv:2: delisting date "${date}" is not a market date: year ${date.slice(0, 4)} is before 1800 — write the full year, e.g. ${full}`);
    }
  });
});

describe('--asset-class and the folder-name fallback', () => {
  it('a folder named etf holds funds, said as a fallback; the option says it for any folder', async () => {
    const dir = tempDir();
    prices(`${dir}/etf`, ['SPY']);
    prices(`${dir}/mine`, ['SPY']);
    const byName = await loadMarket(`${dir}/etf`, { cacheDir: false });
    expect(byName.assetClass[0]).toBe(AssetClass.fund);
    expect(byName.sources.at(-1)!.notes.join(' ')).toMatch(/read from the folder name "etf" \(fallback rule/);
    const byOption = await loadMarket(`${dir}/mine`, { cacheDir: false, assetClass: 'fund' });
    expect(byOption.assetClass[0]).toBe(AssetClass.fund);
    const byDefault = await loadMarket(`${dir}/mine`, { cacheDir: false });
    expect(byDefault.assetClass[0]).toBe(AssetClass.stock);
  });

  it('is refused for a data folder, whose parts say what they hold', async () => {
    const dir = tempDir();
    prices(`${dir}/etf/adjclose`, ['SPY']);
    writeFile(dir, 'prices.csv', csv('Ticker,Date,Close', 'AAA,2020-01-02,1'));
    writeFile(dir, 'rates/DTB3.csv', csv('observation_date,DTB3', '2020-01-02,1.5'));
    await expect(loadMarket(dir, { cacheDir: false, assetClass: 'fund' })).rejects.toThrow(UserError);
  });
});
