// Per-stock characteristics of the sample universe and everything derived from them: factor
// exposures, volatility, hazards, dividend policy and balance-sheet ratios. One place decides
// "what kind of company is stock i", so prices and fundamentals tell the same story.

import { Random } from '../random.ts';

export const SECTORS: readonly { readonly name: string; readonly industries: readonly string[]; readonly leverageShift: number }[] = [
  { name: 'Technology', industries: ['Software', 'Semiconductors', 'Computer Hardware'], leverageShift: -0.5 },
  { name: 'Healthcare', industries: ['Biotechnology', 'Medical Devices', 'Health Care Providers'], leverageShift: -0.3 },
  { name: 'Financial Services', industries: ['Banks', 'Insurance', 'Asset Management'], leverageShift: 0.3 },
  { name: 'Industrials', industries: ['Industrial Products', 'Aerospace & Defense', 'Transportation & Logistics'], leverageShift: 0.1 },
  { name: 'Consumer Cyclical', industries: ['Retail - Apparel & Specialty', 'Autos', 'Restaurants'], leverageShift: 0.1 },
  { name: 'Consumer Defensive', industries: ['Consumer Packaged Goods', 'Retail - Defensive', 'Beverages - Non-Alcoholic'], leverageShift: 0 },
  { name: 'Energy', industries: ['Oil & Gas - E&P', 'Oil & Gas - Services', 'Oil & Gas - Midstream'], leverageShift: 0.4 },
  { name: 'Basic Materials', industries: ['Chemicals', 'Metals & Mining', 'Forest Products'], leverageShift: 0.2 },
  { name: 'Utilities', industries: ['Utilities - Regulated', 'Independent Power Producers', 'Water Utilities'], leverageShift: 0.6 },
  { name: 'Real Estate', industries: ['REITs', 'Real Estate Services', 'Homebuilding & Construction'], leverageShift: 0.6 },
];

/** Median market cap at the start and the spread of log caps: ~$10M micro caps to ~$200B mega caps. */
const MEDIAN_CAP = 1.5e9;
const LOG_CAP_SD = 1.7;
/** Share of stocks that list after the first session (IPOs), and how much smaller they start. */
const IPO_SHARE = 0.15;
const IPO_LOG_CAP_DISCOUNT = 0.6;
const TRADING_DAYS_PER_YEAR = 252;

/** Column per trait, indexed by stock (0..N-1). */
export interface SampleTraits {
  readonly count: number;
  /** Standardised log market cap at listing (0 = median, +2 = large cap, -2 = micro cap). */
  readonly sizeZ: Float64Array;
  /** Quality z-score: profitability, margins, cash generation. Slightly higher for large caps. */
  readonly quality: Float64Array;
  /** Leverage z-score: debt load and refinancing need. Negatively correlated with quality. */
  readonly leverage: Float64Array;
  readonly sector: Int32Array;
  readonly industry: Int32Array;
  /** First session with prices (0 for stocks listed when the sample starts). */
  readonly listedFrom: Int32Array;
  readonly capAtListing: Float64Array;
  readonly priceAtListing: Float64Array;
  readonly sharesAtListing: Float64Array;
  // Daily return model.
  readonly beta: Float64Array;
  readonly smbLoading: Float64Array;
  readonly qmjLoading: Float64Array;
  readonly levLoading: Float64Array;
  readonly idioVol: Float64Array;
  readonly jumpChance: Float64Array;
  readonly turnover: Float64Array;
  // Exits, as daily hazards before drawdown and regime multipliers.
  readonly bankruptcyHazard: Float64Array;
  readonly acquisitionHazard: Float64Array;
  // Dividend policy: annual yield at each yearly reset, 0 for non-payers; first ex-date.
  readonly dividendYield: Float64Array;
  readonly dividendPhase: Int32Array;
  // Balance sheet and income statement ratios.
  readonly assetsToCap: Float64Array;
  readonly debtToAssets: Float64Array;
  readonly shortTermDebtShare: Float64Array;
  readonly otherLiabilitiesToAssets: Float64Array;
  readonly assetTurnover: Float64Array;
  readonly grossMargin: Float64Array;
  readonly operatingMargin: Float64Array;
  readonly capexToAssets: Float64Array;
  readonly cashToAssets: Float64Array;
  readonly creditSpread: Float64Array;
  readonly publishLagDays: Int32Array;
}

