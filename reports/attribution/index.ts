// Attribution of a run: factor regressions (on daily and monthly factor tables), the return
// decomposition from the simulation's ledger, and per-symbol contributions.
import type { Result } from '../../engine/result.ts';
import { inferFrequency, type Series } from '../metrics/index.ts';
import { carriedSessions } from '../navObservations.ts';
import { navReturns } from '../runMetrics.ts';
import { type SymbolContribution, symbolContributions } from './contributors.ts';
import { type ReturnDecomposition, returnDecomposition } from './decomposition.ts';
import { FACTOR_MODELS, type FactorColumns, type FactorModel, type FactorRegression, factorRegression, missingFactorColumns, seriesIntervals } from './factorRegression.ts';
import { joinCarriedEnds } from './factorIntervals.ts';
import { type MonthlyReturns, monthlyReturns } from './monthly.ts';

export { type SymbolContribution, symbolContributions, topContributors } from './contributors.ts';
export { type DecompositionLine, type ReturnDecomposition, returnDecomposition } from './decomposition.ts';
export {
  FACTOR_MODELS,
  type FactorColumns,
  type FactorLoading,
  type FactorModel,
  type FactorRegression,
  type FactorSpec,
  FF5_MOM_DAILY,
  FF5_MOM_MONTHLY,
  factorRegression,
  missingFactorColumns,
  type PeriodReturns,
  QMJ_MONTHLY,
  seriesIntervals,
} from './factorRegression.ts';
export { type MonthlyReturns, monthlyReturns } from './monthly.ts';
export { ols, type OlsFit } from './ols.ts';

/** A run's attribution (attributeRun): factor regressions, the return decomposition from its ledger, and each symbol's contribution. */
export interface RunAttribution {
  regressions: FactorRegression[];
  decomposition: ReturnDecomposition;
  contributions: SymbolContribution[];
}

export interface AttributionOptions {
  /** Factor tables (data/factors.ts), daily and/or monthly, decimals. */
  factors?: readonly FactorColumns[];
  /**
   * Models to fit. Default: each of FACTOR_MODELS whose columns the tables provide (those that
   * cannot be fitted: missingFactorColumns, which the caller says); a model named here whose
   * columns are missing is a UserError.
   */
  models?: readonly FactorModel[];
  /** P of the series; inferred from its dates (engine/calendar/frequency.ts) when not given. */
  periodsPerYear?: number;
}

/**
 * Attributes a run: OLS regressions of its excess returns on the factor tables given (each of
 * FACTOR_MODELS they provide, or `options.models`), the decomposition of its return into book
 * P&L, income and costs from the ledger, and per-symbol contributions.
 * @throws UserError when a model named in `options.models` lacks columns in the tables.
 */
export function attributeRun(result: Result, options: AttributionOptions = {}): RunAttribution {
  const { dates, returns } = navReturns(result);
  const d = result.daily;
  return {
    regressions: factorRegressions(dates, returns, result.dates[0], options, carriedSessions(d.navCarried)),
    decomposition: returnDecomposition(result),
    contributions: symbolContributions(result),
  };
}

/**
 * Factor regressions of a dated return series (`dates`: epoch day ending each return, ascending;
 * `startDay`: the date of the value before the first, undefined when unknown). Daily models pair
 * each return with the daily factors compounded over its interval and annualise with the series'
 * P; monthly models do the same on its calendar-month compounding (whole months only, monthly.ts),
 * with P = min(12, the series' P). `carried`: level rows (0 = startDay's value) that observe
 * nothing (navObservations.ts carriedSessions): both pair across them (joinCarriedEnds), a daily
 * return or a month ending on one joined with the next.
 */
export function factorRegressions(dates: Series, returns: Series, startDay: number | undefined, options: AttributionOptions = {}, carried: readonly number[] = []): FactorRegression[] {
  const tables = options.factors ?? [];
  const models = options.models ?? FACTOR_MODELS.filter((m) => missingFactorColumns(m, tables).length === 0);
  const P = options.periodsPerYear ?? inferFrequency(startDay === undefined ? dates : Int32Array.of(startDay, ...Array.from(dates))).periodsPerYear;
  const carriedDays = new Set(carried.flatMap((k) => (k === 0 ? (startDay === undefined ? [] : [startDay]) : [dates[k - 1]])));
  let monthly: MonthlyReturns | undefined; // the same for every monthly model
  return models.map((model) => {
    if (model.frequency === 'daily') return factorRegression(joinCarriedEnds(seriesIntervals(dates, returns, startDay), carriedDays), tables, model, P);
    monthly ??= joinCarriedEnds(monthlyReturns(dates, returns, startDay, P), carriedDays);
    const reg = factorRegression(monthly, tables, model, Math.min(12, P));
    const k = monthly.dropped.length;
    if (k === 0) return reg;
    const partial = `${k} month${k === 1 ? '' : 's'} the series covers only in part left out`;
    return { ...reg, note: reg.note === undefined ? partial : `${reg.note}; ${partial}` };
  });
}
