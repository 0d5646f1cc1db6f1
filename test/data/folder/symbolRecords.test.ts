// Which symbols and delistings files a source reads (any case; a data folder's etf/ beside
// etf/adjclose/), and what happens when two of them speak of one symbol: alike, applied;
// differently, refused naming both lines.

import { describe, expect, it } from 'vitest';
import { DataError } from '../../../data/errors.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass, type Market } from '../../../data/market.ts';
import { backtest } from '../../../engine/backtest.ts';
import { scripted } from '../../engine/helpers.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

// AAA opens at 100 on 2020-01-03 and closes 100, 101, 102, 103, 104; BBB stays at 50.
const AAA = csv('Date,Open,Close', '2020-01-02,100,100', '2020-01-03,100,101', '2020-01-06,101,102', '2020-01-07,102,103', '2020-01-08,103,104');
const BBB = csv('Date,Open,Close', ...['2020-01-02', '2020-01-03', '2020-01-06', '2020-01-07', '2020-01-08'].map((d) => `${d},50,50`));
const SYMBOLS = csv('symbol,asset class,delisting date,delisting return', 'AAA,stock,2020-01-06,-0.35', 'BBB,fund,,');

/** Prices of AAA and BBB in `dir`/`prices`, plus `files` (name → content) under `dir`. */
function folder(prices: string, files: Record<string, string>): string {
  const dir = tempDir();
  writeFile(dir, `${prices}/AAA.csv`, AAA);
  writeFile(dir, `${prices}/BBB.csv`, BBB);
  for (const [name, content] of Object.entries(files)) writeFile(dir, name, content);
  return dir;
}

/**
 * NAV at the end of a run that puts 10,000 into AAA at the first close: 100 shares at the 100 open
 * of 2020-01-03. Held to the end: 100 × 104 = 10,400. Delisted on 2020-01-06 at −35 %: closed at
 * 102 × 0.65 = 66.30, so 6,630.
 */
const endNav = (m: Market): number => {
  const result = backtest(m, scripted({ 0: { weights: { AAA: 1 } } }), { initialCash: 10_000 });
  return result.daily.nav[result.daily.nav.length - 1];
};

async function refusal(path: string): Promise<string> {
  const e = await loadMarket(path, { cacheDir: false }).catch((err: unknown) => err);
  expect(e).toBeInstanceOf(DataError);
  return (e as DataError).message;
}

