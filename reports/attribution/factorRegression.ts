// Factor attribution: OLS of a series' excess returns (r − RF) on factor returns from daily or
// monthly tables (data/factors.ts: Ken French, AQR; decimals). Each return is paired with the
// factors compounded over its own interval (factorIntervals.ts): daily tables by day, monthly
// tables by calendar month (Ken French and AQR date a month differently, both somewhere in it).
// The intercept is annualised with the P of the regressed series, not the table's.
import { isoDay } from '../../data/dates.ts';
import { UserError } from '../../data/errors.ts';
import { factorColumn, type FactorTable } from '../../data/factors.ts';
import { type IntervalRows, pairFactorRows, type PeriodReturns } from './factorIntervals.ts';
import { ols, type OlsFit } from './ols.ts';

export { type PeriodReturns, seriesIntervals } from './factorIntervals.ts';

/** What a regression needs of a factor table (tables built in memory need no source info). */
export type FactorColumns = Pick<FactorTable, 'name' | 'frequency' | 'dates' | 'columns'>;

/** A regressor: its reported name and the column holding it (default: the name; any spelling of it, data/factors.ts factorMeaning). */
export interface FactorSpec {
  readonly name: string;
  readonly column?: string;
  /** The column is an excess return over RF (Mkt-RF): compounded as Π(1 + f + RF) − Π(1 + RF). */
  readonly overRiskFree?: boolean;
}

export interface FactorModel {
  readonly name: string;
  readonly frequency: 'daily' | 'monthly';
  readonly factors: readonly FactorSpec[];
}

const MARKET: FactorSpec = { name: 'Mkt-RF', overRiskFree: true };
const FF5_MOM: readonly FactorSpec[] = [MARKET, ...['SMB', 'HML', 'RMW', 'CMA', 'Mom'].map((name) => ({ name }))];

/** Fama-French 5 factors + momentum (ff5_*.csv and mom_*.csv). */
export const FF5_MOM_DAILY: FactorModel = { name: 'ff5_mom_daily', frequency: 'daily', factors: FF5_MOM };
export const FF5_MOM_MONTHLY: FactorModel = { name: 'ff5_mom_monthly', frequency: 'monthly', factors: FF5_MOM };
/**
 * AQR quality-minus-junk, US (the `USA` column of AQR's sheet), with the market beside it:
 * QMJ is short the market, so alone it would mistake a long book's beta for junk exposure.
 */
export const QMJ_MONTHLY: FactorModel = { name: 'aqr_qmj_monthly', frequency: 'monthly', factors: [MARKET, { name: 'QMJ', column: 'USA' }] };

export const FACTOR_MODELS: readonly FactorModel[] = [FF5_MOM_DAILY, FF5_MOM_MONTHLY, QMJ_MONTHLY];

export interface FactorLoading {
  factor: string;
  loading: number | null;
  stdError: number | null;
  tStat: number | null;
  /** The factor's mean return per period over the regression rows: loading × mean is what the exposure earned. */
  mean: number | null;
}

export interface FactorRegression {
  model: string;
  /** The factor tables' frequency. */
  frequency: 'daily' | 'monthly';
  /** P of the regressed returns (their intervals), which annualises the intercept. */
  periodsPerYear: number;
  /** Rows (intervals) in the regression. */
  n: number;
  /** ISO dates of the first and last row used. */
  from: string | null;
  to: string | null;
  /** Intercept per period, its error and t-statistic, and (1 + α)^P − 1. */
  alpha: number | null;
  alphaStdError: number | null;
  alphaT: number | null;
  alphaAnnualized: number | null;
  rSquared: number | null;
  adjRSquared: number | null;
  /**
   * Mean excess return per period over the regression rows. OLS with an intercept fits the means
   * exactly: meanExcess = alpha + Σ loading × factor mean.
   */
  meanExcess: number | null;
  loadings: FactorLoading[];
  /** Why figures are missing (insufficient data, collinear factors), and intervals the tables do not cover. */
  note?: string;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);
const meanOf = (x: readonly number[]): number | null => (x.length > 0 ? finite(x.reduce((s, v) => s + v, 0) / x.length) : null);

/** The columns a model reads: its factors' (FactorSpec.column, else the name), then RF. */
const modelColumns = (model: FactorModel): string[] => [...model.factors.map((f) => f.column ?? f.name), 'RF'];

