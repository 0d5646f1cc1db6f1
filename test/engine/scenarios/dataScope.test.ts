// Data caveats concern what the run read (engine/warnings.ts RunScope): a folder with a stock that
// misses a session and has a bad print, beside a fund with every bar. A run on the fund alone
// carries none of the stock's notes; a run that holds the stock, or only reads it, does.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMarket } from '../../../data/load.ts';
import type { Market } from '../../../data/market.ts';
import type { Caveat } from '../../../engine/caveats.ts';
import { seriesCaveats } from '../../../engine/warnings.ts';
import { scenario } from '../helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'breadth-scope-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// Weekdays 2024-01-01 … 01-10. STK has no bar on 01-04 (one session inside its history) and
// prints 50 on 01-08, back to 10 the next session (a ×5 move that reverts).
const days = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09', '2024-01-10'];
const stock = [10, 10, 10, NaN, 10, 50, 10, 10];
writeFileSync(join(dir, 'ETF.csv'), ['Date,Close,Volume', ...days.map((d, k) => `${d},${100 + k},1000`)].join('\n'));
writeFileSync(join(dir, 'STK.csv'), ['Date,Close,Volume', ...days.flatMap((d, k) => (Number.isNaN(stock[k]) ? [] : [`${d},${stock[k]},1000`]))].join('\n'));
writeFileSync(join(dir, 'symbols.csv'), 'symbol,name,asset class\nETF,a fund,fund\nSTK,a stock,stock\n');

const load = (symbols?: string[]): Promise<Market> => loadMarket(dir, { cacheDir: false, ...(symbols ? { symbols } : {}) });
const notes = (caveats: readonly Caveat[]): Caveat[] => caveats.filter((c) => c.code === 'data-note');
const aboutStock = (caveats: readonly Caveat[]): string[] => notes(caveats).filter((c) => c.symbols.includes('STK') || /STK|survivor|without a bar|revert/.test(c.message)).map((c) => c.message);

describe('data caveats scoped to what the run read', () => {
  it('the calendar itself counts the stock gap and the move (data inspect)', async () => {
    const market = await load();
    const calendar = market.sources.find((s) => s.format === 'calendar alignment');
    expect(calendar?.notes).toContain('1 sessions without a bar inside the histories of 1 symbols (NaN)');
    expect(market.revertingMoves?.session.length).toBe(1);
  });

  it('a series measured without a run (breadth metrics) says its gap as the series\' own, not a run\'s', async () => {
    const market = await load();
    const gap = seriesCaveats(market, market.symbols.indexOf('STK'), 0, market.dates.length - 1).find((c) => /without a bar/.test(c.message));
    expect(gap?.message).toBe('1 session without a bar inside the history of the series (NaN) in the sessions measured: STK 1');
  });

  it('a run on the fund alone carries none of the stock’s notes', async () => {
    const r = scenario(await load(), { 0: { weights: { ETF: 1 } } });
    expect(r.fills.symbol.length).toBe(1);
    expect(aboutStock(r.caveats)).toEqual([]);
  });

  it('a --symbols run that did not load the stock carries none of them either', async () => {
    const r = scenario(await load(['ETF']), { 0: { weights: { ETF: 1 } } });
    expect(aboutStock(r.caveats)).toEqual([]);
  });

  it('a run holding the stock hears of its gap (1 session), its move (high: traded) and survivorship', async () => {
    const r = scenario(await load(), { 0: { weights: { STK: 1 } } });
    const gap = notes(r.caveats).find((c) => /without a bar/.test(c.message));
    expect(gap).toMatchObject({ severity: 'low', size: 1, unit: 'sessions', symbols: ['STK'] });
    expect(gap?.message).toBe('1 session without a bar inside the history of 1 symbol the run read (NaN) in its sessions: STK 1');
    const move = notes(r.caveats).find((c) => /revert/.test(c.message));
    expect(move).toMatchObject({ severity: 'high', size: 1, symbols: ['STK'] });
    expect(move?.message).toMatch(/^1 single-session price moves that revert .*, 1 in names the run traded: STK 2024-01-08 ×5\.00/);
    expect(notes(r.caveats).some((c) => /survivor/.test(c.message))).toBe(true);
  });

  it('a run that only reads the stock (holding the fund) hears of them, the move low', async () => {
    const r = scenario(await load(), {
      0: (view) => (view.history('close', view.resolve('STK'), 3), { weights: { ETF: 1 } }),
    });
    expect(notes(r.caveats).find((c) => /without a bar/.test(c.message))?.symbols).toEqual(['STK']);
    expect(notes(r.caveats).find((c) => /revert/.test(c.message))?.severity).toBe('low');
  });

  it('the gap counts only sessions of the run: from 01-05 on, STK has none', async () => {
    const r = scenario(await load(), { 4: { weights: { STK: 1 } } }, { from: '2024-01-05' });
    expect(notes(r.caveats).some((c) => /without a bar/.test(c.message))).toBe(false);
  });
});

