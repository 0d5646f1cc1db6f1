// Factor regressions pair each return with the factors compounded over its own interval: by hand
// on a few rows, as a property on daily, weekly and monthly sampling of an exact linear model,
// and on real IWM month- and week-ends against an independent Python calculation.
import { existsSync, readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDay, parseIsoDay } from '../../../data/dates.ts';
import { loadFactorTable } from '../../../data/factors.ts';
import { pairFactorRows } from '../../../reports/attribution/factorIntervals.ts';
import { type FactorColumns, type FactorModel, factorRegression, factorRegressions, FF5_MOM_DAILY, FF5_MOM_MONTHLY, monthlyReturns, seriesIntervals } from '../../../reports/attribution/index.ts';
import { monthIndex } from '../../../reports/metrics/index.ts';
import { weekdays } from '../../engine/fixtures.ts';

const TWO: FactorModel = { name: 'two', frequency: 'daily', factors: [{ name: 'Mkt-RF', overRiskFree: true }, { name: 'SMB' }] };

describe('pairFactorRows by hand', () => {
  // Mon 2024-01-08 .. Fri 01-12; the series is valued Monday, Wednesday and Friday.
  const days = weekdays('2024-01-08', 5);
  const table: FactorColumns = {
    name: 'ff',
    frequency: 'daily',
    dates: days,
    columns: { 'Mkt-RF': Float64Array.of(0.5, 0.01, 0.02, -0.01, 0.03), SMB: Float64Array.of(0.5, 0.005, -0.002, 0.004, 0.001), RF: new Float64Array(5).fill(0.001) },
  };

  it('compounds two days into each two-day return: market over bills, spreads on their own', () => {
    const rows = pairFactorRows(seriesIntervals(Int32Array.of(days[2], days[4]), Float64Array.of(0.05, -0.01), days[0]), TWO, [table, table], table);
    // (Mon, Wed]: market 1.011 × 1.021 − 1.001² = 0.03023; SMB 1.005 × 0.998 − 1 = 0.00299; RF 1.001² − 1 = 0.002001.
    // (Wed, Fri]: market 0.991 × 1.031 − 1.002001 = 0.01972; SMB 1.004 × 1.001 − 1 = 0.005004.
    expect(rows.factors[0]).toEqual([expect.closeTo(0.03023, 14), expect.closeTo(0.01972, 14)]);
    expect(rows.factors[1]).toEqual([expect.closeTo(0.00299, 14), expect.closeTo(0.005004, 14)]);
    expect(rows.y).toEqual([expect.closeTo(0.05 - 0.002001, 14), expect.closeTo(-0.01 - 0.002001, 14)]);
    expect(rows.days.map(isoDay)).toEqual(['2024-01-10', '2024-01-12']);
    expect(rows.uncovered).toBe(0);
  });

  it('an interval reaching past the table, or with no factor day in it, is left out and counted', () => {
    const after = days[4] + 3; // the Monday after the table ends
    const rows = pairFactorRows(seriesIntervals(Int32Array.of(days[2], days[2] + 0.5, after), Float64Array.of(0.05, 0, 0.01), days[0]), TWO, [table, table], table);
    expect(rows.y).toHaveLength(1);
    expect(rows.uncovered).toBe(2);
  });
});

/** Daily factors (Mkt-RF, SMB from `values`; RF 1–3 bp) on `days`. */
function tableOf(days: Int32Array, values: readonly [number, number][]): FactorColumns {
  return {
    name: 'ff',
    frequency: 'daily',
    dates: days,
    columns: { 'Mkt-RF': Float64Array.from(values, (v) => v[0]), SMB: Float64Array.from(values, (v) => v[1]), RF: Float64Array.from(days, (_, i) => 0.0001 * (1 + (i % 3))) },
  };
}

/**
 * Returns over (days[from[i]], days[to[i]]] that are α + RF + 0.8·Mkt + 0.3·SMB, each factor
 * compounded over the same days (the definition, written out here independently).
 */