/** The first table of the model's frequency with a column that reads as `column` (data/factors.ts factorColumn), if any. */
const tableHolding = (tables: readonly FactorColumns[], model: FactorModel, column: string): FactorColumns | undefined =>
  tables.find((t) => t.frequency === model.frequency && factorColumn(t, column) !== undefined);

/**
 * The columns of `model` (its factors', then RF, as FactorSpec names them) that no table of its
 * frequency holds, in any of their spellings (data/factors.ts factorMeaning): empty when the
 * model can be fitted from `tables`.
 */
export function missingFactorColumns(model: FactorModel, tables: readonly FactorColumns[]): string[] {
  return modelColumns(model).filter((column) => tableHolding(tables, model, column) === undefined);
}

/** The first table of the model's frequency holding `column`, or a UserError naming what exists. */
function tableWith(tables: readonly FactorColumns[], model: FactorModel, column: string): FactorColumns {
  const found = tableHolding(tables, model, column);
  if (found !== undefined) return found;
  const have = tables.filter((t) => t.frequency === model.frequency).map((t) => `${t.name}: ${Object.keys(t.columns).join(', ')}`).join('; ') || 'none';
  throw new UserError(`factor model ${model.name}: no ${model.frequency} factor table has a column "${column}" (${model.frequency} tables: ${have})`);
}

/** The model's rows: each return with its factors compounded over the same interval. */
function modelRows(returns: PeriodReturns, model: FactorModel, tables: readonly FactorColumns[]): IntervalRows {
  const sources = model.factors.map((f) => tableWith(tables, model, f.column ?? f.name));
  return pairFactorRows(returns, model, sources, tableWith(tables, model, 'RF'));
}

/** The OLS fit, or why there is none. One row more than coefficients, so the errors exist. */
function fitOrWhy(y: readonly number[], factors: readonly (readonly number[])[]): OlsFit | string {
  if (y.length <= factors.length + 1) return `insufficient data: ${y.length} rows for ${factors.length + 1} coefficients`;
  try {
    return ols(y, factors);
  } catch (err) {
    if (err instanceof RangeError) return err.message;
    throw err;
  }
}

/** One line for the intervals left out, or undefined when none were. */
const uncoveredNote = (k: number): string | undefined => (k > 0 ? `${k} interval${k === 1 ? '' : 's'} left out: a factor table does not cover the whole interval` : undefined);

/**
 * Regress excess returns r − RF on the model's factors, each over the return's own interval, and
 * annualise the intercept as (1 + α)^P − 1 with `periodsPerYear`, the P of those intervals.
 * Missing columns are a UserError.
 */
export function factorRegression(returns: PeriodReturns, tables: readonly FactorColumns[], model: FactorModel, periodsPerYear: number): FactorRegression {
  const P = periodsPerYear;
  const { y, factors, days, uncovered } = modelRows(returns, model, tables);
  const left = uncoveredNote(uncovered);
  const base = {
    model: model.name,
    frequency: model.frequency,
    periodsPerYear: P,
    n: y.length,
    from: days.length > 0 ? isoDay(days[0]) : null,
    to: days.length > 0 ? isoDay(days[days.length - 1]) : null,
    meanExcess: meanOf(y),
  };
  const fit = fitOrWhy(y, factors);
  if (typeof fit === 'string') {
    const loadings = model.factors.map((f, j) => ({ factor: f.name, loading: null, stdError: null, tStat: null, mean: meanOf(factors[j]) }));
    return { ...base, alpha: null, alphaStdError: null, alphaT: null, alphaAnnualized: null, rSquared: null, adjRSquared: null, loadings, note: left === undefined ? fit : `${fit}; ${left}` };
  }
  const alpha = fit.coefficients[0];
  return {
    ...base,
    alpha: finite(alpha),
    alphaStdError: finite(fit.stdErrors[0]),
    alphaT: finite(fit.tStats[0]),
    alphaAnnualized: finite(Math.pow(1 + alpha, P) - 1),
    rSquared: finite(fit.rSquared),
    adjRSquared: finite(fit.adjRSquared),
    loadings: model.factors.map((f, j) => ({
      factor: f.name,
      loading: finite(fit.coefficients[j + 1]),
      stdError: finite(fit.stdErrors[j + 1]),
      tStat: finite(fit.tStats[j + 1]),
      mean: meanOf(factors[j]),
    })),
    ...(left === undefined ? {} : { note: left }),
  };
}
