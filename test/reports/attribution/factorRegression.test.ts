import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { epochDay, isoDay } from '../../../data/dates.ts';
import { loadFactorTable } from '../../../data/factors.ts';
import {
  attributeRun,
  type FactorColumns,
  factorRegression,
  FF5_MOM_DAILY,
  FF5_MOM_MONTHLY,
  missingFactorColumns,
  monthlyReturns,
  QMJ_MONTHLY,
  seriesIntervals,
} from '../../../reports/attribution/index.ts';
import { navReturns } from '../../../reports/runMetrics.ts';
import { weekdays } from '../../engine/fixtures.ts';
import { longShortRun } from '../store/fixtures.ts';

const FF5 = ['Mkt-RF', 'SMB', 'HML', 'RMW', 'CMA'];
const BETAS = [1.1, 0.3, -0.2, 0.15, -0.1, 0.05]; // FF5 then Mom
const factorValue = (j: number, i: number): number => Math.sin(i * (0.7 + j * 0.37) + j) / 100;

/** Daily FF5 (with RF) and momentum tables over `dates`, as data/factors.ts would load them. */
function dailyTables(dates: Int32Array): FactorColumns[] {
  const col = (j: number): Float64Array => Float64Array.from(dates, (_, i) => factorValue(j, i));
  const ff5: FactorColumns = {
    name: 'ff5_daily',
    frequency: 'daily',
    dates,
    columns: { ...Object.fromEntries(FF5.map((f, j) => [f, col(j)])), RF: Float64Array.from(dates, (_, i) => 0.0001 + 0.00001 * (i % 3)) },
  };
  return [ff5, { name: 'mom_daily', frequency: 'daily', dates, columns: { Mom: col(5) } }];
}

/** r = α + RF + Σ β·f on each date, exactly. */
function exactReturns(tables: FactorColumns[], alpha: number): Float64Array {
  const [ff5, mom] = tables;
  return Float64Array.from(ff5.dates, (_, i) => alpha + ff5.columns.RF[i] + FF5.reduce((s, f, j) => s + BETAS[j] * ff5.columns[f][i], 0) + BETAS[5] * mom.columns.Mom[i]);
}

