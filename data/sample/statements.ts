// Quarterly filings of the sample universe. Book values follow each company's own fortunes
// (assets grow with half its stock's return, debt is stickier), so a collapsing levered name
// files ever-worse debt/equity, coverage and free cash flow before it defaults.

import type { SampleQuarter } from './calendar.ts';
import type { PriceSimulation } from './prices.ts';
import type { SampleTraits } from './traits.ts';
import type { FundamentalField } from '../fundamentals.ts';
import type { Statement } from '../fundamentals/statements.ts';
import { Random } from '../random.ts';

const ASSET_GROWTH_PER_QUARTER = 0.005;
/** How much of a stock's log return reaches its assets, and how much of asset growth reaches debt. */
const ASSETS_FOLLOW_PRICE = 0.5;
const DEBT_FOLLOWS_ASSETS = 0.5;
const MAX_DEBT_TO_ASSETS = 1.3;
const TAX_RATE = 0.21;
const DEPRECIATION_TO_CAPEX = 0.7;
const MAX_PUBLISH_JITTER_DAYS = 12;
const FOURTH_QUARTER_EXTRA_DAYS = 4; // annual reports take a little longer

/** Whole dollars; `+ 0` turns Math.round's -0 into 0 so files and columns agree. */
const whole = (x: number): number => Math.round(x) + 0;

export interface StatementInputs {
  readonly traits: SampleTraits;
  readonly prices: PriceSimulation;
  readonly quarters: readonly SampleQuarter[];
  readonly dates: Int32Array;
  /** T-bill, annual decimal, per session. */
  readonly tbill: Float64Array;
  readonly seed: number;
}

export function sampleStatements(inputs: StatementInputs): Statement[] {
  const { traits, prices, quarters, dates, tbill } = inputs;
  const rng = new Random(inputs.seed, 'statements');
  const n = traits.count;
  const statements: Statement[] = [];
  for (let i = 0; i < n; i++) {
    let assets = NaN;
    let debt = NaN;
    let previousIndex = NaN;
    // A delisted company files nothing published after its last trading day.
    const lastDay = prices.delistedAfter[i] >= 0 ? dates[prices.delistedAfter[i]] : Infinity;
    for (let q = 0; q < quarters.length; q++) {
      const k = q * n + i;
      const returnIndex = prices.quarterLogReturnIndex[k];
      if (Number.isNaN(returnIndex)) continue;
      if (Number.isNaN(assets)) {
        assets = prices.quarterCap[k] * traits.assetsToCap[i];
        debt = assets * traits.debtToAssets[i];
      } else {
        const logReturn = Math.max(-2, Math.min(2, returnIndex - previousIndex));
        const growth = Math.exp(ASSETS_FOLLOW_PRICE * logReturn + ASSET_GROWTH_PER_QUARTER + 0.02 * rng.normal());
        assets *= growth;
        debt = Math.min(debt * growth ** DEBT_FOLLOWS_ASSETS, MAX_DEBT_TO_ASSETS * assets);
      }
      previousIndex = returnIndex;
      const quarter = quarters[q];
      const lag =
        traits.publishLagDays[i] + rng.int(MAX_PUBLISH_JITTER_DAYS + 1) + (quarter.fiscalPeriod === 'Q4' ? FOURTH_QUARTER_EXTRA_DAYS : 0);
      const published = quarter.periodEnd + lag;
      const values = quarterValues(traits, i, assets, debt, prices.quarterShares[k], tbill[quarter.session], rng);
      if (published > lastDay) continue;
      statements.push({
        symbol: i,
        fiscalYear: quarter.fiscalYear,
        fiscalPeriod: quarter.fiscalPeriod,
        periodEnd: quarter.periodEnd,
        published,
        values,
      });
    }
  }
  return statements;
}

/** One quarter's flows and period-end balances, in whole dollars with SimFin's signs. */
function quarterValues(
  traits: SampleTraits,
  i: number,
  assets: number,
  debt: number,
  shares: number,
  tbill: number,
  rng: Random,
): Partial<Record<FundamentalField, number>> {
  const revenue = ((assets * traits.assetTurnover[i]) / 4) * Math.exp(0.05 * rng.normal());
  const grossMargin = Math.min(0.95, Math.max(0.02, traits.grossMargin[i] + 0.02 * rng.normal()));
  const operatingIncome = revenue * (traits.operatingMargin[i] + 0.02 * rng.normal());
  const interestExpense = -(debt * (tbill + traits.creditSpread[i])) / 4;
  const pretax = operatingIncome + interestExpense;
  const netIncome = pretax > 0 ? pretax * (1 - TAX_RATE) : pretax;
  const capex = -((assets * traits.capexToAssets[i]) / 4) * Math.exp(0.2 * rng.normal());
  const depreciation = -capex * DEPRECIATION_TO_CAPEX;
  const operatingCashFlow = netIncome + depreciation + 0.01 * assets * rng.normal();
  const totalDebt = whole(debt);
  const shortTermDebt = whole(debt * traits.shortTermDebtShare[i]);
  const totalAssets = whole(assets);
  const totalLiabilities = totalDebt + whole(assets * traits.otherLiabilitiesToAssets[i]);
  return {
    revenue: whole(revenue),
    grossProfit: whole(revenue * grossMargin),
    operatingIncome: whole(operatingIncome),
    netIncome: whole(netIncome),
    interestExpense: whole(interestExpense),
    operatingCashFlow: whole(operatingCashFlow),
    capex: whole(capex),
    totalAssets,
    totalLiabilities,
    totalEquity: totalAssets - totalLiabilities,
    shortTermDebt,
    longTermDebt: totalDebt - shortTermDebt,
    cash: whole(assets * traits.cashToAssets[i] * Math.exp(0.1 * rng.normal())),
    sharesOutstanding: shares,
  };
}
