/**
 * The built-in SYNTHETIC sample universe: what `breadth` runs on when a user gives no data.
 * Every number is generated; nothing here is market history. Same seed and options → the same
 * bytes, on any machine (seeded xoshiro128** in `random.ts`; no Math.random, no clock).
 *
 * ## Model
 * - Calendar: Mon–Fri minus Jan 1, Jul 4 and Dec 25; default 2005-01-03 + 20 years ≈ 5,200 sessions.
 * - Stocks (default 600, symbols `SYN0001`…): per-stock traits (`sample/traits.ts`) — size z
 *   (log-normal market cap, median $1.5B, log-sd 1.7: ~$10M micro caps to ~$200B mega caps),
 *   quality z (+0.3 correlated with size), leverage z (−0.45 correlated with quality, shifted by
 *   sector: utilities and real estate carry more debt, technology less), 10 sectors × 3 industries.
 *   15% list later (IPOs, a little smaller).
 * - Daily total return (`sample/prices.ts`):
 *   r_i,t = α_i + β_i·MKT_t + s_i·SMB_t + q_i·QMJ_t + l_i·LEV_t + ε_i,t, with α_i = 0,
 *   β ≈ 1 + 0.12·(−size) + 0.12·leverage, s ≈ 0.25 − 0.45·size, q = 0.55·quality, l = 0.6·leverage,
 *   ε = sector shock (10%/yr) + idiosyncratic normal (≈28%/yr, far more for micro caps and levered
 *   names) + rare jumps (σ 12%).
 * - Factors (`sample/factors.ts`), annual mean/vol in normal times: MKT 10%/16%, SMB 1.5%/9%,
 *   QMJ +3%/6%, LEV (levered minus unlevered) −3%/8%. Regimes at fractions of the sample: a bear
 *   market (16–21.5%: MKT −45%/yr, QMJ +15%, LEV −25%, triple default risk), a junk-led recovery,
 *   a six-week crash (75.5–76.2%) and a small-cap breakout over the last 4.5% (SMB +25%/yr).
 * - Raw OHLCV: quotes in cents (1/100 cent below $1); open carries 35% of the day's move; high/low
 *   widen the open–close range; volume ≈ shares × turnover (~0.5%/day) × activity, so it scales
 *   with size; names under $50M (under $200M) do not trade on 15% (3%) of sessions: volume 0,
 *   OHLC = the last quote.
 * - Corporate actions (ex-date events, priceKind raw): 2:1 or (30%) 3:1 splits above $150,
 *   1:10 reverse splits below $1 (mostly distressed levered names); quarterly cash dividends for
 *   profitable larger names (yield ~1–4%, reset yearly, suspended after a 50% drawdown). On an
 *   ex-date close = (previous close·(1 + r) − dividend) / split ratio, so total return =
 *   price return + dividend yield = r (up to the rounding of quotes).
 * - Delistings: bankruptcy hazard 0.15%/yr·exp(0.9·leverage − 0.4·quality), times the regime's
 *   stress and (peak / value / 5)^1.5 once a stock is down more than 80% from its peak; a default
 *   brings 20–80 sessions of −0.8%/day distress, then delisting with `delistReturn` in [−1, −0.3].
 *   Acquisitions (0.8%/yr, tilted to quality and small size) delist at a +15–50% premium.
 *   After `delistedAfter` prices and volume are NaN. Seed 42: 84 defaults, 66 takeovers.
 * - Fundamentals (`sample/statements.ts`): calendar-quarter filings from one year before the first
 *   session, published 28–60 days after the quarter end (small companies later). Assets start at
 *   cap × e^(0.45·leverage) and grow with half the stock's log return; debt (debt/assets up to
 *   0.6, short-term share rising with leverage) follows asset growth only by the square root, so
 *   falling levered names lever up. Revenue, margins, interest (T-bill + a leverage-driven
 *   spread), capex and cash flow follow the traits. Shares are as reported at the period end
 *   (they multiply on splits). Flows become TTM through `statementsToRows`.
 * - Funds (`sample/indices.ts`): total-return levels computed from the stocks, reconstituted
 *   yearly: SYN_LARGE (cap-weighted top 20% by cap), SYN_SMALL (cap-weighted rest), SYN_QSMALL
 *   (SYN_SMALL's names, the worst 10% by a filed-fundamentals quality score dropped, the rest
 *   tilted to quality; ~+1%/yr over SYN_SMALL). Roles smallCap, qualitySmallCap, largeCap.
 * - SYN_BOND (`sample/bond.ts`): a long Treasury index on the T-bill plus a term spread
 *   (duration 17, like TLT). Role bond.
 * - `rates.tbill3m`: daily 3-month bill, an Ornstein-Uhlenbeck walk along a hike/zero/hike/cut
 *   story within [0, 6%], rounded to 0.01 percentage points like FRED's DTB3.
 */

