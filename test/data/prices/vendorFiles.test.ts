// Price files as people have them: zipline's csvdir bundle, Norgate, MetaStock, Barchart,
// Refinitiv, Bloomberg, QuantConnect LEAN. Each layout is read (with its hand-computed figures)
// or refused with a message naming the right column.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPriceFile } from '../../../data/prices/files/priceReader.ts';
import { seriesFromParsed } from '../../../data/prices/series/priceSeries.ts';
import { parseIsoDay } from '../../../data/dates.ts';
import { loadMarket } from '../../../data/load.ts';
import { AssetClass, PriceKind } from '../../../data/market.ts';
import { loadPriceFile } from '../../../data/prices/files/priceFolder.ts';
import { loadPriceReturns } from '../../../data/returnSeries.ts';
import { parseStudy, runStudyRuns } from '../../../study/index.ts';
import { csv, loadOneSeries, tempDir, writeFile } from '../fixtures.ts';

const asStock = () => ({ assetClass: AssetClass.stock, snapshotEnd: Infinity });
const day = parseIsoDay;

const load = loadOneSeries;

/** Final NAV of buy-and-hold of `symbol` with 10,000 cash, next-open fills, whole shares. */
async function buyAndHoldNav(folder: string, symbol: string): Promise<number> {
  const config = parseStudy({ data: folder, runs: [{ name: 'hold', strategy: 'buy-and-hold', params: { weights: { [symbol]: 1 } }, engine: { initialCash: 10_000 } }] }, 'test');
  const { runs } = await runStudyRuns(config, await loadMarket(folder, { cacheDir: false }), 'test');
  const nav = runs[0].result.daily.nav;
  return nav[nav.length - 1];
}

const ZIPLINE = [
  'date,open,high,low,close,volume,dividend,split',
  '2024-01-02,100,100,100,100,1000000,0.0,1.0',
  '2024-01-03,101,101,101,101,1000000,0.0,1.0',
  '2024-01-04,102,102,102,102,1000000,0.0,1.0',
  '2024-01-05,51,51,51,51,1000000,0.0,2.0', // 2:1 split: 102 → 51
  '2024-01-08,52,52,52,52,1000000,0.0,1.0',
  '2024-01-09,51.5,51.5,51.5,51.5,1000000,0.5,1.0', // 0.50 a share
  '2024-01-10,52,52,52,52,1000000,0.0,1.0',
  '2024-01-11,53,53,53,53,1000000,0.0,1.0',
];