function exactSeries(t: FactorColumns, sample: readonly number[], alpha: number): Float64Array {
  const { RF, SMB } = t.columns;
  const mkt = t.columns['Mkt-RF'];
  return Float64Array.from(sample.slice(1), (end, i) => {
    let gm = 1;
    let gs = 1;
    let gr = 1;
    for (let k = sample[i] + 1; k <= end; k++) {
      gm *= 1 + mkt[k] + RF[k];
      gs *= 1 + SMB[k];
      gr *= 1 + RF[k];
    }
    return alpha + (gr - 1) + 0.8 * (gm - gr) + 0.3 * (gs - 1);
  });
}

describe('an exact linear combination of factors is recovered on any sampling (property)', () => {
  const days = weekdays('2021-01-04', 520);
  const factor = fc.double({ min: -0.03, max: 0.03, noNaN: true });
  const sampling = {
    daily: (k: number) => k % 1 === 0,
    weekly: (k: number) => k % 5 === 4,
    monthly: (k: number) => k === days.length - 1 || monthIndex(days[k + 1]) !== monthIndex(days[k]),
  };
  for (const [name, keep] of Object.entries(sampling)) {
    it(`${name} sampling, with random dates removed`, () => {
      fc.assert(
        fc.property(fc.array(fc.tuple(factor, factor), { minLength: days.length, maxLength: days.length }), fc.array(fc.nat(days.length - 1), { maxLength: 20 }), fc.double({ min: -0.001, max: 0.001, noNaN: true }), (values, removed, alpha) => {
          const t = tableOf(days, values);
          const gone = new Set(removed);
          const sample = [0, ...Array.from(days.keys()).filter((k) => k > 0 && keep(k) && !gone.has(k))];
          const dates = Int32Array.from(sample.slice(1), (k) => days[k]);
          const reg = factorRegression(seriesIntervals(dates, exactSeries(t, sample, alpha), days[0]), [t], TWO, 252);
          if (reg.alpha === null) return; // too few rows or collinear: nothing to recover
          expect(reg.loadings[0].loading).toBeCloseTo(0.8, 6);
          expect(reg.loadings[1].loading).toBeCloseTo(0.3, 6);
          expect(reg.alpha).toBeCloseTo(alpha, 8);
        }),
        { numRuns: 25 },
      );
    });
  }
});

describe('monthly models pair a return after a missing month with both months', () => {
  // Monthly tables Jan..Dec 2023; the series has month-end values but none for June.
  const monthEnds = Int32Array.from({ length: 12 }, (_, k) => epochDay(2023, k + 2, 0));
  const mkt = Float64Array.of(0.02, -0.01, 0.03, 0.015, -0.02, 0.01, 0.025, -0.03, 0.005, 0.04, -0.015, 0.02);
  const smb = Float64Array.of(0.004, 0.01, -0.006, 0.002, 0.008, -0.003, 0.001, 0.007, -0.005, 0.003, 0.006, -0.002);
  const rf = new Float64Array(12).fill(0.003);
  const table: FactorColumns = { name: 'ff_m', frequency: 'monthly', dates: monthEnds, columns: { 'Mkt-RF': mkt, SMB: smb, RF: rf } };
  const model: FactorModel = { ...TWO, frequency: 'monthly' };

  it('July covers June and July', () => {
    const kept = [0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11];
    const dates = Int32Array.from(kept.slice(1), (k) => monthEnds[k]);
    const monthly = monthlyReturns(dates, new Float64Array(dates.length).fill(0.01), monthEnds[0], 12);
    expect(monthly.dropped).toEqual([]);
    const rows = pairFactorRows(monthly, model, [table, table], table);
    const july = rows.days.findIndex((d) => isoDay(d) === '2023-07-31');
    // Market (1 + 0.01 + 0.003)(1 + 0.025 + 0.003) − 1.003² = 1.041364 − 1.006009; SMB 0.997 × 1.001 − 1 = 0.997997 − 1.
    expect(rows.factors[0][july]).toBeCloseTo(0.035355, 14);
    expect(rows.factors[1][july]).toBeCloseTo(-0.002003, 14);
    expect(rows.y[july]).toBeCloseTo(0.01 - 0.006009, 14);
  });
});