import { createHash } from 'node:crypto';
import { eventTable, AssetClass, PriceKind, type Market } from './market.ts';
import { Fundamentals } from './fundamentals.ts';
import { statementsToRows, type Statement } from './fundamentals/statements.ts';
import { UserError } from './errors.ts';
import { parseIsoDay } from './dates.ts';
import { businessDays, quartersWithin, yearStarts } from './sample/calendar.ts';
import { simulateFactors, simulateTbillPercent } from './sample/factors.ts';
import { drawTraits, SECTORS, type SampleTraits } from './sample/traits.ts';
import { simulatePrices } from './sample/prices.ts';
import { sampleStatements } from './sample/statements.ts';
import { computeSampleIndices, SAMPLE_FUNDS, SAMPLE_FUND_ORDER } from './sample/indices.ts';
import { SAMPLE_BOND, simulateBondLevels } from './sample/bond.ts';

export { DelistKind } from './sample/prices.ts';
export { SAMPLE_FUNDS } from './sample/indices.ts';
export { SAMPLE_BOND } from './sample/bond.ts';

/** Bump whenever generated numbers change, so caches and manifests tell vintages apart. */
export const SAMPLE_GENERATOR_VERSION = 2;

/** What generateSampleMarket makes; every field optional (SAMPLE_DEFAULTS), each checked as written here. */
export interface SampleOptions {
  /** Random seed, an integer (default 42): the same seed and options give the same market, byte for byte, on any machine. */
  readonly seed?: number;
  /** Number of synthetic stocks SYN0001…, an integer ≥ 10 (default 600; the indices need a cross-section); the three funds and the bond fund come on top. */
  readonly stocks?: number;
  /** Length in calendar years, an integer from 1 to 100 (default 20): the sessions run from startDate to the same day `years` later, exclusive. */
  readonly years?: number;
  /** First calendar day, an ISO date `YYYY-MM-DD` from 1800 on (default '2005-01-03'); sessions are its weekdays less Jan 1, Jul 4 and Dec 25, so a weekend start begins on the Monday. */
  readonly startDate?: string;
}

export const SAMPLE_DEFAULTS = { seed: 42, stocks: 600, years: 20, startDate: '2005-01-03' } as const;

/** What the generator knows beyond the Market: the truth behind it, for tests and the CSV writer. */
export interface SampleDetails {
  readonly options: Required<SampleOptions>;
  readonly traits: SampleTraits;
  /** Per stock: DelistKind (none, bankruptcy, acquisition). */
  readonly delistKind: Uint8Array;
  /** The quarterly filings as published (not TTM), in generation order. */
  readonly statements: readonly Statement[];
  /** The T-bill in percent, as FRED prints it (rates.tbill3m = this / 100). */
  readonly tbillPercent: Float64Array;
}

/** The SYNTHETIC sample market (generateSampleMarket): a Market with every bar's open, high and low, and what the generator knows beyond it (`sample`: its options, the stocks' traits, delistings and filings). */
export interface SampleMarket extends Market {
  /** The sample has every bar's open, high and low. */
  readonly open: Float64Array;
  readonly high: Float64Array;
  readonly low: Float64Array;
  readonly sample: SampleDetails;
}