describe("zipline's csvdir bundle (date,open,high,low,close,volume,dividend,split)", () => {
  it('split is new shares per old (1.0 = none), dividend is cash per share beside the raw close', async () => {
    const s = await load('ZIP.csv', ...ZIPLINE);
    expect(s.priceKind).toBe(PriceKind.raw);
    expect(s.splits).toEqual([{ day: day('2024-01-05'), value: 2 }]);
    expect(s.dividends).toEqual([{ day: day('2024-01-09'), value: 0.5 }]);
    expect(s.columns?.ignored).toEqual([]);
    expect(s.notes).toMatch(/1 dividend read from the dividend column and 1 split read from the split column/);
    expect(s.notes).not.toMatch(/auto_adjust|the {2}column/);
  });

  it('buy-and-hold: 99 shares at 101, 198 after the split, 99 in dividends: NAV 10,594; total return +7.03 %', async () => {
    const folder = tempDir();
    writeFile(folder, 'ZIP.csv', csv(...ZIPLINE));
    // 10,000 at the 01-03 open 101: 99 shares, cash 1; 2:1 → 198; 198 × 0.50 = 99; 198 × 53 + 1 + 99.
    expect(await buyAndHoldNav(folder, 'ZIP')).toBeCloseTo(10_594, 9);
    const { returns } = await loadPriceReturns(`${folder}/ZIP.csv`);
    // One share at 100 → 2 shares, the dividend reinvested at 51.5 on its ex-date: 2 × (1 + 0.5/51.5) × 53 / 100 − 1.
    const total = returns.reduce((g, r) => g * (1 + r), 1) - 1;
    expect(total).toBeCloseTo(2 * (1 + 0.5 / 51.5) * 0.53 - 1, 12);
  });

  it("yfinance's auto_adjust=True rule needs its own header: Dividends with Stock Splits and no Adj Close", async () => {
    const rows = ['2024-01-02,100,5,0,0', '2024-01-03,99,5,0.5,0'];
    const yf = await load('Y.csv', 'Date,Close,Volume,Dividends,Stock Splits', ...rows);
    expect(yf.priceKind).toBe(PriceKind.totalReturn);
    expect(yf.notes).toMatch(/Close is adjusted for dividends and splits \(yfinance's .*\), so prices are total-return; the 1 dividend listed is not paid again — export/);
    expect(yf.notes).not.toMatch(/splits read|0 splits|raw Close/);
    // Only what is there: no dividend listed, no count of 0.
    const none = await load('N.csv', 'Date,Close,Volume,Dividends,Stock Splits', '2024-01-02,100,5,0,0', '2024-01-03,99,5,0,0');
    expect(none.notes).toMatch(/so prices are total-return — export/);
    expect(none.notes).not.toMatch(/0 dividend/);
    const lone = await load('D.csv', 'Date,Close,Volume,Dividends', ...rows.map((r) => r.slice(0, -2)));
    expect(lone.priceKind).toBe(PriceKind.raw);
    expect(lone.dividends).toEqual([{ day: day('2024-01-03'), value: 0.5 }]);
  });
});

describe('long files: an optional column is judged per ticker', () => {
  const D = ['2024-01-02', '2024-01-03', '2024-01-04'];
  const rowsOf = (ticker: string, row: (d: string, c: number) => string) => D.map((d, k) => `${d},${ticker},${row(d, 100 + k)}`);

  it("Tiingo's adjusted bar for AAA only: BBB reads as if it had none, and says so", async () => {
    const folder = tempDir();
    const header = 'date,symbol,open,high,low,close,volume,adjOpen,adjHigh,adjLow,adjClose';
    const aaa = rowsOf('AAA', (_, c) => `${c},${c + 1},${c - 1},${c},1000,${c / 2},${(c + 1) / 2},${(c - 1) / 2},${c / 2}`);
    const bbb = rowsOf('BBB', (_, c) => `${c},${c + 1},${c - 1},${c},1000,,,,`);
    const m = await loadMarket(writeFile(folder, 'prices.csv', csv(header, ...aaa, ...bbb)), { cacheDir: false });
    expect(m.symbols).toEqual(['AAA', 'BBB']);
    // Session-major: [AAA, BBB] per session; both trade their raw bar.
    expect(Array.from(m.open!)).toEqual([100, 100, 101, 101, 102, 102]);
    expect(Array.from(m.priceKind)).toEqual([PriceKind.raw, PriceKind.raw]);
    const notes = m.sources[0].notes.join(' | ');
    expect(notes).toMatch(/AdjOpen, AdjHigh, AdjLow are empty on every row of BBB \(filled for other symbols\): read as absent for it/);
    expect(notes).toMatch(/AdjClose is empty for BBB: Close is the traded price, and dividends are MISSING/);
  });

  it('BBB with only AdjClose (Close empty on its every row) is AdjClose-only: total return, noted', async () => {
    const folder = tempDir();
    const m = await loadMarket(writeFile(folder, 'prices.csv', csv('date,symbol,close,adjclose', ...rowsOf('AAA', (_, c) => `${c},${c}`), ...rowsOf('BBB', (_, c) => `,${c * 2}`))), { cacheDir: false });
    expect(Array.from(m.close)).toEqual([100, 200, 101, 202, 102, 204]);
    expect(Array.from(m.priceKind)).toEqual([PriceKind.raw, PriceKind.totalReturn]);
    expect(m.sources[0].notes.join(' | ')).toMatch(/Close is empty on every row of BBB \(filled for other symbols\): AdjClose is its price \(total return, no separate dividend events\)/);
  });

  it("an Open/High/Low without a Close is checked against the ticker's AdjClose", async () => {
    // BBB's adjclose above high on both its rows: 2 of the file's 3 rows, named at the first (line 3).
    const file = writeFile(tempDir(), 'prices.csv', csv('date,symbol,open,high,low,close,adjclose', '2024-01-02,AAA,10,11,9,10,10', '2024-01-02,BBB,10,11,9,,12', '2024-01-03,BBB,10,11,9,,12'));
    const e = await loadMarket(file, { cacheDir: false }).catch((x: unknown) => x as Error);
    expect((e as Error).message).toBe(
      `${file}:3: adjclose 12 is above high 11 on 2024-01-02 for BBB (adjclose is outside [low, high] on 2 of 3 rows) — open/high/low must be on adjclose's basis: fill in close, or remove open/high/low (if they are on its basis, correct those rows)`,
    );
  });

  it('property: any mix of tickers with and without AdjOpen/Close, interleaved, loads; a ticker without one reads as if it had none', () => {
    const dir = tempDir();
    const ticker = fc.record({ adjOpen: fc.boolean(), close: fc.boolean() });
    fc.assert(
      fc.property(fc.array(ticker, { minLength: 1, maxLength: 4 }), fc.boolean(), (tickers, interleave) => {
        const row = (k: number, d: number) => {
          const c = 10 * (k + 1) + d;
          return `2024-01-0${d + 2},T${k},${tickers[k].close ? c : ''},${tickers[k].adjOpen ? c / 2 : ''},${c / 2}`;
        };
        const pairs = tickers.flatMap((_, k) => [0, 1, 2].map((d) => [k, d] as const));
        if (interleave) pairs.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
        const file = writeFile(dir, 'p.csv', csv('date,symbol,close,adjopen,adjclose', ...pairs.map(([k, d]) => row(k, d))));
        const { series } = seriesFromParsed(readPriceFile(file).parsed, asStock);
        series.forEach((s, k) => {
          const c = [0, 1, 2].map((d) => 10 * (k + 1) + d);
          // With a Close: traded at it (no raw Open); without: AdjClose is the price and AdjOpen its open.
          expect(Array.from(s.close)).toEqual(tickers[k].close ? c : c.map((x) => x / 2));
          expect(s.priceKind).toBe(tickers[k].close ? PriceKind.raw : PriceKind.totalReturn);
          expect(s.open === null ? null : Array.from(s.open)).toEqual(!tickers[k].close && tickers[k].adjOpen ? c.map((x) => x / 2) : null);
        });
      }),
      { numRuns: 60 },
    );
  });

  it('a column empty on some rows of a ticker only is refused at the first, with a hint that can be followed', async () => {
    const header = 'date,symbol,open,close,adjopen,adjclose';
    const refusal = async (...rows: string[]) => {
      const file = writeFile(tempDir(), 'prices.csv', csv(header, ...rows));
      const e = (await loadMarket(file, { cacheDir: false }).catch((x: unknown) => x)) as Error;
      return e.message.slice(file.length);
    };
    const full = (d: string, t: string) => `${d},${t},10,10,5,5`;
    // BBB's AdjOpen on 01-03 after one on 01-02: at once.
    expect(await refusal(full(D[0], 'AAA'), full(D[0], 'BBB'), `${D[1]},BBB,10,10,,5`)).toBe(':4: adjopen is empty for BBB — fill in the price or remove the row (or leave adjopen empty on every row of BBB, or on its earliest rows only, when it is not known)');
    // Empty on BBB's earliest row, then filled: unknown there, and said.
    const early = await loadMarket(writeFile(tempDir(), 'prices.csv', csv(header, full(D[0], 'AAA'), `${D[0]},BBB,10,10,,5`, full(D[1], 'AAA'), full(D[1], 'BBB'))), { cacheDir: false });
    expect(early.sources[0].notes.join(' | ')).toContain(`BBB (AdjOpen; 1 row to ${D[0]})`);
    expect(await refusal(full(D[0], 'BBB'), `${D[1]},BBB,10,,5,5`)).toBe(':3: close is empty for BBB — fill in the price or remove the row (or leave close empty on every row of BBB: adjclose is then the price)');
  });
});

describe('split ratios written as text', () => {
  it('"2:1", "2/1" and EODHD\'s "2.000000/1.000000" are 2 new shares per old; "1:10" is 0.1; said once', async () => {
    for (const text of ['2:1', '2/1', '2.000000/1.000000']) {
      const s = await load('TXT.csv', 'Date,Close,Adj Close,Stock Splits', '2024-01-04,100,50,0', `2024-01-05,50,50,${text}`);
      expect(s.splits).toEqual([{ day: day('2024-01-05'), value: 2 }]);
      expect(s.notes).toMatch(/split ratios written as new:old or new\/old .* read as new shares per old/);
    }
    const reverse = await load('R.csv', 'Date,Close,Adj Close,Stock Splits', '2024-01-04,2,20,0', '2024-01-05,20,20,1:10');
    expect(reverse.splits).toEqual([{ day: day('2024-01-05'), value: 0.1 }]);
  });

  it('a ratio is text only in a split column: "2:1" as a dividend, or "2:0", is not a number', async () => {
    const dividend = await loadPriceFile(writeFile(tempDir(), 'D.csv', csv('Date,Close,Dividends', '2024-01-05,50,2:1')), asStock).catch((e: unknown) => e as Error);
    expect((dividend as Error).message).toMatch(/D\.csv:2: Dividends is not a number \("2:1"\)/);
    const zero = await loadPriceFile(writeFile(tempDir(), 'Z.csv', csv('Date,Close,Stock Splits', '2024-01-05,50,2:0')), asStock).catch((e: unknown) => e as Error);
    expect((zero as Error).message).toMatch(/Z\.csv:2: Stock Splits is not a number \("2:0"\)/);
  });
});

describe('a dividend on a row with no price (yfinance NaN row on a non-trading day)', () => {
  const header = 'Date,Open,High,Low,Close,Adj Close,Volume,Dividends,Stock Splits';
  const bar = (d: string) => `${d},100,100,100,100,100,1000,0,0`;
  const weekdays = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05'];

  it('is paid on the next session with a bar, and said: 100 shares × 0.50 on 01-08, NAV 10,050', async () => {
    const folder = tempDir();
    writeFile(folder, 'DNB.csv', csv(header, ...weekdays.map(bar), '2024-01-06,,,,,,,0.5,0', bar('2024-01-08'), bar('2024-01-09')));
    const { series, sources } = await loadPriceFile(`${folder}/DNB.csv`, asStock);
    expect(series[0].dividends).toEqual([{ day: day('2024-01-08'), value: 0.5 }]);
    expect(sources[0].notes.join(' | ')).toMatch(/1 dividend or split row with no price .* moved to the next session with a bar: DNB 2024-01-06 → 2024-01-08/);
    // 10,000 at the 01-03 open of 100: 100 shares, no cash; 100 × 0.50 paid on 01-08; 100 × 100 + 50.
    expect(await buyAndHoldNav(folder, 'DNB')).toBeCloseTo(10_050, 9);
  });

  it('newest first, and a split: moved to the next session in time, not in the file', async () => {
    const s = await load('N.csv', header, '2024-01-08,50,50,50,50,50,1000,0,0', '2024-01-06,,,,,,,0,2:1', bar('2024-01-05'));
    expect(s.splits).toEqual([{ day: day('2024-01-08'), value: 2 }]);
  });

  it('with no later bar it would be lost: refused at its line', async () => {
    const file = writeFile(tempDir(), 'L.csv', csv(header, bar('2024-01-05'), '2024-01-06,,,,,,,0.5,0'));
    const e = (await loadPriceFile(file, asStock).catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(`${file}:3: a dividend of 0.5 on 2024-01-06 sits on a row with no price, and L has no later bar to pay it on: it would be lost — add the bar of the ex-date (or of the next session) with its prices, or move the event onto that row`);
  });

  it('a per-symbol row with no price and no event is still refused; a long file skips it', async () => {
    const file = writeFile(tempDir(), 'E.csv', csv(header, bar('2024-01-05'), '2024-01-08,,,,,,,0,0'));
    expect(((await loadPriceFile(file, asStock).catch((x: unknown) => x)) as Error).message).toBe(`${file}:3: Close is empty — fill in the price or remove the row (or leave Close empty on every row: Adj Close is then the price)`);
    const long = await loadMarket(writeFile(tempDir(), 'p.csv', csv('Date,Ticker,Close,Dividends', '2024-01-05,A,10,0', '2024-01-05,B,,0', '2024-01-08,B,11,0')), { cacheDir: false });
    expect(long.sources[0].notes.join(' | ')).toMatch(/1 row with a ticker and a date but no price/);
  });
});

describe('an event on the first row of a file', () => {
  it('a stated split there is not "already in Close": there is no earlier bar, and the note says so', async () => {
    const s = await load('FR.csv', 'Date,Close,Adj Close,Stock Splits', '2024-01-02,100,100,2', '2024-01-03,101,101,0', '2024-01-04,51,51,2');
    expect(s.splits).toEqual([{ day: day('2024-01-04'), value: 2 }]);
    expect(s.notes).toMatch(/1 split of the Stock Splits column on a symbol's first row, not applied: there is no earlier bar, so no share was held before it: FR 2024-01-02/);
    expect(s.notes).not.toMatch(/already in Close/);
  });
});

describe('numbers that never show their decimal mark', () => {
  it.each([
    [
      'a semicolon file of 1.234-like prices: decimal commas, so 1.234 is 1234',
      ['Date;Close;Volume', '2024-01-02;1.234;150000', '2024-01-03;1.250;150000'],
      [1234, 1250],
      '"1.234" read as 1234 ("." as a thousands separator, as semicolon-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too high (Close) — if it is a decimal point (1.234), write the numbers with a decimal comma: 1,234',
    ],
    [
      'a comma file of quoted "199,520" prices: read as 199520, the columns read so named',
      ['Date,Open,Close,Volume', '2024-01-02,"199,400","199,520",44341500', '2024-01-03,"197,400","194,200",57532500'],
      [199520, 194200],
      '"199,400" read as 199400 ("," as a thousands separator, as comma-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too high (Open, Close) — if it is a decimal comma (199.400), write the numbers with a decimal point: 199.400',
    ],
    [
      'the fix that note gives (decimal points) reads 199.52, and says the other way is the doubt',
      ['Date,Open,Close,Volume', '2024-01-02,"199.400","199.520",44341500', '2024-01-03,"197.400","194.200",57532500'],
      [199.52, 194.2],
      '"199.400" read as 199.4 ("." as the decimal mark, as comma-separated files usually write it): no number in the file shows its decimal mark, so prices may be 1,000× too low (Open, Close) — if "." separates thousands (199400), write the numbers without it: 199400',
    ],
  ])('%s', async (_, lines, closes, note) => {
    const m = await loadMarket(writeFile(tempDir(), 'X.csv', csv(...lines)), { cacheDir: false });
    expect(Array.from(m.close)).toEqual(closes);
    expect(m.sources[0].notes).toContain(note);
  });

  it('a guess that read only volumes says volumes; one that read no number says nothing', async () => {
    const vol = await loadMarket(writeFile(tempDir(), 'V.csv', csv('Date;Close;Volume', '2024-01-02;12;575.325', '2024-01-03;13;575.000')), { cacheDir: false });
    expect(Array.from(vol.volume!)).toEqual([575325, 575000]);
    expect(vol.sources[0].notes.join(' | ')).toMatch(/so volumes may be 1,000× too high \(Volume\)/);
    const none = await loadMarket(writeFile(tempDir(), 'N.csv', csv('Date;Close;Note', '2024-01-02;12;1.234', '2024-01-03;13;1.250')), { cacheDir: false });
    expect(none.sources[0].notes.join(' | ')).not.toMatch(/1,000×/);
  });

  it('no note once a number shows the mark, even below the sniffed head', async () => {
    const rows = Array.from({ length: 8 }, (_, k) => `2024-01-${String(k + 2).padStart(2, '0')};1.234;150000`);
    const m = await loadMarket(writeFile(tempDir(), 'PNY.csv', csv('Date;Close;Volume', ...rows, '2024-01-15;1.234,5;150000')), { cacheDir: false });
    expect(m.close[m.close.length - 1]).toBe(1234.5);
    expect(m.sources[0].notes.join(' | ')).not.toMatch(/no number shows/);
  });
});

describe("vendors' date and close columns", () => {
  const closesOf = async (name: string, ...lines: string[]) => {
    const m = await loadMarket(writeFile(tempDir(), name, csv(...lines)), { cacheDir: false });
    return { m, days: Array.from(m.dates, (d) => new Date(d * 86_400_000).toISOString().slice(0, 10)), close: Array.from(m.close), notes: m.sources[0].notes.join(' | ') };
  };

  it('MetaStock: <DTYYYYMMDD> is the date, <TICKER> the symbol, <VOL> the volume', async () => {
    const r = await closesOf('MS.csv', '<TICKER>,<PER>,<DTYYYYMMDD>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>', 'MS,D,20240102,000000,100,101,99,100,1000,0', 'MS,D,20240103,000000,101,102,100,101,1000,0');
    expect(r.m.symbols).toEqual(['MS']);
    expect(r.days).toEqual(['2024-01-02', '2024-01-03']);
    expect(r.close).toEqual([100, 101]);
    expect(Array.from(r.m.volume!)).toEqual([1000, 1000]);
  });

  it("Barchart: Time is the date, Last the close; its footer is skipped and settles month/day", async () => {
    const r = await closesOf('BC.csv', 'Time,Open,High,Low,Last,Change,%Chg,Volume', '01/11/2024,107,108,106,107,1.00,+1.0%,1000', '01/10/2024,106,107,105,106,1.00,+1.0%,1000', '"Downloaded from Barchart.com as of 01-12-2024 05:00pm CST"');
    expect(r.days).toEqual(['2024-01-10', '2024-01-11']);
    expect(r.close).toEqual([106, 107]);
    expect(r.notes).toMatch(/Time read as the date \(Barchart's layout/);
    expect(r.notes).toMatch(/Barchart's footer line .* skipped; its dates are month\/day\/year/);
    // Without the footer, dates that never show their order stay refused.
    const e = (await loadMarket(writeFile(tempDir(), 'BC.csv', csv('Time,Last', '01/11/2024,107')), { cacheDir: false }).catch((x: unknown) => x)) as Error;
    expect(e.message).toMatch(/BC\.csv:2: Time "01\/11\/2024" is ambiguous/);
  });

  it('Refinitiv Eikon: Exchange Date with 18-Jan-2024, newest first', async () => {
    const r = await closesOf('RF.csv', 'Exchange Date,Close,Net,%Chg,Open,Low,High,Volume', '18-Jan-2024,107,1,1%,107,106,108,1000', '02-Jan-2024,100,1,1%,100,99,101,1000');
    expect(r.days).toEqual(['2024-01-02', '2024-01-18']);
    expect(r.close).toEqual([100, 107]);
    const bad = (await loadMarket(writeFile(tempDir(), 'X.csv', csv('Exchange Date,Close', '31-Feb-2024,1')), { cacheDir: false }).catch((x: unknown) => x)) as Error;
    expect(bad.message).toMatch(/X\.csv:2: Exchange Date "31-Feb-2024" is not a calendar date \(February 2024 has 29 days\)/);
  });

  it('Bloomberg: PX_OPEN, PX_HIGH, PX_LOW, PX_LAST, PX_VOLUME', async () => {
    const r = await closesOf('BB.csv', 'Date,PX_OPEN,PX_HIGH,PX_LOW,PX_LAST,PX_VOLUME', '2024-01-02,100,101,99,100.5,1000');
    expect(r.close).toEqual([100.5]);
    expect(Array.from(r.m.open!)).toEqual([100]);
    expect(Array.from(r.m.high!)).toEqual([101]);
    expect(Array.from(r.m.volume!)).toEqual([1000]);
  });

  it('QuantConnect LEAN (no header) is refused saying so and what to add; with a header it reads as written', async () => {
    const rows = ['20240102 00:00,1000000,1010000,990000,1000000,1000', '20240103 00:00,1010000,1020000,1000000,1010000,1000'];
    const file = writeFile(tempDir(), 'lean.csv', csv(...rows));
    const e = (await loadMarket(file, { cacheDir: false }).catch((x: unknown) => x)) as Error;
    expect(e.message).toBe(`${file}:1: the file has no header: its first line "${rows[0]}" is a row of data (QuantConnect LEAN's daily files have none) — add a first line naming the columns, e.g. Date,Open,High,Low,Close,Volume for LEAN's order (LEAN writes equity prices ×10,000: divide them first)`);
    const r = await closesOf('lean.csv', 'Date,Open,High,Low,Close,Volume', ...rows);
    expect(r.days).toEqual(['2024-01-02', '2024-01-03']);
    expect(r.close).toEqual([1_000_000, 1_010_000]); // not rescaled: the user divides
  });

  it("Norgate: Unadjusted Close is the traded close, Close the adjusted one; its Open/High/Low are adjusted, so not traded", async () => {
    const s = await load(
      'NG.csv',
      'Date,Open,High,Low,Close,Volume,Turnover,Unadjusted Close,Dividend',
      '2024-01-02,50,51,49,50,2000,100000,100,0',
      '2024-01-03,50,51,49,50,2000,100000,100,0',
      '2024-01-04,51,52,50,51,1000,51000,51,0', // 2:1 on 01-04: traded 100 → 51, adjusted flat
    );
    expect(Array.from(s.close)).toEqual([100, 100, 51]);
    expect(s.priceKind).toBe(PriceKind.raw);
    expect(s.splits).toEqual([{ day: day('2024-01-04'), value: 2 }]);
    expect(s.open).toBeNull();
    expect(s.notes).toMatch(/Unadjusted Close is the traded close and Close the adjusted one \(Norgate's layout\)/);
    expect(s.notes).toMatch(/trades use the Close \(there is no raw Open\/High\/Low\)/);
    expect(s.notes).toMatch(/no opening prices: next-open fills use that session's close/);
  });
});