const IWM = '/work/shared/data/etf/adjclose/IWM.csv';
const FACTORS = '/work/shared/data/factors';
describe.skipIf(!existsSync(IWM) || !existsSync(`${FACTORS}/ff5_daily.csv`))('IWM on the real Ken French daily factors (hand: independent Python, /tmp/probe/pairing/fac.py)', () => {
  const rows = readFileSync(IWM, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','))
    .filter(([d]) => d >= '2010-01-01' && d <= '2020-12-31')
    .map(([d, p]) => ({ day: parseIsoDay(d), price: Number(p) }));
  const tables = [loadFactorTable(`${FACTORS}/ff5_daily.csv`), loadFactorTable(`${FACTORS}/mom_daily.csv`)];
  /** The last session of each bucket (`key` of the day). */
  const lastOf = (key: (day: number) => number) => rows.filter((r, k) => k === rows.length - 1 || key(rows[k + 1].day) !== key(r.day));
  /** Prices as returns between consecutive values, the first value their start. */
  const series = (prices: typeof rows) => ({ dates: Int32Array.from(prices.slice(1), (r) => r.day), returns: Float64Array.from(prices.slice(1), (r, k) => r.price / prices[k].price - 1), start: prices[0].day });
  const isoWeek = (day: number): number => Math.floor((day + 3) / 7); // epoch day 0 was a Thursday: weeks Monday..Sunday
  const cases = [
    { name: 'month ends', key: monthIndex, P: 12, n: 131, alpha: -0.000551, loadings: [1.00034, 0.827314, 0.091234, -0.113225, -0.059066, 0.043597], r2: 0.993543 },
    { name: 'week ends', key: isoWeek, P: 52, n: 573, alpha: -0.000168, loadings: [1.026877, 0.861258, 0.108827, -0.041237, -0.061611, 0.040716], r2: 0.99261 },
  ];
  for (const c of cases) {
    it(`${c.name}: each return on its interval's compounded daily factors, annualised with P = ${c.P}`, () => {
      const s = series(lastOf(c.key));
      const [reg] = factorRegressions(s.dates, s.returns, s.start, { factors: tables, models: [FF5_MOM_DAILY] });
      expect(reg.n).toBe(c.n);
      expect(reg.periodsPerYear).toBe(c.P);
      expect(reg.rSquared).toBeCloseTo(c.r2, 5);
      reg.loadings.forEach((l, j) => expect(l.loading).toBeCloseTo(c.loadings[j], 5));
      expect(reg.alpha).toBeCloseTo(c.alpha, 6);
      expect(reg.alphaAnnualized).toBeCloseTo(Math.pow(1 + (reg.alpha as number), c.P) - 1, 12);
    });
  }

  it('month ends without 2015-06 and 2018-03: the next return spans two months and meets two months of factors (hand: facm.py)', () => {
    const s = series(lastOf(monthIndex).filter((r) => !['2015-06', '2018-03'].includes(isoDay(r.day).slice(0, 7))));
    const monthlyTables = [loadFactorTable(`${FACTORS}/ff5_monthly.csv`), loadFactorTable(`${FACTORS}/mom_monthly.csv`)];
    const [reg] = factorRegressions(s.dates, s.returns, s.start, { factors: monthlyTables, models: [FF5_MOM_MONTHLY] });
    expect(reg.periodsPerYear).toBe(12);
    expect(reg.n).toBe(129);
    expect(reg.rSquared).toBeCloseTo(0.99413, 5);
    reg.loadings.forEach((l, j) => expect(l.loading).toBeCloseTo([1.001928, 0.829362, 0.107266, -0.094707, -0.090551, 0.05003][j], 5));
    expect(reg.alphaAnnualized).toBeCloseTo(-0.006842187636241781, 6);
    expect(reg.note).toBeUndefined();
  });
});
