// Close and AdjClose whose ratio steps away for one row and back: a bad print, refused at its
// line, never read as a dividend or a pair of opposite splits (../shared/cases impossible-bar's
// kind: bad bars are errors, not corporate actions).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadMarket } from '../../../data/load.ts';
import { PriceRowParser } from '../../../data/prices/files/priceRows.ts';
import { csv, tempDir, writeFile } from '../fixtures.ts';

const DATES = ['2024-01-02', '2024-01-03', '2024-01-04', '2024-01-05', '2024-01-08', '2024-01-09'];

function parse(file: string, lines: string[]): void {
  const parser = new PriceRowParser(file, { symbol: 'AAA' });
  parser.push(Buffer.from(csv(...lines)));
  parser.finish();
}
const rows = (closes: number[], adjCloses: number[]) => closes.map((c, k) => `${DATES[k]},${c},${adjCloses[k]}`);

describe('a Close/AdjClose ratio that steps away for one row and back', () => {
  it('a one-day AdjClose spike (a "33% dividend" if read as an event) is refused at its line', () => {
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', ...rows([100, 100, 100, 100, 100, 100], [100, 100, 150, 100, 100, 100])])).toThrow(
      'AAA.csv:4: Close 100 and Adj Close 150 on 2024-01-04: their ratio is ×1.5 that of the rows before and after (a bad print in one of them, not a dividend or split) — correct the price or remove the row',
    );
  });

  it('a one-day Close spike inside a consistent bar (two opposite splits if read as events) is refused', async () => {
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date,Open,High,Low,Close,Adj Close,Volume', ...['100,101,99,100', '100,101,99,100', '100,151,99,150', '100,101,99,100', '100,101,99,100'].map((bar, k) => `${DATES[k]},${bar},100,1000`)));
    await expect(loadMarket(dir, { cacheDir: false })).rejects.toThrow(/AAA\.csv:4: Close 150 and Adj Close 100 on 2024-01-04: their ratio is ×0\.6667 that of the rows before and after/);
  });

  it('in a long file the refusal names the ticker, like the bar checks ("for BAD"; probe r16c)', () => {
    // BAD's Close 70.4 on line 5 beside AdjClose 50.4: ratio (50.4 / 70.4) / (50.3 / 50.3) = 0.7159; GOOD's rows interleave.
    const lines = ['date,symbol,close,adj_close', '2024-01-08,BAD,50.3,50.3', '2024-01-08,GOOD,10,10', '2024-01-09,GOOD,10,10', '2024-01-09,BAD,70.4,50.4', '2024-01-10,BAD,50.2,50.2'];
    const parser = new PriceRowParser('prices.csv', {});
    expect(() => {
      parser.push(Buffer.from(csv(...lines)));
      parser.finish();
    }).toThrow(/^prices\.csv:5: close 70\.4 and adj_close 50\.4 on 2024-01-09 for BAD: their ratio is ×0\.7159 that of the rows before and after/);
  });

  it('newest-first rows and the general (semicolon) path name the same row', async () => {
    const lines = rows([100, 100, 100, 100, 100, 100], [100, 100, 150, 100, 100, 100]).reverse();
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', ...lines])).toThrow(/^AAA\.csv:5: .* on 2024-01-04/);
    const dir = tempDir();
    writeFile(dir, 'AAA.csv', csv('Date;Close;Adj Close', ...rows([100, 100, 100, 100, 100], [100, 100, 150, 100, 100]).map((l) => l.replaceAll(',', ';'))));
    await expect(loadMarket(dir, { cacheDir: false })).rejects.toThrow(/AAA\.csv:4: Close 100 and Adj Close 150 on 2024-01-04/);
  });

  it('in a long file, per ticker: interleaved rows of another ticker do not hide it', () => {
    const parser = new PriceRowParser('long.csv');
    const text = ['Ticker,Date,Close,AdjClose', ...DATES.slice(0, 4).flatMap((d, k) => [`BB,${d},50,50`, `AA,${d},100,${k === 1 ? 120 : 100}`])];
    expect(() => {
      parser.push(Buffer.from(csv(...text)));
      parser.finish();
    }).toThrow(/^long\.csv:5: Close 100 and AdjClose 120 on 2024-01-03/);
  });

  it('real events never trip it: dividends and splits of any kind, a session or more apart (property)', () => {
    const event = fc.constantFrom(1, 0.99, 0.97, 0.5, 2, 1 / 3);
    fc.assert(
      fc.property(fc.tuple(event, event, event), fc.double({ min: 1, max: 500, noNaN: true }), (events, start) => {
        const steps = events.flatMap((e) => [e, 1]);
        // The factor changes on an event day and stays: AdjClose = Close × f, f stepping by each event.
        const closes: number[] = [];
        const adj: number[] = [];
        let factor = 1;
        for (let k = 0; k < steps.length; k++) {
          factor /= steps[k];
          closes.push(start);
          adj.push(start * factor);
        }
        parse('AAA.csv', ['Date,Close,Adj Close', ...rows(closes, adj)]);
      }),
    );
  });

  it('a Close misprinted by under 1% for one row (123.79 → 122.60, inside its bar; AdjClose as printed) is refused, not a $1.19 dividend', () => {
    // Ratio 55.3689/123.72 = 0.447534 before and 56.0626/125.27 = 0.447534 after; 55.4002/122.6 = 0.451878 on the bad row: a 0.96% step and back.
    expect(() => parse('IJR.csv', ['Date,Close,Adj Close', '2016-08-31,123.72,55.3689', '2016-09-01,122.6,55.4002', '2016-09-02,125.27,56.0626', '2016-09-06,125.5,56.1655'])).toThrow(/^IJR\.csv:3: Close 122\.6 and Adj Close 55\.4002 on 2016-09-01: their ratio is ×1\.01 that of the rows before and after/);
  });

  it('a Close misprinted 0.5 % the day before a 2:1 split: refused at its line, not a 49.7 % dividend and no split', () => {
    // Factor 0.5 on 01-04, 50.0 / 99.5 = 0.5025 on 01-05 (the misprint), 1 from the split on 01-08: back to 0.5 once the 2:1 is taken out.
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-04,100.1,50.05', '2024-01-05,99.5,50.0', '2024-01-08,50.1,50.1', '2024-01-09,50.3,50.3'])).toThrow(/^AAA\.csv:3: Close 99\.5 and Adj Close 50 on 2024-01-05: their ratio is ×1\.005 that of the rows before and after/);
  });

  it('a Close 0.5 % low on two rows and back: refused at the first, not a 0.5 % dividend', () => {
    // Factor 0.98 on 01-09, 122.5196 / 124.39 = 0.98497 on 01-10 and 01-11, 0.98 again on 01-12.
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-09,124.6,122.108', '2024-01-10,124.39,122.5196', '2024-01-11,124.25,122.3726', '2024-01-12,125.33,122.8234'])).toThrow(/^AAA\.csv:3: Close 124\.39 and Adj Close 122\.5196 on 2024-01-10: their ratio is ×1\.005 that of the row before and the row 2 rows later/);
  });

  it('a Close stuck for two rows (100.23 where 100.91 and 101.53 traded): refused at the first, not two dividends', () => {
    // Factor 0.9812 (AdjClose printed to 4 decimals), 0.98786 and 0.99393 on the stale rows, 0.9812 again after.
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-04,100.23,98.3457', '2024-01-05,100.23,99.0129', '2024-01-08,100.23,99.6212', '2024-01-09,102.27,100.3473'])).toThrow(/^AAA\.csv:3: Close 100\.23 and Adj Close 99\.0129 on 2024-01-05: their ratio is ×1\.007 that of the row before and the row 2 rows later/);
  });

  it('a Close misprinted 0.6 % low on a $1 ex-date: the factor falls back the next row, which no event does — refused there, not a $1.61 dividend', () => {
    // Factor 0.99014 before (100.53 / 101.53), 101.07 / 100.46 = 1.00607 on the ex-date, 1 after (dividend $1 at ~101: ×1.0099 right, ×1.0161 printed).
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-08,101.53,100.53', '2024-01-09,100.46,101.07', '2024-01-10,100.71,100.71', '2024-01-11,101.33,101.33'])).toThrow(
      /^AAA\.csv:3: Close 100\.46 and Adj Close 101\.07 on 2024-01-09: their ratio is ×1\.016 that of the row before, and 1 row later it falls by ×0\.994, which no dividend or split does/,
    );
  });

  it('a fall no event makes is judged in date order: the same rows newest first are refused the same', () => {
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-11,101.33,101.33', '2024-01-10,100.71,100.71', '2024-01-09,100.46,101.07', '2024-01-08,101.53,100.53'])).toThrow(/^AAA\.csv:\d: /);
  });

  it('real events close together are not bad prints: a 5.263 % dividend then a 1:20 reverse split three rows later (1/19 overall), a 2.5 % dividend then 10:1 (41:4 overall)', () => {
    expect(() => parse('R.csv', ['Date,Close,Adj Close', '2024-01-11,1.97,37.43', '2024-01-12,1.98,37.62', '2024-01-15,1.98,37.62', '2024-01-16,1.99,39.8', '2024-01-17,1.99,39.8', '2024-01-18,1.99,39.8', '2024-01-19,39.87,39.87'])).not.toThrow();
    // f = 0.39 then 0.39 × 1.025 = 0.39975 from the dividend, then ×10 from the split: 3.9975.
    expect(() => parse('S.csv', ['Date,Close,Adj Close', '2024-01-11,100,39', '2024-01-12,100,39', '2024-01-15,97.5,38.975625', '2024-01-16,97.6,39.01560', '2024-01-17,9.76,39.01560', '2024-01-18,9.8,39.1755'])).not.toThrow();
  });

  it('a 1 % dividend then a 4:5 reverse split two rows later (×0.8000000000000002): not a fall no event makes', () => {
    expect(() => parse('T.csv', ['Date,Close,Adj Close', '2024-01-10,23.78,28.839195', '2024-01-11,23.68,28.71792', '2024-01-12,23.72,29.057', '2024-01-15,23.76,29.106', '2024-01-16,29.83,29.83', '2024-01-17,29.8,29.8'])).not.toThrow();
  });

  it('a Close misprinted 1 % on a 2:1 split\'s ex-date (×1.98, then ×1.0101: ×2 over two rows) is refused at the ex-date, not a 50 % dividend', () => {
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-19,3.037696,1.518848', '2024-01-22,3.030338,1.515169', '2024-01-23,1.539901,1.524654', '2024-01-24,1.529276,1.529276', '2024-01-25,1.521986,1.521986'])).toThrow(
      /^AAA\.csv:4: Close 1\.539901 and Adj Close 1\.524654 on 2024-01-23: their ratio is ×1\.98 that of the row before, a split's ×2 only with the step 1 row later/,
    );
  });

  it('a Close misprinted 1 % the day after a clean 2:1 split is refused at its own row, not at the split\'s', () => {
    expect(() => parse('AAA.csv', ['Date,Close,Adj Close', '2024-01-22,3.030338,1.515169', '2024-01-23,1.524654,1.524654', '2024-01-24,1.544569,1.529276', '2024-01-25,1.521986,1.521986', '2024-01-26,1.52263,1.52263'])).toThrow(/^AAA\.csv:4: Close 1\.544569 and Adj Close 1\.529276 on 2024-01-24: /);
  });

  it('prices printed to the cent under $1: AdjClose = Close × 0.95 rounded wobbles by up to 2 % and is not refused', () => {
    // 0.49 × 0.95 = 0.4655 → 0.47, between 0.51 → 0.48 and 0.50 → 0.475 → 0.47: ratios 0.9412, 0.9592, 0.94 are rounding alone.
    expect(() => parse('LOWP.csv', ['Date,Close,Adj Close', '2023-02-13,0.53,0.50', '2023-02-14,0.51,0.48', '2023-02-15,0.49,0.47', '2023-02-16,0.50,0.47', '2023-02-17,0.48,0.46'])).not.toThrow();
  });

  it('a penny stock\'s 4-decimal AdjClose wobbling by its last digit (0.25% of $0.04) is rounding, not a bad print', () => {
    // AdjClose = Close × 0.9951, printed to 4 decimals: 0.0398, 0.0399 (0.040 × 0.9951 = 0.039804 → 0.0398; the print 0.0399 is off by one unit), 0.0398.
    expect(() => parse('PNY.csv', ['Date,Close,Adj Close', '2024-01-02,0.04,0.0398', '2024-01-03,0.04,0.0399', '2024-01-04,0.04,0.0398', '2024-01-05,0.04,0.0398'])).not.toThrow();
  });

  it('a single step of 1% or more that the next row undoes is always refused at its row, on prices printed to the cent (property)', () => {
    // Closes of 100.25 printed to the cent round by at most 0.005 / 100.25 = 5e-5: a 1 % step is far beyond three times that.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.double({ min: 0.011, max: 3, noNaN: true }), fc.boolean(), (at, size, up) => {
        const adj = [100, 100, 100, 100, 100, 100];
        adj[at] = up ? 100 * (1 + size) : 100 / (1 + size);
        expect(() => parse('AAA.csv', ['Date,Close,Adj Close', ...rows([100.25, 100.25, 100.25, 100.25, 100.25, 100.25], adj)])).toThrow(new RegExp(`^AAA\\.csv:${at + 2}: `));
      }),
    );
  });
});
