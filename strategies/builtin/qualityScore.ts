// The quality score of quality-long-short: balance-sheet and cash-flow ratios from point-in-time
// fundamentals, winsorized and z-scored across the candidate universe, averaged by theme.
//
// Ratio conventions (flows are trailing twelve months; SimFin signs: capex and interest expense
// are negative). A ratio whose denominator makes it meaningless is NaN; a zero denominator with
// a known-sign numerator is ±Infinity, which winsorizing then places at the matching tail:
//   ROA = netIncome / totalAssets              gross profitability = grossProfit / totalAssets
//   FCF margin = (operatingCashFlow + capex) / revenue
//   debt/equity = totalDebt / totalEquity  (equity ≤ 0 with debt: +Infinity, the most levered)
//   liabilities/assets = totalLiabilities / totalAssets
//   interest coverage = operatingIncome / |interestExpense|
//   short-term debt share = shortTermDebt / totalDebt  (no debt: 0, nothing falls due)
// Debt fields follow the data's one missing-value rule (data/fundamentals/statements.ts
// debtFields): a blank side beside a reported one is 0, so a filing with long-term debt alone has
// a short-term share of 0 and a debt/equity, never one without the other.

import type { FundamentalField } from '../../data/fundamentals.ts';
import type { MarketView } from '../../engine/decisions/view.ts';
import { zscoreWithin } from '../blocks/groups.ts';
import { filterMembers } from '../blocks/universe.ts';
import { winsorize } from '../blocks/winsorize.ts';
import { zscore } from '../blocks/zscore.ts';

export interface QualityRatios {
  readonly roa: Float64Array;
  readonly grossProfitability: Float64Array;
  readonly fcfMargin: Float64Array;
  readonly debtToEquity: Float64Array;
  readonly liabilitiesToAssets: Float64Array;
  readonly interestCoverage: Float64Array;
  readonly shortTermDebtShare: Float64Array;
}

/** Each ratio's name as a caveat says it. */
const RATIO_NAMES: Readonly<Record<keyof QualityRatios, string>> = {
  roa: 'ROA',
  grossProfitability: 'gross profitability',
  fcfMargin: 'FCF margin',
  debtToEquity: 'debt/equity',
  liabilitiesToAssets: 'liabilities/assets',
  interestCoverage: 'interest coverage',
  shortTermDebtShare: 'short-term debt share',
};

/** The ratios keyed by their names (RATIO_NAMES). */
export function ratiosByName(ratios: QualityRatios): Record<string, Float64Array> {
  return Object.fromEntries(Object.entries(ratios).map(([key, x]) => [RATIO_NAMES[key as keyof QualityRatios], x]));
}

/** Every ratio for every symbol, from the fundamentals published by the decision date. */
export function qualityRatios(view: MarketView): QualityRatios {
  const f = (field: FundamentalField): Float64Array => view.fundamental(field);
  const [assets, equity, debt, revenue] = [f('totalAssets'), f('totalEquity'), f('totalDebt'), f('revenue')];
  const shortTermDebt = f('shortTermDebt');
  const operatingCashFlow = f('operatingCashFlow');
  const capex = f('capex');
  const interest = f('interestExpense');
  const operatingIncome = f('operatingIncome');
  const perAsset = (numerator: Float64Array): Float64Array => each(view, (i) => (assets[i] > 0 ? numerator[i] / assets[i] : NaN));
  return {
    roa: perAsset(f('netIncome')),
    grossProfitability: perAsset(f('grossProfit')),
    fcfMargin: each(view, (i) => (revenue[i] >= 0 ? (operatingCashFlow[i] + capex[i]) / revenue[i] : NaN)),
    debtToEquity: each(view, (i) => {
      if (Number.isNaN(equity[i]) || !(debt[i] >= 0)) return NaN;
      if (debt[i] === 0) return 0;
      return equity[i] > 0 ? debt[i] / equity[i] : Infinity;
    }),
    liabilitiesToAssets: perAsset(f('totalLiabilities')),
    interestCoverage: each(view, (i) => operatingIncome[i] / Math.abs(interest[i])),
    shortTermDebtShare: each(view, (i) => (debt[i] === 0 ? 0 : debt[i] > 0 ? shortTermDebt[i] / debt[i] : NaN)),
  };
}

export interface QualityScores {
  /** Average of the five theme scores: profitability, FCF, low leverage, coverage, clean maturities. */
  readonly quality: Float64Array;
  /** Leverage theme (high = levered): mean z of debt/equity and liabilities/assets. */
  readonly leverage: Float64Array;
  /** FCF theme: z of FCF margin. */
  readonly fcf: Float64Array;
  /** The members scored: those with every ratio, in index order. */
  readonly scored: Int32Array;
}

/**
 * Scores over the members with every ratio present (a missing input excludes a name; it never
 * counts as zero). NaN elsewhere. With `groups` (sector labels) z-scores compare peers only.
 */
export function qualityScores(ratios: QualityRatios, members: ArrayLike<number>, tail: number, groups?: readonly string[]): QualityScores {
  const all = Object.values(ratios);
  const complete = filterMembers(members, (i) => all.every((r) => !Number.isNaN(r[i])));
  const standardized = (ratio: Float64Array): Float64Array => {
    const x = new Float64Array(ratio.length).fill(NaN);
    for (const i of complete) x[i] = ratio[i];
    winsorize(x, tail, x);
    return groups ? zscoreWithin(x, groups, x) : zscore(x, x);
  };
  const z = {
    roa: standardized(ratios.roa),
    gp: standardized(ratios.grossProfitability),
    fcf: standardized(ratios.fcfMargin),
    de: standardized(ratios.debtToEquity),
    la: standardized(ratios.liabilitiesToAssets),
    coverage: standardized(ratios.interestCoverage),
    shortTerm: standardized(ratios.shortTermDebtShare),
  };
  const n = ratios.roa.length;
  const leverage = new Float64Array(n).fill(NaN);
  const quality = new Float64Array(n).fill(NaN);
  for (const i of complete) {
    leverage[i] = (z.de[i] + z.la[i]) / 2;
    const profitability = (z.roa[i] + z.gp[i]) / 2;
    quality[i] = (profitability + z.fcf[i] - leverage[i] + z.coverage[i] - z.shortTerm[i]) / 5;
  }
  return { quality, leverage, fcf: z.fcf, scored: complete };
}

function each(view: MarketView, value: (i: number) => number): Float64Array {
  const out = new Float64Array(view.symbolCount);
  for (let i = 0; i < out.length; i++) out[i] = value(i);
  return out;
}