/** Stock symbols SYN0001… (zero-padded to at least four digits), then the three equity funds and the bond fund. */
export function sampleSymbols(stocks: number): string[] {
  const width = Math.max(4, String(stocks).length);
  return [...Array.from({ length: stocks }, (_, i) => `SYN${String(i + 1).padStart(width, '0')}`), ...SAMPLE_FUND_ORDER, SAMPLE_BOND];
}

/** The bond fund's column: an index level, traded at it (open = high = low = close), ample volume. */
function writeBond(columns: { open: Float64Array; high: Float64Array; low: Float64Array; close: Float64Array; volume: Float64Array; stride: number }, i: number, levels: Float64Array): void {
  for (let t = 0; t < levels.length; t++) {
    const k = t * columns.stride + i;
    columns.open[k] = columns.high[k] = columns.low[k] = columns.close[k] = levels[t];
    columns.volume[k] = 1e8;
  }
}

/**
 * The built-in SYNTHETIC market (the model: data/sample.ts's header): stocks SYN0001… with
 * point-in-time fundamentals, splits, dividends and delistings, the funds SYN_LARGE, SYN_SMALL
 * and SYN_QSMALL built from them (roles @largeCap, @smallCap, @qualitySmallCap: SAMPLE_FUNDS),
 * the bond fund SYN_BOND (@bond) and a T-bill rate series (rates.tbill3m, an annual decimal). Prices are raw quotes
 * in dollars with open, high, low and volume (shares); `synthetic` is true, so every run on it
 * says the numbers are generated. Deterministic: the same options give the same market and
 * `fingerprint`.
 * The whole sample, always: to keep some symbols or a period of it, loadSampleMarket.
 * @throws UserError (one line naming the option) for an option outside SampleOptions' ranges:
 *   a seed that is not an integer, fewer than 10 stocks, years outside 1–100, a startDate that is
 *   not an ISO date; or for a key SampleOptions lacks (`symbols`: loadSampleMarket selects them).
 */
export function generateSampleMarket(options: SampleOptions = {}): SampleMarket {
  const opts = resolveOptions(options);
  const { seed, stocks: n } = opts;
  const dates = businessDays(parseIsoDay(opts.startDate), opts.years);
  const sessions = dates.length;
  const symbols = sampleSymbols(n);
  const total = symbols.length;
  const cells = sessions * total;
  const columns = {
    open: new Float64Array(cells),
    high: new Float64Array(cells),
    low: new Float64Array(cells),
    close: new Float64Array(cells),
    volume: new Float64Array(cells),
    stride: total,
  };

  const traits = drawTraits(n, sessions, seed);
  const factors = simulateFactors(sessions, SECTORS.length, seed);
  const quarters = quartersWithin(dates, 1);
  const prices = simulatePrices(traits, factors, SECTORS.length, quarters.map((q) => q.session), columns, seed);
  const tbillPercent = simulateTbillPercent(sessions, seed);
  const tbill = tbillPercent.map((pct) => pct / 100);
  const statements = sampleStatements({ traits, prices, quarters, dates, tbill, seed });
  const fundamentals = new Fundamentals(total, statementsToRows(statements));
  const splits = eventTable(sessions, prices.splits);
  const dividends = eventTable(sessions, prices.dividends);
  const delistedAfter = new Int32Array(total).fill(-1);
  delistedAfter.set(prices.delistedAfter);
  const delistReturn = new Float64Array(total).fill(NaN);
  delistReturn.set(prices.delistReturn);
  computeSampleIndices({
    columns,
    stocks: n,
    dates,
    splits,
    dividends,
    delistReturn,
    sharesAtListing: traits.sharesAtListing,
    listedFrom: traits.listedFrom,
    reconstitutions: yearStarts(dates),
    fundamentals,
  });
  writeBond(columns, n + SAMPLE_FUND_ORDER.length, simulateBondLevels(dates, tbill, seed));

  const isFund = (i: number): boolean => i >= n;
  const fingerprint = sampleFingerprint(opts);
  return {
    name: `sample universe (SYNTHETIC, seed ${seed})`,
    synthetic: true,
    symbols,
    dates,
    open: columns.open,
    high: columns.high,
    low: columns.low,
    close: columns.close,
    volume: columns.volume,
    priceKind: Uint8Array.from(symbols, (_, i) => (isFund(i) ? PriceKind.totalReturn : PriceKind.raw)),
    assetClass: Uint8Array.from(symbols, (_, i) => (isFund(i) ? AssetClass.fund : AssetClass.stock)),
    sector: symbols.map((_, i) => (isFund(i) ? '' : SECTORS[traits.sector[i]].name)),
    industry: symbols.map((_, i) => (isFund(i) ? '' : SECTORS[traits.sector[i]].industries[traits.industry[i]])),
    splits,
    dividends,
    delistedAfter,
    delistReturn,
    fundamentals,
    rates: { tbill3m: { name: 'tbill3m', dates, values: tbill } },
    roles: { ...SAMPLE_FUNDS, bond: SAMPLE_BOND },
    sources: [
      {
        path: 'builtin:sample',
        format: 'synthetic',
        fingerprint,
        notes: [
          `SYNTHETIC data generated by breadth's sample model v${SAMPLE_GENERATOR_VERSION} (seed ${seed}, ${n} stocks, ${opts.years} years from ${opts.startDate}); not market history`,
        ],
      },
    ],
    fingerprint,
    sample: { options: opts, traits, delistKind: prices.delistKind, statements, tbillPercent },
  };
}