describe('factorRegression (daily FF5 + momentum)', () => {
  // Factor rows on 121 weekdays; the series starts on the first (its value before the first return).
  const all = weekdays('2024-01-01', 121);
  const tables = dailyTables(all);
  const dates = all.subarray(1);
  const returns = exactReturns(tables, 0.0002).subarray(1);
  const daily = (d: Int32Array, r: Float64Array) => seriesIntervals(d, r, all[0]);

  it('recovers alpha and loadings of an exact linear model on excess returns', () => {
    const reg = factorRegression(daily(dates, returns), tables, FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(120);
    expect(reg.periodsPerYear).toBe(252);
    expect(reg.alpha).toBeCloseTo(0.0002, 14);
    expect(reg.alphaAnnualized).toBeCloseTo(Math.pow(1.0002, 252) - 1, 11);
    expect(reg.rSquared).toBeCloseTo(1, 12);
    expect(reg.loadings.map((l) => l.factor)).toEqual([...FF5, 'Mom']);
    reg.loadings.forEach((l, j) => expect(l.loading).toBeCloseTo(BETAS[j], 11));
    expect(reg.from).toBe('2024-01-02');
    expect(reg.to).toBe(isoDay(dates[119]));
    expect(reg.note).toBeUndefined();
  });

  it('records the means that split the mean excess return: meanExcess = alpha + Σ loading × factor mean', () => {
    // Noise that is not a linear function of the factors, so the fit is not exact.
    const noisy = Float64Array.from(returns, (r, i) => r + 0.003 * Math.sin(i * 1.7) * Math.cos(i * 0.3));
    const reg = factorRegression(daily(dates, noisy), tables, FF5_MOM_DAILY, 252);
    expect(reg.rSquared).toBeLessThan(0.999);
    const rf = tables[0].columns.RF.subarray(1);
    const excess = Array.from(noisy, (r, i) => r - rf[i]);
    expect(reg.meanExcess).toBeCloseTo(excess.reduce((s, v) => s + v, 0) / excess.length, 15);
    const mkt = tables[0].columns['Mkt-RF'].subarray(1);
    expect(reg.loadings[0].mean).toBeCloseTo(Array.from(mkt).reduce((s, v) => s + v, 0) / mkt.length, 15);
    const explained = (reg.alpha as number) + reg.loadings.reduce((s, l) => s + (l.loading as number) * (l.mean as number), 0);
    expect(explained).toBeCloseTo(reg.meanExcess as number, 14);
  });

  it('an interval a table lacks a day of, or with a NaN factor, drops out and is counted', () => {
    const [ff5, mom] = tables;
    const keep = Array.from(all.keys()).filter((i) => i % 10 !== 3); // momentum misses 12 days
    const sparse: FactorColumns = { ...mom, dates: Int32Array.from(keep, (i) => all[i]), columns: { Mom: Float64Array.from(keep, (i) => mom.columns.Mom[i]) } };
    const hml = ff5.columns.HML.slice();
    hml[5] = NaN;
    const gappy: FactorColumns = { ...ff5, columns: { ...ff5.columns, HML: hml } };
    const reg = factorRegression(daily(dates, returns), [gappy, sparse], FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(120 - 12 - 1);
    expect(reg.note).toBe('13 intervals left out: a factor table does not cover the whole interval');
    reg.loadings.forEach((l, j) => expect(l.loading).toBeCloseTo(BETAS[j], 11));
  });

  it('without a start date the first return\'s interval is unknown and left out', () => {
    const reg = factorRegression(seriesIntervals(dates, returns), tables, FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(119);
    expect(reg.from).toBe(isoDay(dates[1]));
  });

  it('too few rows: every figure null, with the reason', () => {
    const reg = factorRegression(daily(dates.subarray(0, 7), returns.subarray(0, 7)), tables, FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(7);
    expect(reg.alpha).toBeNull();
    expect(reg.loadings.every((l) => l.loading === null)).toBe(true);
    expect(reg.note).toBe('insufficient data: 7 rows for 7 coefficients');
  });

  // Probe K1: headers written lower-case (mkt-rf, smb, …, rf) or with Carhart's UMD for Mom fitted no model, without a word.
  it('reads the factor columns in any case and by their usual names: lower-case FF5 with UMD recovers the same betas 1.1, 0.3, −0.2, 0.15, −0.1, 0.05', () => {
    const [ff5, mom] = tables;
    const renamed: FactorColumns[] = [
      { ...ff5, columns: Object.fromEntries(Object.entries(ff5.columns).map(([name, values]) => [name.toLowerCase(), values])) },
      { ...mom, columns: { UMD: mom.columns.Mom } },
    ];
    expect(Object.keys(renamed[0].columns)).toEqual(['mkt-rf', 'smb', 'hml', 'rmw', 'cma', 'rf']);
    expect(missingFactorColumns(FF5_MOM_DAILY, renamed)).toEqual([]);
    const reg = factorRegression(daily(dates, returns), renamed, FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(120);
    expect(reg.alpha).toBeCloseTo(0.0002, 14);
    expect(reg.loadings.map((l) => l.factor)).toEqual([...FF5, 'Mom']);
    reg.loadings.forEach((l, j) => expect(l.loading).toBeCloseTo(BETAS[j], 11));
  });

  it('missingFactorColumns names what no table of the model\'s frequency holds, RF included', () => {
    const [ff5, mom] = tables;
    expect(missingFactorColumns(FF5_MOM_DAILY, [ff5])).toEqual(['Mom']);
    const { RF: _rf, ...noRf } = ff5.columns;
    expect(missingFactorColumns(FF5_MOM_DAILY, [{ ...ff5, columns: noRf }, mom])).toEqual(['RF']);
    // Daily tables hold nothing of a monthly model.
    expect(missingFactorColumns(QMJ_MONTHLY, tables)).toEqual(['Mkt-RF', 'USA', 'RF']);
  });

  it('a missing factor column is a UserError naming the tables and their columns', () => {
    expect(() => factorRegression(daily(dates, returns), [tables[0]], FF5_MOM_DAILY, 252)).toThrow(
      /factor model ff5_mom_daily: no daily factor table has a column "Mom" \(daily tables: ff5_daily: Mkt-RF, SMB, HML, RMW, CMA, RF\)/,
    );
  });
});

describe('monthly returns and monthly regressions', () => {
  it('compounds daily returns within calendar months and drops partial first and last months', () => {
    // NAV_0 on Mon 2024-01-15, returns from 01-16 to Wed 2024-04-10: January and April are partial.
    const all = weekdays('2024-01-15', 62);
    const dates = all.subarray(1);
    const r = Float64Array.from(dates, (_, i) => 0.001 * ((i % 5) - 2));
    const m = monthlyReturns(dates, r, all[0], 252);
    expect(m.dropped).toEqual(['2024-01', '2024-04']);
    expect(Array.from(m.dates, isoDay)).toEqual(['2024-02-29', '2024-03-29']);
    let feb = 1;
    dates.forEach((d, i) => {
      if (isoDay(d).startsWith('2024-02')) feb *= 1 + r[i];
    });
    expect(m.returns[0]).toBeCloseTo(feb - 1, 15);
  });

  it('keeps the first month when NAV_0 closed in the month before', () => {
    const all = weekdays('2024-01-31', 22); // Wed 01-31 .. Thu 02-29, the last weekday of February
    const m = monthlyReturns(all.subarray(1), new Float64Array(21).fill(0.001), all[0], 252);
    expect(m.dropped).toEqual([]);
    expect(m.returns[0]).toBeCloseTo(Math.pow(1.001, 21) - 1, 14);
  });

  it('joins monthly tables by calendar month whatever day they are dated on (QMJ from AQR\'s USA column)', () => {
    const months = 40;
    const monthEnd = Int32Array.from({ length: months }, (_, k) => epochDay(2010, k + 2, 0));
    const monthStart = Int32Array.from({ length: months }, (_, k) => epochDay(2010, k + 1, 1));
    const mkt = Float64Array.from(monthEnd, (_, k) => factorValue(0, k) * 4);
    const qmj = Float64Array.from(monthEnd, (_, k) => factorValue(6, k) * 2);
    const rf = new Float64Array(months).fill(0.002);
    const ff: FactorColumns = { name: 'ff5_monthly', frequency: 'monthly', dates: monthEnd, columns: { 'Mkt-RF': mkt, RF: rf } };
    const aqr: FactorColumns = { name: 'aqr_qmj_monthly', frequency: 'monthly', dates: monthStart, columns: { USA: qmj, Global: qmj } };
    // The run's months are dated by their last session, e.g. 2010-01-29; the first return is February's.
    const sessionDates = Int32Array.from(monthEnd, (d) => d - 2);
    const returns = Float64Array.from(mkt, (x, k) => 0.001 + rf[k] + 0.9 * x + 0.4 * qmj[k]);
    const reg = factorRegression(seriesIntervals(sessionDates.subarray(1), returns.subarray(1), sessionDates[0]), [ff, aqr], QMJ_MONTHLY, 12);
    expect(reg.n).toBe(months - 1);
    expect(reg.periodsPerYear).toBe(12);
    expect(reg.loadings.map((l) => [l.factor, l.loading])).toEqual([
      ['Mkt-RF', expect.closeTo(0.9, 11)],
      ['QMJ', expect.closeTo(0.4, 11)],
    ]);
    expect(reg.alphaAnnualized).toBeCloseTo(Math.pow(1.001, 12) - 1, 11);
  });
});

describe('attributeRun', () => {
  const result = longShortRun();
  const { dates } = navReturns(result);

  it('fits the models whose columns the tables provide, and always decomposes', () => {
    const att = attributeRun(result, { factors: dailyTables(result.dates) });
    expect(att.regressions.map((r) => r.model)).toEqual(['ff5_mom_daily']);
    expect(att.regressions[0].n).toBe(dates.length);
    expect(Math.abs(att.decomposition.residual)).toBeLessThan(1e-6);
    expect(att.contributions.length).toBe(3);
    expect(attributeRun(result).regressions).toEqual([]);
  });

  it('monthly models see whole months only: this 6-week run has none, and says so', () => {
    const months = Int32Array.from({ length: 3 }, (_, k) => epochDay(2023, 12 + k + 1, 0));
    const monthly: FactorColumns = { name: 'ff_m', frequency: 'monthly', dates: months, columns: { ...Object.fromEntries([...FF5, 'Mom', 'RF'].map((f) => [f, new Float64Array(3).fill(0.01)])) } };
    const [reg] = attributeRun(result, { factors: [monthly], models: [FF5_MOM_MONTHLY] }).regressions;
    expect(reg).toMatchObject({ model: 'ff5_mom_monthly', n: 0, alpha: null, note: expect.stringMatching(/^insufficient data: 0 rows for 7 coefficients; \d months? the series covers only in part left out$/) });
  });

  it('a model asked for by name without its columns is a UserError', () => {
    expect(() => attributeRun(result, { factors: dailyTables(result.dates), models: [FF5_MOM_MONTHLY] })).toThrow(/no monthly factor table/);
  });
});

const FACTORS = '/work/shared/data/factors';
describe.skipIf(!existsSync(`${FACTORS}/ff5_daily.csv`))('on the real Ken French files', () => {
  it('a portfolio of Mkt-RF + RF + ½ Mom loads 1 on the market and ½ on momentum', () => {
    const ff5 = loadFactorTable(`${FACTORS}/ff5_daily.csv`);
    const mom = loadFactorTable(`${FACTORS}/mom_daily.csv`);
    const from = epochDay(2019, 1, 1);
    const to = epochDay(2020, 12, 31);
    const rows = Array.from(ff5.dates.keys()).filter((i) => ff5.dates[i] >= from && ff5.dates[i] <= to);
    const dates = Int32Array.from(rows, (i) => ff5.dates[i]);
    const momRow = new Map(Array.from(mom.dates, (d, i) => [d, i]));
    const returns = Float64Array.from(rows, (i) => ff5.columns['Mkt-RF'][i] + ff5.columns.RF[i] + 0.5 * mom.columns.Mom[momRow.get(ff5.dates[i]) ?? -1]);
    const reg = factorRegression(seriesIntervals(dates, returns, ff5.dates[rows[0] - 1]), [ff5, mom], FF5_MOM_DAILY, 252);
    expect(reg.n).toBe(505);
    expect(reg.loadings.map((l) => l.loading)).toEqual([1, 0, 0, 0, 0, 0.5].map((b) => expect.closeTo(b, 10)));
    expect(reg.alpha).toBeCloseTo(0, 12);
  });
});