describe('which symbols and delistings files are read', () => {
  it('Symbols.csv in any case beside a price folder (it was neither a price file nor read: 10,400)', async () => {
    const dir = folder('.', { 'Symbols.csv': SYMBOLS });
    const m = await loadMarket(dir, { cacheDir: false });
    expect(m.assetClass[m.symbols.indexOf('BBB')]).toBe(AssetClass.fund);
    expect(m.sources.map((s) => s.path)).toContain(`${dir}/Symbols.csv`);
    expect(endNav(m)).toBeCloseTo(6_630, 6);
  });

  it("a data folder's etf/symbols.csv when the prices are in etf/adjclose/ (it was ignored: 10,400)", async () => {
    const m = await loadMarket(folder('etf/adjclose', { 'etf/symbols.csv': SYMBOLS }), { cacheDir: false });
    expect(m.assetClass[m.symbols.indexOf('AAA')]).toBe(AssetClass.stock); // etf/ alone would make it a fund
    expect(endNav(m)).toBeCloseTo(6_630, 6);
  });

  it("a data folder's Delistings.csv in any case", async () => {
    const m = await loadMarket(folder('etf', { 'Delistings.csv': csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,-0.35') }), { cacheDir: false });
    expect(endNav(m)).toBeCloseTo(6_630, 6);
  });

  it('a delistings.csv return reads as a symbols.csv one: -35% is -0.35 (6,630); 35, a percent without its sign, is refused at its line (it was +3,500 %)', async () => {
    const m = await loadMarket(folder('etf', { 'delistings.csv': csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,-35%') }), { cacheDir: false });
    expect(endNav(m)).toBeCloseTo(6_630, 6);
    const dir = folder('etf', { 'delistings.csv': csv('Ticker,LastDate,DelistReturn,Reason', 'BBB,2020-01-06,,', 'AAA,2020-01-06,35,acquisition') });
    expect(await refusal(dir)).toBe(`${dir}/delistings.csv:3: delisting return 35 is a fraction above 1, +3,500% of the last price: almost surely a percent typed without its sign — write it as a fraction (0.35) or as a percent with its sign (35%)`);
  });
});

describe('two files on one symbol', () => {
  it('that agree (or where one leaves a field blank) are applied together', async () => {
    const delistings = csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,-0.35');
    const m = await loadMarket(folder('etf', { 'delistings.csv': delistings, 'etf/symbols.csv': csv('symbol,asset class,delisting date,delisting return', 'AAA,stock,2020-01-06,') }), { cacheDir: false });
    expect(m.delistReturn[m.symbols.indexOf('AAA')]).toBe(-0.35);
    expect(endNav(m)).toBeCloseTo(6_630, 6);
  });

  it('a delisting return in one file and its date in another are applied together; a return whose date no file gives is refused at its line', async () => {
    const delistings = csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,');
    const returnOnly = csv('symbol,asset class,delisting date,delisting return', 'AAA,stock,,-0.35');
    const m = await loadMarket(folder('etf', { 'delistings.csv': delistings, 'etf/symbols.csv': returnOnly }), { cacheDir: false });
    expect(endNav(m)).toBeCloseTo(6_630, 6);
    const dir = folder('etf', { 'etf/symbols.csv': returnOnly });
    expect(await refusal(dir)).toBe(
      `${dir}/etf/symbols.csv:2: AAA has a delisting return (-0.35) but no delisting date, here or in another file: a delisting return applies after its delisting date, so it would apply to nothing — give its delisting date, e.g. 2020-01-08 if that is when it stopped trading (its last bar), or leave the return blank`,
    );
  });

  it('that differ on a delisting are refused in one line naming both (it used symbols.csv: 6,630, where delistings.csv gives 101 × 0.5 × 100 = 5,050)', async () => {
    const dir = folder('etf', { 'delistings.csv': csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-03,-0.5'), 'etf/symbols.csv': SYMBOLS });
    expect(await refusal(dir)).toBe(`${dir}/etf/symbols.csv:2: AAA's delisting date is 2020-01-06, but ${dir}/delistings.csv:2 says 2020-01-03 — say it in one file, or the same in both`);
  });

  it('that give one return as a fraction in one and a percent in the other agree, as numbers, whichever the form (probe r57a: -0.577 beside -57.7% was refused as -0.5770000000000001)', async () => {
    // 100 AAA (10,000 at the 100 open), delisted on 2020-01-06 (close 102): closed at 102 × (1 − 0.577) = 43.146, so 4,314.60;
    // at 102 × (1 − 0.333) = 68.034, so 6,803.40.
    for (const [fraction, percent, nav] of [['-0.577', '-57.7%', 4_314.6], ['-0.333', '-33.3%', 6_803.4]] as const) {
      for (const [inSymbols, inDelistings] of [[fraction, percent], [percent, fraction]]) {
        const dir = folder('etf', {
          'delistings.csv': csv('Ticker,LastDate,DelistReturn', `AAA,2020-01-06,${inDelistings}`),
          'etf/symbols.csv': csv('symbol,asset class,delisting date,delisting return', `AAA,stock,2020-01-06,${inSymbols}`, 'BBB,fund,,'),
        });
        const m = await loadMarket(dir, { cacheDir: false });
        expect(m.delistReturn[m.symbols.indexOf('AAA')], `${inSymbols} beside ${inDelistings}`).toBe(Number(fraction));
        expect(endNav(m)).toBeCloseTo(nav, 6);
      }
    }
  });

  it('that differ on a delisting return are refused showing each as its file writes it, never a double\'s noise', async () => {
    const dir = folder('etf', { 'delistings.csv': csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,-57.8%'), 'etf/symbols.csv': csv('symbol,delisting date,delisting return', 'AAA,2020-01-06,-0.577') });
    expect(await refusal(dir)).toBe(`${dir}/etf/symbols.csv:2: AAA's delisting return is -0.577, but ${dir}/delistings.csv:2 says -57.8% — say it in one file, or the same in both`);
  });

  it('that differ on an asset class are refused too', async () => {
    const dir = folder('etf/adjclose', { 'etf/symbols.csv': SYMBOLS, 'etf/adjclose/symbols.csv': csv('symbol,asset class', 'BBB,stock') });
    expect(await refusal(dir)).toBe(`${dir}/etf/adjclose/symbols.csv:2: BBB's asset class is stock, but ${dir}/etf/symbols.csv:3 says fund — say it in one file, or the same in both`);
  });
});

describe('a row naming a loaded symbol in another case (probe r45a: r45c F1)', () => {
  // aaa.csv beside a row for AAA delisted at −35 %: the row applied to nothing and the run ended at 10,400 held,
  // where the delisting gives 6,630 (endNav). Symbols are case-sensitive: refused at the row, as two price files are.
  it.each([
    ['symbols.csv', '.', csv('symbol,asset class,delisting date,delisting return', 'BBB,fund,,', 'AAA,stock,2020-01-06,-0.35'), 3],
    ['delistings.csv', 'etf', csv('Ticker,LastDate,DelistReturn', 'AAA,2020-01-06,-0.35'), 2],
  ])('%s', async (name, prices, content, line) => {
    const dir = tempDir();
    writeFile(dir, `${prices}/aaa.csv`, AAA);
    writeFile(dir, `${prices}/BBB.csv`, BBB);
    writeFile(dir, name, content);
    expect(await refusal(dir)).toBe(`${dir}/${name}:${line}: AAA is loaded as aaa, in another case; symbols are case-sensitive, so this row would apply to no symbol — spell the symbol one way in both (rename the price file or correct the row)`);
  });
});

describe('the asset class notes say what was applied', () => {
  const notes = async (path: string, assetClass?: 'fund' | 'stock'): Promise<readonly string[]> => (await loadMarket(path, { cacheDir: false, assetClass })).sources.at(-1)!.notes;

  it('--asset-class with a symbols.csv that makes one symbol a stock: the option covers the others, and the override is said', async () => {
    const dir = folder('.', { 'symbols.csv': csv('symbol,asset class', 'AAA,stock') });
    expect(await notes(dir, 'fund')).toEqual(
      expect.arrayContaining([
        'asset class fund: set for the 1 symbol no symbols.csv gives one by the assetClass option (--asset-class): BBB',
        'symbols.csv overrides --asset-class fund for 1 symbol: AAA (stock)',
      ]),
    );
  });

  it('--asset-class with a symbols.csv that gives every symbol a class still says which it overrode', async () => {
    expect(await notes(folder('.', { 'symbols.csv': SYMBOLS }), 'fund')).toEqual(
      expect.arrayContaining(['asset class from symbols.csv for every symbol', 'symbols.csv overrides --asset-class fund for 1 symbol: AAA (stock)']),
    );
  });

  it('the default covers only the symbols symbols.csv leaves without a class', async () => {
    const partly = await notes(folder('.', { 'symbols.csv': csv('symbol,asset class', 'BBB,fund') }));
    expect(partly).toContain('asset class stock for the 1 symbol no symbols.csv gives one (the default; say otherwise with --asset-class or a symbols.csv): AAA');
    expect(await notes(folder('.', { 'symbols.csv': SYMBOLS }))).toContain('asset class from symbols.csv for every symbol');
    expect(await notes(folder('.', {}))).toContain('asset class stock for every symbol (the default; say otherwise with --asset-class or a symbols.csv)');
  });
});