// Two long files of stocks: a.csv (Close, AdjClose, Volume; no Open) holds AAA, whose Close falls
// from 10 to 7.8 on 01-03 while AdjClose stays 7.8 (a distribution of 1 − 7.8/10 = 22.0%), BBB
// falling from 10 to 6.9 on 01-04 (31.0%) and CCC with none; b.csv (AdjClose only: no volume, no
// opens) holds DDD.
const longDir = mkdtempSync(join(tmpdir(), 'breadth-scope-long-'));
afterAll(() => rmSync(longDir, { recursive: true, force: true }));
const stepped = (ticker: string, from: number, after: number): string[] => days.map((d, k) => `${ticker},${d},${k < from ? 10 : after},${after},1000`);
writeFileSync(join(longDir, 'a.csv'), ['Ticker,Date,Close,AdjClose,Volume', ...stepped('AAA', 2, 7.8), ...stepped('BBB', 3, 6.9), ...stepped('CCC', 0, 10)].join('\n'));
writeFileSync(join(longDir, 'b.csv'), ['Ticker,Date,AdjClose', ...days.map((d, k) => `DDD,${d},${20 + k}`)].join('\n'));

describe('a long file’s notes concern a run that read one of its symbols, restated for them', () => {
  const loadLong = (): Promise<Market> => loadMarket(longDir, { cacheDir: false });
  const fileNotes = (caveats: readonly Caveat[]): string[] => notes(caveats).map((c) => c.message).filter((m) => /^[ab]\.csv: |files: /.test(m));

  it('the file itself lists both distributions', async () => {
    const a = (await loadLong()).sources.find((s) => s.path.endsWith('a.csv'));
    expect(a?.symbols).toEqual(['AAA', 'BBB', 'CCC']);
    expect(a?.notes).toContain('2 distributions above 10% of the price (special dividends, spin-offs or rights issues as AdjClose reflects them): AAA 2024-01-03 (22.0%), BBB 2024-01-04 (31.0%)');
  });

  it('a run holding AAA hears of its own distribution only (count restated), and nothing of b.csv', async () => {
    const r = scenario(await loadLong(), { 0: { weights: { AAA: 1 } } });
    expect(fileNotes(r.caveats).sort()).toEqual([
      'a.csv: 1 distribution above 10% of the price (special dividends, spin-offs or rights issues as AdjClose reflects them): AAA 2024-01-03 (22.0%)',
    ]);
  });

  it('a run holding CCC hears of no distribution, a run holding AAA and BBB of both', async () => {
    const c = scenario(await loadLong(), { 0: { weights: { CCC: 1 } } });
    expect(fileNotes(c.caveats).some((m) => /distribution/.test(m))).toBe(false);
    const ab = scenario(await loadLong(), { 0: { weights: { AAA: 0.5, BBB: 0.5 } } });
    expect(fileNotes(ab.caveats)).toContain('a.csv: 2 distributions above 10% of the price (special dividends, spin-offs or rights issues as AdjClose reflects them): AAA 2024-01-03 (22.0%), BBB 2024-01-04 (31.0%)');
  });

  it('a run holding DDD hears of b.csv (AdjClose only, no volume) and nothing of a.csv', async () => {
    const r = scenario(await loadLong(), { 0: { weights: { DDD: 1 } } });
    expect(fileNotes(r.caveats).sort()).toEqual([
      'b.csv: AdjClose only: prices are total-return (dividends reinvested), no separate dividend events',
      'b.csv: no volume: participation limits cannot apply',
    ]);
  });

  it('the run manifest records the sources without their symbol lists', async () => {
    const r = scenario(await loadLong(), { 0: { weights: { DDD: 1 } } });
    expect(r.manifest.data.sources.every((s) => !('symbols' in s) && !('listed' in s))).toBe(true);
  });
});