const logistic = (x: number): number => 1 / (1 + Math.exp(-x));
const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function drawTraits(count: number, sessions: number, seed: number): SampleTraits {
  const rng = new Random(seed, 'traits');
  const col = (): Float64Array => new Float64Array(count);
  const intCol = (): Int32Array => new Int32Array(count);
  const t = {
    count,
    sizeZ: col(), quality: col(), leverage: col(), sector: intCol(), industry: intCol(),
    listedFrom: intCol(), capAtListing: col(), priceAtListing: col(), sharesAtListing: col(),
    beta: col(), smbLoading: col(), qmjLoading: col(), levLoading: col(), idioVol: col(), jumpChance: col(), turnover: col(),
    bankruptcyHazard: col(), acquisitionHazard: col(), dividendYield: col(), dividendPhase: intCol(),
    assetsToCap: col(), debtToAssets: col(), shortTermDebtShare: col(), otherLiabilitiesToAssets: col(),
    assetTurnover: col(), grossMargin: col(), operatingMargin: col(), capexToAssets: col(), cashToAssets: col(),
    creditSpread: col(), publishLagDays: intCol(),
  };
  for (let i = 0; i < count; i++) {
    const sector = rng.int(SECTORS.length);
    const size = rng.normal();
    const quality = 0.3 * size + Math.sqrt(1 - 0.09) * rng.normal();
    const leverage = -0.45 * quality + SECTORS[sector].leverageShift + Math.sqrt(1 - 0.2025) * rng.normal();
    const isIpo = rng.chance(IPO_SHARE);
    const logCap = Math.log(MEDIAN_CAP) + LOG_CAP_SD * size - (isIpo ? IPO_LOG_CAP_DISCOUNT : 0);
    const price = clamp(Math.exp(Math.log(25) + 0.7 * rng.normal()), 2, 400);
    t.sector[i] = sector;
    t.industry[i] = rng.int(SECTORS[sector].industries.length);
    t.sizeZ[i] = size;
    t.quality[i] = quality;
    t.leverage[i] = leverage;
    t.listedFrom[i] = isIpo ? 20 + rng.int(Math.max(1, Math.floor(0.9 * sessions) - 20)) : 0;
    t.priceAtListing[i] = Math.round(price * 100) / 100;
    t.sharesAtListing[i] = Math.max(100_000, Math.round(Math.exp(logCap) / t.priceAtListing[i]));
    t.capAtListing[i] = t.sharesAtListing[i] * t.priceAtListing[i];

    // Small and levered names: higher beta and far more idiosyncratic risk and jumps.
    t.beta[i] = clamp(1 + 0.12 * -size + 0.12 * leverage + 0.15 * rng.normal(), 0.3, 2.2);
    t.smbLoading[i] = clamp(0.25 - 0.45 * size + 0.1 * rng.normal(), -0.5, 1.6);
    t.qmjLoading[i] = 0.55 * quality;
    t.levLoading[i] = 0.6 * leverage;
    t.idioVol[i] = clamp(0.28 * Math.exp(-0.28 * size + 0.15 * leverage + 0.15 * rng.normal()), 0.12, 1) / Math.sqrt(TRADING_DAYS_PER_YEAR);
    t.jumpChance[i] = clamp(0.0015 * Math.exp(-0.5 * size + 0.3 * leverage), 0.0002, 0.01);
    t.turnover[i] = 0.005 * Math.exp(0.35 * rng.normal());

    t.bankruptcyHazard[i] = (0.0015 * Math.exp(0.9 * leverage - 0.4 * quality)) / TRADING_DAYS_PER_YEAR;
    t.acquisitionHazard[i] = (0.008 * Math.exp(0.25 * quality - 0.25 * size)) / TRADING_DAYS_PER_YEAR;

    // Profitable, larger companies pay quarterly dividends.
    const pays = quality > 0 && size > -0.2;
    t.dividendYield[i] = pays ? clamp(0.012 + 0.02 * rng.uniform() + 0.005 * quality, 0.005, 0.05) : 0;
    t.dividendPhase[i] = t.listedFrom[i] + 5 + rng.int(58);

    t.assetsToCap[i] = Math.exp(-0.1 + 0.45 * leverage + 0.2 * rng.normal());
    t.debtToAssets[i] = 0.6 * logistic(-0.8 + 1.4 * leverage);
    t.shortTermDebtShare[i] = logistic(-1.6 + 0.9 * leverage + 0.2 * rng.normal());
    t.otherLiabilitiesToAssets[i] = 0.1 + 0.1 * rng.uniform();
    t.assetTurnover[i] = 0.75 * Math.exp(0.35 * rng.normal());
    t.grossMargin[i] = clamp(0.35 + 0.08 * quality + 0.08 * rng.normal(), 0.05, 0.85);
    t.operatingMargin[i] = 0.06 + 0.05 * quality - 0.02 * leverage + 0.02 * rng.normal();
    t.capexToAssets[i] = 0.045 * Math.exp(0.3 * rng.normal()) + 0.01 * Math.max(0, leverage);
    t.cashToAssets[i] = 0.03 + 0.12 * logistic(quality - leverage);
    t.creditSpread[i] = 0.01 + 0.05 * logistic(1.5 * leverage - 0.5 * quality - 1);
    // Large companies file sooner: 28 days for mega caps to ~44 for micro caps (plus jitter ≤ 12, +4 for Q4).
    t.publishLagDays[i] = 28 + Math.round(16 * logistic(-size));
  }
  return t;
}
