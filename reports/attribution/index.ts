// Attribution of a run: factor regressions (daily and monthly), the return decomposition from the
// simulation's ledger, and per-symbol contributions.
import type { Result } from '../../engine/result.ts';
import { navReturns } from '../runMetrics.ts';
import { type SymbolContribution, symbolContributions } from './contributors.ts';
import { type ReturnDecomposition, returnDecomposition } from './decomposition.ts';
import { FACTOR_MODELS, type FactorColumns, type FactorModel, type FactorRegression, factorRegression, type PeriodReturns } from './factorRegression.ts';
import { monthlyReturns } from './monthly.ts';

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
  type PeriodReturns,
  QMJ_MONTHLY,
} from './factorRegression.ts';
export { type MonthlyReturns, monthlyReturns } from './monthly.ts';
export { ols, type OlsFit } from './ols.ts';

export interface RunAttribution {
  regressions: FactorRegression[];
  decomposition: ReturnDecomposition;
  contributions: SymbolContribution[];
}

export interface AttributionOptions {
  /** Factor tables (data/factors.ts), daily and/or monthly, decimals. */
  factors?: readonly FactorColumns[];
  /**
   * Models to fit. Default: each of FACTOR_MODELS whose columns the tables provide; a model named
   * here whose columns are missing is a UserError.
   */
  models?: readonly FactorModel[];
}

/** True when some table of the model's frequency has each of its columns and RF. */
function available(model: FactorModel, tables: readonly FactorColumns[]): boolean {
  const columns = [...model.factors.map((f) => f.column ?? f.name), 'RF'];
  return columns.every((c) => tables.some((t) => t.frequency === model.frequency && Object.hasOwn(t.columns, c)));
}

export function attributeRun(result: Result, options: AttributionOptions = {}): RunAttribution {
  return {
    regressions: factorRegressions(navReturns(result), result.dates[0], options),
    decomposition: returnDecomposition(result),
    contributions: symbolContributions(result),
  };
}

/**
 * Factor regressions of any dated daily return series (`startDay` = the session before the first
 * return): daily models on the returns, monthly models on their calendar-month compounding.
 */
export function factorRegressions(daily: PeriodReturns, startDay: number, options: AttributionOptions = {}): FactorRegression[] {
  const tables = options.factors ?? [];
  const models = options.models ?? FACTOR_MODELS.filter((m) => available(m, tables));
  let monthly: PeriodReturns | undefined;
  return models.map((model) => {
    if (model.frequency === 'daily') return factorRegression(daily, tables, model);
    monthly ??= monthlyReturns(daily.dates, daily.returns, startDay);
    return factorRegression(monthly, tables, model);
  });
}