describe('zero volumes read as unknown are said to a run that trades the symbol (probe r38a: only `data inspect` said them)', () => {
  const vdir = mkdtempSync(join(tmpdir(), 'breadth-zerovol-'));
  afterAll(() => rmSync(vdir, { recursive: true, force: true }));
  // ZZZ: volume 0 on every row (a mutual fund); LLL: 0 on 2024-01-01 and 01-02, then 1000 (an old index file's rows).
  writeFileSync(join(vdir, 'ZZZ.csv'), ['Date,Close,Volume', ...days.map((d, k) => `${d},${10 + k},0`)].join('\n'));
  writeFileSync(join(vdir, 'LLL.csv'), ['Date,Close,Volume', ...days.map((d, k) => `${d},${20 + k},${k < 2 ? 0 : 1000}`)].join('\n'));
  const said = async (symbol: string): Promise<string[]> =>
    notes(scenario(await loadMarket(vdir, { cacheDir: false }), { 0: { weights: { [symbol]: 1 } } }).caveats)
      .map((c) => c.message)
      .filter((m) => /volume/.test(m));

  it('each run hears of its own symbol\'s zeros only', async () => {
    expect(await said('ZZZ')).toEqual(['ZZZ.csv: volume is 0 on every row of ZZZ: read as unknown']);
    expect(await said('LLL')).toEqual(['LLL.csv: volume is 0 on the first rows of LLL (2 rows to 2024-01-02), before its first traded volume: read as unknown there (no participation limit, not a session without trades)']);
  });
});

describe('a stray weekend bar is a session of every run (probe r15a)', () => {
  const wdir = mkdtempSync(join(tmpdir(), 'breadth-weekend-'));
  afterAll(() => rmSync(wdir, { recursive: true, force: true }));
  // AAA: weekdays 2024-01-01 … 01-05; CCC the same plus Saturday 2024-01-06, a session nothing else trades on.
  const week = ['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];
  writeFileSync(join(wdir, 'AAA.csv'), ['Date,Close,Volume', ...week.map((d, k) => `${d},${100 + k},1000`)].join('\n'));
  writeFileSync(join(wdir, 'CCC.csv'), ['Date,Close,Volume', ...[...week, '2024-01-06'].map((d, k) => `${d},${50 + k},1000`)].join('\n'));

  it('a run reading only AAA ends on that Saturday, and hears why at medium: CCC\'s bar added the session', async () => {
    const r = scenario(await loadMarket(wdir, { cacheDir: false }), { 0: { weights: { AAA: 1 } } });
    expect(r.dates.length).toBe(6);
    const note = r.caveats.find((c) => /dated on a weekend/.test(c.message));
    expect(note?.severity).toBe('medium');
    expect(note?.message).toMatch(/: CCC: 1 bar dated on a weekend \(2024-01-06\)/);
  });
});