/**
 * An option generateSampleMarket does not know is refused, never dropped: `symbols` (or `from`,
 * `to`) given here would leave the sample whole behind the caller's back.
 */
function checkOptionNames(options: SampleOptions): void {
  const unknown = Object.keys(options).filter((key) => !Object.hasOwn(SAMPLE_DEFAULTS, key));
  if (unknown.length === 0) return;
  const names = Object.keys(SAMPLE_DEFAULTS).join(', ');
  throw new UserError(`${unknown.join(', ')}: not ${unknown.length === 1 ? 'an option' : 'options'} of the sample (${names}); it is generated whole: to keep some symbols or a period of it, loadSampleMarket(options, { symbols, from, to })`);
}

function resolveOptions(options: SampleOptions): Required<SampleOptions> {
  checkOptionNames(options);
  const opts = {
    seed: options.seed ?? SAMPLE_DEFAULTS.seed,
    stocks: options.stocks ?? SAMPLE_DEFAULTS.stocks,
    years: options.years ?? SAMPLE_DEFAULTS.years,
    startDate: options.startDate ?? SAMPLE_DEFAULTS.startDate,
  };
  if (!Number.isInteger(opts.seed)) throw new UserError(`sample seed must be an integer, got ${opts.seed}`);
  if (!Number.isInteger(opts.stocks) || opts.stocks < 10) {
    throw new UserError(`sample stocks must be an integer of at least 10 (the indices need a cross-section), got ${opts.stocks}`);
  }
  if (!Number.isInteger(opts.years) || opts.years < 1 || opts.years > 100) {
    throw new UserError(`sample years must be an integer from 1 to 100, got ${opts.years}`);
  }
  if (Number.isNaN(parseIsoDay(opts.startDate))) {
    throw new UserError(`sample startDate must be an ISO date like 2005-01-03, got "${opts.startDate}"`);
  }
  return opts;
}

/** Hash of everything that determines the sample's bytes. */
function sampleFingerprint(opts: Required<SampleOptions>): string {
  const key = JSON.stringify({ generator: 'breadth-sample', version: SAMPLE_GENERATOR_VERSION, ...opts });
  return createHash('sha256').update(key).digest('hex');
}
