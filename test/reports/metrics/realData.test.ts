// Properties of real ETF series that hold for reasons outside this code: prices, published
// market history. Skipped (with a note) where ../shared/data is not checked out.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { epochDay, parseIsoDay } from '../../../data/dates.ts';
import * as M from '../../../reports/metrics/index.ts';

const DATA = path.resolve(import.meta.dirname, '../../../..', 'shared/data');
const exists = existsSync(path.join(DATA, 'returns/IWM_returns.csv')) && existsSync(path.join(DATA, 'etf/adjclose/IWM.csv'));
if (!exists) console.warn(`metrics real-data tests skipped: ${DATA} not found`);

/** A numeric CSV with an ISO date in the first column: dates as epoch days plus one array per column. */
function readCsv(file: string): { dates: Int32Array; cols: Float64Array[] } {
  const lines = readFileSync(path.join(DATA, file), 'utf8').trim().split('\n').slice(1);
  const width = lines[0].split(',').length - 1;
  const dates = new Int32Array(lines.length);
  const cols = Array.from({ length: width }, () => new Float64Array(lines.length));
  lines.forEach((line, i) => {
    const cells = line.split(',');
    dates[i] = parseIsoDay(cells[0]);
    for (let c = 0; c < width; c++) cols[c][i] = cells[c + 1] === '' ? NaN : Number(cells[c + 1]);
  });
  return { dates, cols };
}

const val = (m: M.Metric): number => {
  if (m.value === null) throw new Error(`${m.name} is null: ${m.note}`);
  return m.value;
};

describe.skipIf(!exists)('IWM (shared/data)', () => {
  const ret = exists ? readCsv('returns/IWM_returns.csv') : { dates: new Int32Array(), cols: [new Float64Array()] };
  const px = exists ? readCsv('etf/adjclose/IWM.csv') : { dates: new Int32Array(), cols: [new Float64Array()] };
  const r = ret.cols[0];
  const price = px.cols[0];
  const last = price.length - 1;
  const priceOn = (day: number): number => price[px.dates.indexOf(day)];

  it('the returns are the price file after its first session', () => {
    expect(Array.from(ret.dates)).toEqual(Array.from(px.dates.subarray(1)));
  });

  it('total return and calendar CAGR equal the AdjClose ratio', () => {
    const ratio = price[last] / price[0];
    expect(Math.abs((1 + val(M.totalReturn(r))) / ratio - 1)).toBeLessThan(1e-9);
    const days = px.dates[last] - px.dates[0];
    const cagr = M.cagrCalendar(ret.dates, r, px.dates[0]);
    expect(cagr.n).toBe(r.length);
    expect(Math.abs(val(cagr) - (Math.pow(ratio, 365.25 / days) - 1))).toBeLessThan(1e-9);
  });

  it('monthly returns equal month-end price ratios', () => {
    const months = M.periodReturns(ret.dates, r, 'month');
    // 2020-03: from the 2020-02-28 close to the 2020-03-31 close
    const march = months.find((m) => m.period === '2020-03');
    expect(march).toBeDefined();
    expect(Math.abs((march?.value ?? NaN) - (priceOn(epochDay(2020, 3, 31)) / priceOn(epochDay(2020, 2, 28)) - 1))).toBeLessThan(1e-9);
    // every full month: the value at its last session over the previous month's last session
    for (let k = 1; k < months.length; k++) {
      const m = months[k];
      expect(Math.abs(m.value - (price[m.end] / price[m.start] - 1))).toBeLessThan(1e-9);
    }
  });

  it('YTD runs from the last 2025 close', () => {
    const ytd = M.trailingReturns(ret.dates, r, 252, px.dates[0]).find((m) => m.name === 'ytd');
    expect(Math.abs(val(ytd ?? { name: 'ytd', value: null, n: 0 }) - (price[last] / priceOn(epochDay(2025, 12, 31)) - 1))).toBeLessThan(1e-9);
  });

  it('the 2008–2009 drawdown matches the price path and the known ~50–60% fall', () => {
    const from = ret.dates.findIndex((d) => d >= epochDay(2008, 1, 1));
    const to = ret.dates.findIndex((d) => d > epochDay(2009, 12, 31));
    const mdd = val(M.maxDrawdown(r.subarray(from, to)));
    expect(mdd).toBeGreaterThan(-0.65);
    expect(mdd).toBeLessThan(-0.45);
    // prices: the session before `from` is the starting peak candidate
    let peak = -Infinity;
    let low = 0;
    for (let i = from; i <= to; i++) {
      peak = Math.max(peak, price[i]);
      low = Math.min(low, price[i] / peak - 1);
    }
    expect(Math.abs(mdd - low)).toBeLessThan(1e-9);
  });

  it('volatility of a small-cap index fund is in its historical range', () => {
    const vol = val(M.annualVolatility(r));
    expect(vol).toBeGreaterThan(0.15);
    expect(vol).toBeLessThan(0.35);
  });
});

describe.skipIf(!exists)('IWM vs SPY (shared/data)', () => {
  const pair = exists ? readCsv('returns/IWM_vs_SPY_aligned_returns.csv') : { dates: new Int32Array(), cols: [new Float64Array(), new Float64Array()] };
  const [iwm, spy] = pair.cols;

  it('small caps move more than, and mostly with, the S&P 500', () => {
    const beta = val(M.beta(iwm, spy));
    expect(beta).toBeGreaterThan(0.9);
    expect(beta).toBeLessThan(1.5);
    const [corr] = M.correlation(iwm, spy);
    expect(val(corr)).toBeGreaterThan(0.75);
    expect(val(corr)).toBeLessThan(0.98);
  });

  it('the aligned file is the inner join of the two return files', () => {
    const a = readCsv('returns/IWM_returns.csv');
    const s = readCsv('returns/SPY_returns.csv');
    const j = M.alignOnDates(a.dates, a.cols[0], s.dates, s.cols[0]);
    expect(Array.from(j.dates)).toEqual(Array.from(pair.dates));
    expect(Array.from(j.b)).toEqual(Array.from(spy));
  });

  it('T-bill rf lowers the Sharpe ratio (rates were never materially negative)', () => {
    const bill = readCsv('rates/DTB3_daily.csv');
    const rates = { name: 'DTB3', dates: bill.dates, values: bill.cols[0].map((v) => v / 100) };
    const rf = M.riskFreeFromRates(pair.dates, rates, 252);
    expect(Number.isNaN(rf[0])).toBe(false); // DTB3 starts 2000-01-03, before the first IWM return
    expect(val(M.sharpe(iwm, rf))).toBeLessThan(val(M.sharpe(iwm, 0)));
    // 2000–2026 three-month bills yielded between 0 and ~6.5% a year: a mean in (0, 6.5%/252)
    const set = M.computeMetrics({ returns: iwm, dates: pair.dates, benchmarkLevels: M.levelsOf(spy), riskFree: rf, riskFreeSource: 'FRED DTB3' });
    expect(set.riskFree.meanPerPeriod).toBeGreaterThan(0);
    expect(set.riskFree.meanPerPeriod).toBeLessThan(0.065 / 252);
  });
});
